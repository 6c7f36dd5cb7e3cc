// A job post's shape and rules (docs/jobs.md "Posts"): the fields a publisher
// writes, how the body of POST/PUT /api/v1/jobs is read and checked (every
// refusal names its field), and the discriminatory requirements found in its
// text for the reviewer. Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/status.h"
#include "core/time.h"

namespace warmcity::jobs {

inline constexpr int kMaxValidDays = 180;  // valid_until: today .. today + 180 days

// What a publisher writes (the body of POST and PUT /api/v1/jobs).
struct PostFields {
  int64_t employer_id = 0;
  std::string title;       // 1..60 characters
  int64_t headcount = 1;   // 1..10000
  std::string conditions;  // each 1..2000 characters
  std::string duties;
  std::string place;
  std::optional<int64_t> area_id;
  int64_t pay_min_fen = 0;  // 0 < min <= max, fen per month
  int64_t pay_max_fen = 0;
  std::string hours;                        // 1..200 characters
  std::string contact_name;                 // 1..50 characters
  std::string contact_phone;                // core::is_valid_phone: the employer's business number
  std::string valid_until;                  // YYYY-MM-DD, a district day
  std::optional<int64_t> publisher_org_id;  // admins name it; staff of several orgs too
};

// A discriminatory requirement in a post's text: the field, the term found,
// its kind ("sex", "ethnicity", "religion", "health", "origin").
struct Flag {
  std::string field;
  std::string term;
  std::string kind;
};

// Reads and checks a post's body against `today` (the district day).
// kUnprocessable with every bad field named (missing or fractional pay,
// min > max, headcount 0, valid_until past or more than 180 days ahead, a
// phone core::is_valid_phone refuses, over-long text, unknown fields).
Result<PostFields> read_post(const nlohmann::json& body, core::LocalDate today);

// Why a piece of post, complaint or note text is refused, or nullopt: a C0
// control character (a line break is allowed when `multiline`), DEL or a C1
// control, or an invisible format character (U+00AD, U+200B–U+200F,
// U+202A–U+202E, U+2060–U+206F, U+FEFF, …) that would hide a word from the
// flags and the search. REQUIRES: `s` is valid UTF-8.
std::optional<std::string> text_refusal(std::string_view s, bool multiline);

// `s` folded (core::fold_for_search) with every blank, middle dot and
// invisible format character removed: "限 男", "限\u200b男" and "限·男" all
// read 限男 (what the flags are matched against).
std::string squeezed_fold(std::string_view s);

// The flags of every free-text field of the post (title, conditions, duties,
// place, hours, contact_name, in that order), each term once per field,
// matched against squeezed_fold: a closed word list per kind. Flags never
// refuse a post; they show the reviewer what to look at.
std::vector<Flag> find_flags(const PostFields& p);

// Flags as the JSON text job_posts.flags keeps ([{field, term, kind}]).
std::string flags_json(const std::vector<Flag>& flags);

// The text the search looks in: title, employer name, duties, conditions
// and place, separated by blanks (so no gram spans two fields), folded
// (core::fold_for_search).
std::string searchable_text(const PostFields& p, std::string_view employer_name);

}  // namespace warmcity::jobs
