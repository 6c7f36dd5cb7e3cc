// A child's bodies (docs/afterschool.md "Children and guardians"), pure: the
// rules a request body must meet, each refusal a 422 naming its field,
// unknown fields refused; and a person's age from their birth date.
//
//   name 1–30, school 1–60, grade 1–20 (三年级), birth_date (not in the
//   future, the child 3–17 years old today), health_notes 0–500 or null,
//   relation 1–20 (the caller's: 母亲, 父亲, 监护人…), consent: true (the
//   separate consent under the children's privacy notice), photo (optional:
//   base64 or a data URL, read as a pickup adult's: family_photo).
// Texts are trimmed and may not be blank (health notes may be empty: none).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/status.h"
#include "core/time.h"
#include "photos/photos.h"

namespace warmcity::http {
class FieldReader;
}

namespace warmcity::afterschool {

// The wording of the consents, recorded with what they were given for.
inline constexpr char kChildConsentVersion[] = "afterschool-children-v1";
inline constexpr char kEnrolmentConsentVersion[] = "afterschool-enrolment-v1";
inline constexpr int kChildMinAge = 3;
inline constexpr int kChildMaxAge = 17;

// Whole years from `birth` to `on` (a 29 February birthday comes on 1 March
// in other years); negative when `birth` is after `on`.
int age_on(core::LocalDate birth, core::LocalDate on);

// POST /api/v1/children.
struct ChildFields {
  std::string name;
  std::string school;
  std::string grade;
  core::LocalDate birth_date;
  std::optional<std::string> health_notes;  // nullopt: none given
  std::string relation;
  std::optional<photos::CheckedPhoto> photo;  // nullopt: none given
};
Result<ChildFields> read_child(const nlohmann::json& body, core::LocalDate today);

// PUT /api/v1/children/{id}: what is present changes; health_notes null
// clears them, photo null removes the photo.
struct ChildPatch {
  std::optional<std::string> name;
  std::optional<std::string> school;
  std::optional<std::string> grade;
  std::optional<std::optional<std::string>> health_notes;
  std::optional<std::optional<photos::CheckedPhoto>> photo;
};
Result<ChildPatch> read_child_patch(const nlohmann::json& body);

// POST /api/v1/children/{id}/guardians: {phone (a valid phone), relation}.
struct GuardianInvite {
  std::string phone;
  std::string relation;
};
Result<GuardianInvite> read_guardian_invite(const nlohmann::json& body);

// POST /api/v1/children/{id}/enrolments: {programme_id, consent: true}.
Result<int64_t> read_enrolment(const nlohmann::json& body);

// A date field read by `in` (YYYY-MM-DD, a refusal names `field`); nullopt
// when absent or refused. Shared with pickup_adult.cpp.
std::optional<core::LocalDate> family_date(http::FieldReader& in, const std::string& field,
                                           bool required);
// A birth date read by `in`: not after `today` and an age from `min_age` to
// `max_age` on `today`, else refused with `too_young` / `too_old`.
std::optional<core::LocalDate> family_birth_date(http::FieldReader& in, core::LocalDate today,
                                                 int min_age, int max_age,
                                                 const std::string& too_young,
                                                 const std::string& too_old);

}  // namespace warmcity::afterschool
