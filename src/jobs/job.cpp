// A job post's body and its flags (job.h).
#include "jobs/job.h"

#include <array>
#include <nlohmann/json.hpp>

#include "core/phone.h"
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

void flag_field(std::vector<Flag>& out, const char* field, const std::string& text) {
  const std::string folded = core::fold_for_search(text);
  for (const FlagTerm& t : kFlagTerms) {
    if (folded.find(t.term) != std::string::npos) out.push_back({field, t.term, t.kind});
  }
}

}  // namespace

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
