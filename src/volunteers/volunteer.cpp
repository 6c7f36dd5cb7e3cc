// A volunteer's pure rules (volunteer.h).
#include "volunteers/volunteer.h"

#include <utility>

namespace warmcity::volunteers {

namespace {

Status volunteer_refusal(const std::string& field, const std::string& message) {
  return Status::Unprocessable(field + ": " + message, {{field, message}});
}

bool same_trainings(const std::vector<Training>& a, const std::vector<Training>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].completed_on != b[i].completed_on) return false;
  }
  return true;
}

bool same_guardian(const std::optional<GuardianConsent>& a,
                   const std::optional<GuardianConsent>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->guardian_name == b->guardian_name && a->guardian_phone == b->guardian_phone &&
         a->relation == b->relation;
}

}  // namespace

bool is_resident_id_shaped(std::string_view id_number) {
  if (id_number.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (id_number[i] < '0' || id_number[i] > '9') return false;
  }
  const char last = id_number[17];
  return (last >= '0' && last <= '9') || last == 'X';
}

std::optional<int> volunteer_age(std::string_view birth, core::LocalDate on) {
  Result<core::LocalDate> b = core::parse_birth_date(birth);
  if (!b.ok()) return std::nullopt;
  int years = on.year - b->year;
  if (on.month < b->month || (on.month == b->month && on.day < b->day)) --years;
  return years;
}

Status check_age(const std::optional<std::string>& birth_date,
                 const std::optional<GuardianConsent>& guardian, core::LocalDate registered_on) {
  if (!birth_date) return Status::Ok();
  std::optional<int> age = volunteer_age(*birth_date, registered_on);
  if (!age) return volunteer_refusal("birth_date", "a date YYYY-MM-DD");
  if (*age < kVolunteerMinAge) return volunteer_refusal("birth_date", "志愿者须年满14周岁");
  if (*age < kVolunteerAdultAge && !guardian)
    return volunteer_refusal("guardian_consent", "a volunteer under 18 needs a guardian's consent");
  return Status::Ok();
}

Status check_volunteer(const VolunteerRow& v, core::LocalDate registered_on) {
  if (v.id_type.has_value() != v.id_number.has_value())
    return volunteer_refusal(v.id_type ? "id_number" : "id_type",
                             "the ID type and number are given together");
  if (v.id_type && *v.id_type == "resident_id" && !is_resident_id_shaped(*v.id_number))
    return volunteer_refusal("id_number", "a resident ID is 17 digits and a digit or X");
  return check_age(v.birth_date, v.guardian, registered_on);
}

std::string mask_id_number(std::string_view id_number) {
  // Counted in characters (UTF-8 code points), so an "other" ID in Chinese
  // masks whole characters.
  std::vector<std::string_view> chars;
  for (size_t i = 0; i < id_number.size();) {
    size_t n = 1;
    while (i + n < id_number.size() &&
           (static_cast<unsigned char>(id_number[i + n]) & 0xC0) == 0x80)
      ++n;
    chars.push_back(id_number.substr(i, n));
    i += n;
  }
  std::string out;
  if (chars.size() <= 5) return std::string(chars.size(), '*');
  for (size_t i = 0; i < chars.size(); ++i) {
    if (i < 3 || i + 2 >= chars.size()) {
      out += chars[i];
    } else {
      out += '*';
    }
  }
  return out;
}

VolunteerRow apply_patch(const VolunteerRow& v, const VolunteerPatch& p, int64_t by, int64_t now,
                         std::vector<std::string>& changed) {
  VolunteerRow out = v;
  auto set = [&changed](auto& field, const auto& value, const char* name) {
    if (field == value) return;
    field = value;
    changed.push_back(name);
  };
  if (p.name) set(out.name, *p.name, "name");
  if (p.phone) set(out.phone, std::optional<std::string>(*p.phone), "phone");
  if (p.id_type) set(out.id_type, std::optional<std::string>(*p.id_type), "id_type");
  if (p.id_number) set(out.id_number, std::optional<std::string>(*p.id_number), "id_number");
  if (p.birth_date) set(out.birth_date, std::optional<std::string>(*p.birth_date), "birth_date");
  if (p.gender) set(out.gender, *p.gender, "gender");
  if (p.skills) set(out.skills, *p.skills, "skills");
  if (p.availability) set(out.availability, *p.availability, "availability");
  if (p.trainings && !same_trainings(out.trainings, *p.trainings)) {
    out.trainings = *p.trainings;
    changed.push_back("trainings");
  }
  if (p.insurance_until) set(out.insurance_until, *p.insurance_until, "insurance_until");
  if (p.public_name) set(out.public_name, *p.public_name, "public_name");
  if (p.user_id) set(out.user_id, *p.user_id, "user_id");
  if (p.status) set(out.status, *p.status, "status");
  if (p.guardian && !same_guardian(out.guardian, *p.guardian)) {
    out.guardian = *p.guardian;
    if (out.guardian) {
      out.guardian->recorded_by = by;
      out.guardian->recorded_at = now;
    }
    changed.push_back("guardian_consent");
  }
  return out;
}

}  // namespace warmcity::volunteers
