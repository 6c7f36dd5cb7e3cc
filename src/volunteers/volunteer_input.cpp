// The volunteers' request bodies (volunteer_input.h).
#include "volunteers/volunteer_input.h"

#include <string>
#include <utility>
#include <vector>

#include "core/phone.h"
#include "core/utf8.h"
#include "http/json_input.h"

namespace warmcity::volunteers {

namespace {

using nlohmann::json;

// Reads the volunteer's fields from one body, collecting every problem.
class VolunteerBody {
 public:
  VolunteerBody(const json& body, core::LocalDate today) : body_(body), in_(body), today_(today) {}

  http::FieldReader& in() { return in_; }
  bool given(const char* field) const { return body_.contains(field); }
  bool given_null(const char* field) const {
    auto it = body_.find(field);
    return it != body_.end() && it->is_null();
  }
  // A field that may not be null in an edit.
  void refuse_null(const char* field) {
    if (given_null(field)) in_.fail(field, "may not be null");
  }

  std::optional<std::string> phone(const char* field, bool required) {
    std::optional<std::string> p =
        required ? in_.required_string(field, 1, 20) : in_.optional_string(field, 1, 20);
    if (p && !core::is_valid_phone(*p)) {
      in_.fail(field, "a mobile number (11 digits) or a landline with its area code");
      return std::nullopt;
    }
    return p;
  }

  // `birth`: a birth date, from 1900 on (core::parse_birth_date).
  std::optional<std::string> date(const char* field, bool required, bool not_future,
                                  bool birth = false) {
    std::optional<std::string> d =
        required ? in_.required_string(field, 10, 10) : in_.optional_string(field, 1, 40);
    if (!d) return std::nullopt;
    Result<core::LocalDate> parsed = birth ? core::parse_birth_date(*d) : core::parse_date(*d);
    if (!parsed.ok()) {
      in_.fail(field, "a date YYYY-MM-DD");
      return std::nullopt;
    }
    if (not_future && *parsed > today_) {
      in_.fail(field, "may not be in the future");
      return std::nullopt;
    }
    return d;
  }

  std::optional<std::string> one_of(const char* field, bool required,
                                    std::initializer_list<const char*> allowed) {
    std::optional<std::string> v =
        required ? in_.required_string(field, 1, 20) : in_.optional_string(field, 1, 20);
    if (!v) return std::nullopt;
    std::string names;
    for (const char* a : allowed) {
      if (*v == a) return v;
      names += names.empty() ? a : std::string(" | ") + a;
    }
    in_.fail(field, "one of " + names);
    return std::nullopt;
  }

  // id_type and id_number (a resident ID's shape when both are here).
  void identity(bool required, std::optional<std::string>& type,
                std::optional<std::string>& number) {
    type = one_of("id_type", required, {"resident_id", "passport", "other"});
    number = required ? in_.required_string("id_number", 1, 40)
                      : in_.optional_string("id_number", 1, 40);
    if (number && number->size() == 18 && number->back() == 'x') number->back() = 'X';
    if (type && number && *type == "resident_id" && !is_resident_id_shaped(*number))
      in_.fail("id_number", "a resident ID is 17 digits and a digit or X");
  }

  std::optional<std::vector<std::string>> skills() {
    in_.known({"skills"});
    auto it = body_.find("skills");
    if (it == body_.end() || it->is_null()) return std::nullopt;
    if (!it->is_array() || it->size() > 20) {
      in_.fail("skills", "a list of at most 20 skills");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (size_t i = 0; i < it->size(); ++i) {
      const json& s = (*it)[i];
      const std::string field = "skills[" + std::to_string(i) + "]";
      std::optional<size_t> len =
          s.is_string() ? core::utf8_length(s.get_ref<const std::string&>()) : std::nullopt;
      if (!len || *len < 1 || *len > 20) {
        in_.fail(field, "a skill of 1 to 20 characters");
        continue;
      }
      out.push_back(s.get<std::string>());
    }
    return out;
  }

  std::optional<std::vector<Training>> trainings() {
    in_.known({"trainings"});
    auto it = body_.find("trainings");
    if (it == body_.end() || it->is_null()) return std::nullopt;
    if (!it->is_array() || it->size() > 20) {
      in_.fail("trainings", "a list of at most 20 trainings");
      return std::nullopt;
    }
    std::vector<Training> out;
    for (size_t i = 0; i < it->size(); ++i) {
      const std::string prefix = "trainings[" + std::to_string(i) + "]";
      const json& t = (*it)[i];
      if (!t.is_object()) {
        in_.fail(prefix, "an object {name, completed_on}");
        continue;
      }
      VolunteerBody inner(t, today_);
      std::optional<std::string> name = inner.in().required_string("name", 1, 40);
      std::optional<std::string> done = inner.date("completed_on", true, false);
      inner.in().reject_unknown();
      if (!inner.in().ok()) {
        nest(prefix, inner.in());
        continue;
      }
      out.push_back({*name, *done});
    }
    return out;
  }

  // guardian_consent: nullopt when absent or null (given_null tells which).
  std::optional<GuardianConsent> guardian() {
    in_.known({"guardian_consent"});
    auto it = body_.find("guardian_consent");
    if (it == body_.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) {
      in_.fail("guardian_consent", "an object {guardian_name, guardian_phone, relation} or null");
      return std::nullopt;
    }
    VolunteerBody inner(*it, today_);
    GuardianConsent g;
    std::optional<std::string> name = inner.in().required_string("guardian_name", 1, 40);
    std::optional<std::string> phone = inner.phone("guardian_phone", true);
    std::optional<std::string> relation = inner.in().required_string("relation", 1, 10);
    inner.in().reject_unknown();
    if (!inner.in().ok()) {
      nest("guardian_consent", inner.in());
      return std::nullopt;
    }
    return GuardianConsent{*name, *phone, *relation, std::nullopt, std::nullopt};
  }

  Status finish() {
    in_.reject_unknown();
    if (in_.ok()) return Status::Ok();
    return in_.status();
  }

 private:
  // Copies an inner object's errors under `prefix` (prefix.field).
  void nest(const std::string& prefix, const http::FieldReader& inner) {
    const Status problems = inner.status();
    for (const FieldError& e : problems.field_errors()) in_.fail(prefix + "." + e.field, e.message);
  }

  const json& body_;
  http::FieldReader in_;
  core::LocalDate today_;
};

}  // namespace

Result<VolunteerFields> read_volunteer(const json& body, core::LocalDate today) {
  VolunteerBody b(body, today);
  VolunteerFields f;
  std::optional<int64_t> team = b.in().required_int("team_id", 1, INT64_MAX);
  std::optional<std::string> name = b.in().required_string("name", 1, 40);
  std::optional<std::string> phone = b.phone("phone", true);
  std::optional<std::string> type, number;
  b.identity(true, type, number);
  std::optional<std::string> birth = b.date("birth_date", true, true, true);
  f.gender = b.one_of("gender", false, {"female", "male"});
  if (auto s = b.skills()) f.skills = std::move(*s);
  if (auto a = b.in().optional_string("availability", 0, 200)) f.availability = std::move(*a);
  if (auto t = b.trainings()) f.trainings = std::move(*t);
  f.insurance_until = b.date("insurance_until", false, false);
  f.public_name = b.in().optional_bool("public_name").value_or(false);
  f.user_id = b.in().optional_int("user_id", 1, INT64_MAX);
  f.guardian = b.guardian();
  if (Status s = b.finish(); !s.ok()) return s;
  f.team_id = *team;
  f.name = std::move(*name);
  f.phone = std::move(*phone);
  f.id_type = std::move(*type);
  f.id_number = std::move(*number);
  f.birth_date = std::move(*birth);
  return f;
}

Result<VolunteerPatch> read_volunteer_patch(const json& body, core::LocalDate today) {
  VolunteerBody b(body, today);
  VolunteerPatch p;
  for (const char* f : {"name", "phone", "id_type", "id_number", "birth_date", "skills",
                        "availability", "trainings", "public_name", "status"})
    b.refuse_null(f);
  p.name = b.in().optional_string("name", 1, 40);
  p.phone = b.phone("phone", false);
  b.identity(false, p.id_type, p.id_number);
  p.birth_date = b.date("birth_date", false, true, true);
  if (b.given("gender")) p.gender = b.one_of("gender", false, {"female", "male"});
  p.skills = b.skills();
  p.availability = b.in().optional_string("availability", 0, 200);
  p.trainings = b.trainings();
  if (b.given("insurance_until")) p.insurance_until = b.date("insurance_until", false, false);
  p.public_name = b.in().optional_bool("public_name");
  if (b.given("user_id")) p.user_id = b.in().optional_int("user_id", 1, INT64_MAX);
  p.status = b.one_of("status", false, {"active", "left"});
  if (b.given("guardian_consent")) p.guardian = b.guardian();
  if (Status s = b.finish(); !s.ok()) return s;
  return p;
}

Result<int64_t> read_team_join(const json& body) {
  http::FieldReader in(body);
  std::optional<int64_t> team = in.required_int("team_id", 1, INT64_MAX);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return *team;
}

}  // namespace warmcity::volunteers
