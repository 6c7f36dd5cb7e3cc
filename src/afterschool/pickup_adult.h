// A pickup adult's bodies and code (docs/afterschool.md "Pickup adults and
// their codes"), pure: the rules a request body must meet, each refusal a
// 422 naming its field, unknown fields refused; and the stored form of an
// adult's code.
//
//   name 1–30, relation 1–20, phone (core::is_valid_phone), birth_date
//   (not in the future, 18 or older today), valid_until (a date not before
//   today, or null), photo (base64 or a data URL: photos::photo_from_text),
//   child_ids (1–10 distinct ids; that the caller guards them is the
//   service's check).
//
// The code: 6 digits (accounts::new_code), stored as
// pickup_code_hash(salt, adult_id, code) with a fresh salt per code. Written
// once here: the check-out verifies a code with the same function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "accounts/resident_codes.h"
#include "core/status.h"
#include "core/time.h"
#include "photos/photos.h"

namespace warmcity::http {
class FieldReader;
}

namespace warmcity::afterschool {

inline constexpr int kAdultAge = 18;
inline constexpr size_t kMaxAdultChildren = 10;

// The stored form of an adult's 6-digit code: accounts::code_hash of the
// salt, "adult:<id>" and the code (64 hex digits).
inline std::string pickup_code_hash(std::string_view salt, int64_t adult_id,
                                    std::string_view code) {
  return accounts::code_hash(salt, "adult:" + std::to_string(adult_id), code);
}

// POST /api/v1/my-pickup-adults.
struct PickupAdultFields {
  std::string name;
  std::string relation;
  std::string phone;
  core::LocalDate birth_date;
  std::optional<core::LocalDate> valid_until;
  std::optional<photos::CheckedPhoto> photo;
  std::vector<int64_t> child_ids;
};
Result<PickupAdultFields> read_pickup_adult(const nlohmann::json& body, core::LocalDate today);

// PUT /api/v1/my-pickup-adults/{id}: what is present changes; valid_until
// null clears the date, photo null removes the photo; child_ids replace the
// links.
struct PickupAdultPatch {
  std::optional<std::string> name;
  std::optional<std::string> relation;
  std::optional<std::string> phone;
  std::optional<std::optional<core::LocalDate>> valid_until;
  std::optional<std::optional<photos::CheckedPhoto>> photo;
  std::optional<std::vector<int64_t>> child_ids;
};
Result<PickupAdultPatch> read_pickup_adult_patch(const nlohmann::json& body, core::LocalDate today);

// A photo field, shared by the pickup adults' and the children's bodies
// (child.cpp): `photo`, a JPEG, PNG or WebP as base64 or a data URL
// (photos::photo_from_text), else refused naming `photo`. family_photo:
// nullopt when absent, null (none) or refused. family_photo_patch (an edit):
// nullopt when absent or refused, an empty photo for null (remove it).
std::optional<photos::CheckedPhoto> family_photo(const nlohmann::json& body, http::FieldReader& in);
std::optional<std::optional<photos::CheckedPhoto>> family_photo_patch(const nlohmann::json& body,
                                                                      http::FieldReader& in);

}  // namespace warmcity::afterschool
