// A child's bodies (child.h).
#include "afterschool/child.h"

#include <nlohmann/json.hpp>

#include "activities/activity.h"
#include "afterschool/pickup_adult.h"
#include "core/phone.h"
#include "core/text.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

namespace {

// consent must be present and true.
void child_require_consent(http::FieldReader& in, const std::string& what) {
  std::optional<bool> consent = in.optional_bool("consent");
  if (!consent || !*consent) in.fail("consent", "must be true: " + what);
}

// health_notes: 0–500 characters, trimmed; empty counts as none.
std::optional<std::string> child_health_notes(http::FieldReader& in) {
  std::optional<std::string> s = in.optional_string("health_notes", 0, 500);
  if (!s) return s;
  std::string t(core::trim_blanks(*s));
  if (t.empty()) return std::nullopt;
  return t;
}

// "YYYY-MM-DD" from 1900 on: a birth date may precede core::parse_date's
// first year (1970), a grandmother's often does.
std::optional<core::LocalDate> family_parse_birth(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&s](size_t at, size_t n) -> int {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4);
  const int m = digits(5, 2);
  const int d = digits(8, 2);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > core::days_in_month(y, m)) return std::nullopt;
  return core::LocalDate{y, m, d};
}

}  // namespace

int age_on(core::LocalDate birth, core::LocalDate on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

std::optional<core::LocalDate> family_date(http::FieldReader& in, const std::string& field,
                                           bool required) {
  std::optional<std::string> s =
      required ? in.required_string(field, 0, 40) : in.optional_string(field, 0, 40);
  if (!s) return std::nullopt;
  Result<core::LocalDate> d = core::parse_date(*s);
  if (!d.ok()) {
    in.fail(field, "a date YYYY-MM-DD");
    return std::nullopt;
  }
  return *d;
}

std::optional<core::LocalDate> family_birth_date(http::FieldReader& in, core::LocalDate today,
                                                 int min_age, int max_age,
                                                 const std::string& too_young,
                                                 const std::string& too_old) {
  std::optional<std::string> text = in.required_string("birth_date", 0, 40);
  if (!text) return std::nullopt;
  std::optional<core::LocalDate> d = family_parse_birth(*text);
  if (!d) {
    in.fail("birth_date", "a date YYYY-MM-DD");
    return std::nullopt;
  }
  if (*d > today) {
    in.fail("birth_date", "must not be in the future");
    return std::nullopt;
  }
  const int age = age_on(*d, today);
  if (age < min_age) {
    in.fail("birth_date", too_young);
    return std::nullopt;
  }
  if (age > max_age) {
    in.fail("birth_date", too_old);
    return std::nullopt;
  }
  return d;
}

Result<ChildFields> read_child(const nlohmann::json& body, core::LocalDate today) {
  http::FieldReader in(body);
  ChildFields f;
  f.name = activities::trimmed_text(in, "name", 1, 30, true).value_or("");
  f.school = activities::trimmed_text(in, "school", 1, 60, true).value_or("");
  f.grade = activities::trimmed_text(in, "grade", 1, 20, true).value_or("");
  f.birth_date =
      family_birth_date(in, today, kChildMinAge, kChildMaxAge,
                        "the child must be at least 3 years old", "the child must be 17 or younger")
          .value_or(core::LocalDate{});
  f.health_notes = child_health_notes(in);
  f.relation = activities::trimmed_text(in, "relation", 1, 20, true).value_or("");
  f.photo = family_photo(body, in);
  child_require_consent(in, "the separate consent to process the child's data");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return f;
}

Result<ChildPatch> read_child_patch(const nlohmann::json& body) {
  http::FieldReader in(body);
  ChildPatch p;
  p.name = activities::trimmed_text(in, "name", 1, 30, false);
  p.school = activities::trimmed_text(in, "school", 1, 60, false);
  p.grade = activities::trimmed_text(in, "grade", 1, 20, false);
  if (auto it = body.find("health_notes"); it != body.end()) {
    if (it->is_null()) {
      in.known({"health_notes"});
      p.health_notes.emplace(std::nullopt);
    } else {
      std::optional<std::string> notes = child_health_notes(in);
      if (in.ok()) p.health_notes.emplace(std::move(notes));
    }
  }
  p.photo = family_photo_patch(body, in);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  if (!p.name && !p.school && !p.grade && !p.health_notes && !p.photo)
    return Status::Unprocessable("nothing to change",
                                 {{"name", "give name, school, grade, health_notes or photo"}});
  return p;
}

Result<GuardianInvite> read_guardian_invite(const nlohmann::json& body) {
  http::FieldReader in(body);
  GuardianInvite g;
  std::optional<std::string> phone = in.required_string("phone", 1, 20);
  if (phone && !core::is_valid_phone(*phone)) in.fail("phone", "not a phone number");
  g.phone = phone.value_or("");
  g.relation = activities::trimmed_text(in, "relation", 1, 20, true).value_or("");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return g;
}

Result<int64_t> read_enrolment(const nlohmann::json& body) {
  http::FieldReader in(body);
  std::optional<int64_t> id = in.required_int("programme_id", 1, INT64_MAX);
  child_require_consent(in,
                        "consent to the programme's care and its staff reading the child's data");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return *id;
}

}  // namespace warmcity::afterschool
