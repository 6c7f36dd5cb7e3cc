// A job post's body and its flags (job.h).
#include "jobs/job.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/phone.h"
#include "core/text.h"
#include "core/text_grams.h"
#include "http/json_input.h"

namespace warmcity::jobs {
namespace {

struct FlagTerm {
  const char* term;
  const char* kind;
};

// The closed word list: requirements the Employment Promotion Law and the
// HR-market rules forbid a post to make (sex, ethnicity, religion, carriers
// of infectious disease, household registration).
constexpr std::array<FlagTerm, 29> kFlagTerms{{
    {"限男", "sex"},           {"限女", "sex"},        {"男性", "sex"},
    {"女性", "sex"},           {"仅招男", "sex"},      {"仅招女", "sex"},
    {"男士优先", "sex"},       {"女士优先", "sex"},    {"只招男", "sex"},
    {"只招女", "sex"},         {"汉族", "ethnicity"},  {"民族", "ethnicity"},
    {"少数民族", "ethnicity"}, {"宗教", "religion"},   {"信仰", "religion"},
    {"信教", "religion"},      {"乙肝", "health"},     {"携带者", "health"},
    {"hiv", "health"},         {"艾滋", "health"},     {"大三阳", "health"},
    {"小三阳", "health"},      {"本地户口", "origin"}, {"农村户口", "origin"},
    {"城镇户口", "origin"},    {"本地户籍", "origin"}, {"外地户口", "origin"},
    {"户籍限制", "origin"},    {"非农户口", "origin"},
}};

// The code point starting at s[i] and its length in bytes (valid UTF-8).
std::pair<char32_t, size_t> code_point_at(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < n && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  return {cp, std::min(n, s.size() - i)};
}

// Invisible format characters (Unicode Cf) a word can hide behind.
bool is_format_char(char32_t c) {
  return c == 0xAD || (c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F ||
         c == 0x180E || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB);
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// Blanks and middle dots, dropped between the characters of a flagged term.
bool is_squeezed(char32_t c) {
  return c == ' ' || c == 0x3000 || c == 0xA0 || c == 0xB7 || c == 0x30FB || c == 0x2027 ||
         c == 0x2022 || (c >= 0x2000 && c <= 0x200A) || is_control(c) || is_format_char(c);
}

// Whether `s` shows nothing: only blanks, line breaks and invisible characters.
bool is_blank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto [c, n] = code_point_at(s, i);
    if (!is_squeezed(c) || c == 0xB7 || c == 0x30FB || c == 0x2027 || c == 0x2022) return false;
    i += n;
  }
  return true;
}

void flag_field(std::vector<Flag>& out, const char* field, const std::string& text) {
  const std::string folded = squeezed_fold(text);
  for (const FlagTerm& t : kFlagTerms) {
    if (folded.find(t.term) != std::string::npos) out.push_back({field, t.term, t.kind});
  }
}

// The text of `field` trimmed, refused (by name) when blank or holding a
// character text_refusal() refuses.
void check_text(http::FieldReader& in, const char* field, std::optional<std::string>& v,
                bool multiline) {
  if (!v) return;
  v = std::string(core::trim_blanks(*v));
  if (is_blank(*v)) return in.fail(field, "must not be blank");
  if (std::optional<std::string> why = text_refusal(*v, multiline)) in.fail(field, *why);
}

}  // namespace

std::optional<std::string> text_refusal(std::string_view s, bool multiline) {
  for (size_t i = 0; i < s.size();) {
    const auto [c, n] = code_point_at(s, i);
    i += n;
    if (c == '\n' && multiline) continue;
    if (is_control(c)) {
      return multiline ? "must not hold control characters (only line breaks)"
                       : "must not hold control characters or line breaks";
    }
    if (is_format_char(c)) return "must not hold invisible format characters";
  }
  return std::nullopt;
}

std::string squeezed_fold(std::string_view s) {
  const std::string folded = core::fold_for_search(s);
  std::string out;
  out.reserve(folded.size());
  for (size_t i = 0; i < folded.size();) {
    const auto [c, n] = code_point_at(folded, i);
    if (!is_squeezed(c)) out.append(folded, i, n);
    i += n;
  }
  return out;
}

Result<PostFields> read_post(const nlohmann::json& body, core::LocalDate today) {
  http::FieldReader in(body);
  PostFields p;
  auto employer = in.required_int("employer_id", 1, INT64_MAX);
  auto title = in.required_string("title", 1, 60);
  auto headcount = in.required_int("headcount", 1, 10000);
  auto conditions = in.required_string("conditions", 1, 2000);
  auto duties = in.required_string("duties", 1, 2000);
  auto place = in.required_string("place", 1, 2000);
  std::optional<int64_t> area;
  if (in.has("area_id") && !body.at("area_id").is_null()) {
    area = in.required_int("area_id", 1, INT64_MAX);
  } else {
    in.known({"area_id"});
  }
  auto pay_min = in.required_int("pay_min_fen", 1, 100'000'000);
  auto pay_max = in.required_int("pay_max_fen", 1, 100'000'000);
  auto hours = in.required_string("hours", 1, 200);
  auto contact_name = in.required_string("contact_name", 1, 50);
  auto contact_phone = in.required_string("contact_phone", 1, 20);
  auto valid_until = in.required_string("valid_until", 10, 10);
  std::optional<int64_t> publisher;
  if (in.has("publisher_org_id") && !body.at("publisher_org_id").is_null()) {
    publisher = in.required_int("publisher_org_id", 1, INT64_MAX);
  } else {
    in.known({"publisher_org_id"});
  }
  in.reject_unknown();
  check_text(in, "title", title, false);
  check_text(in, "conditions", conditions, true);
  check_text(in, "duties", duties, true);
  check_text(in, "place", place, false);
  check_text(in, "hours", hours, false);
  check_text(in, "contact_name", contact_name, false);
  if (contact_phone) contact_phone = std::string(core::trim_blanks(*contact_phone));
  if (pay_min && pay_max && *pay_min > *pay_max) {
    in.fail("pay_max_fen", "must be at least pay_min_fen");
  }
  if (contact_phone && !core::is_valid_phone(*contact_phone)) {
    in.fail("contact_phone", "is not a mainland mobile or landline number");
  }
  if (valid_until) {
    Result<core::LocalDate> d = core::parse_date(*valid_until);
    if (!d.ok()) {
      in.fail("valid_until", "must be a day YYYY-MM-DD");
    } else {
      const int64_t ahead = core::days_from_civil(*d) - core::days_from_civil(today);
      if (ahead < 0) in.fail("valid_until", "is in the past");
      if (ahead > kMaxValidDays) in.fail("valid_until", "is more than 180 days ahead");
    }
  }
  if (!in.ok()) return in.status();
  p.employer_id = *employer;
  p.title = std::move(*title);
  p.headcount = *headcount;
  p.conditions = std::move(*conditions);
  p.duties = std::move(*duties);
  p.place = std::move(*place);
  p.area_id = area;
  p.pay_min_fen = *pay_min;
  p.pay_max_fen = *pay_max;
  p.hours = std::move(*hours);
  p.contact_name = std::move(*contact_name);
  p.contact_phone = std::move(*contact_phone);
  p.valid_until = std::move(*valid_until);
  p.publisher_org_id = publisher;
  return p;
}

std::vector<Flag> find_flags(const PostFields& p) {
  std::vector<Flag> out;
  flag_field(out, "title", p.title);
  flag_field(out, "conditions", p.conditions);
  flag_field(out, "duties", p.duties);
  flag_field(out, "place", p.place);
  flag_field(out, "hours", p.hours);
  flag_field(out, "contact_name", p.contact_name);
  return out;
}

std::string flags_json(const std::vector<Flag>& flags) {
  nlohmann::json a = nlohmann::json::array();
  for (const Flag& f : flags) a.push_back({{"field", f.field}, {"term", f.term}, {"kind", f.kind}});
  return a.dump();
}

std::string searchable_text(const PostFields& p, std::string_view employer_name) {
  std::string s = p.title;
  for (std::string_view part : {employer_name, std::string_view(p.duties),
                                std::string_view(p.conditions), std::string_view(p.place)}) {
    s += ' ';
    s += part;
  }
  return core::fold_for_search(s);
}

}  // namespace warmcity::jobs
