// A pickup adult's bodies (pickup_adult.h).
#include "afterschool/pickup_adult.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "activities/activity.h"
#include "afterschool/child.h"
#include "core/phone.h"
#include "http/json_input.h"
#include "photos/photo_text.h"

namespace warmcity::afterschool {

namespace {

constexpr int kNoUpperAge = 200;

std::optional<std::string> pickup_phone(http::FieldReader& in, bool required) {
  std::optional<std::string> phone =
      required ? in.required_string("phone", 1, 20) : in.optional_string("phone", 1, 20);
  if (phone && !core::is_valid_phone(*phone)) {
    in.fail("phone", "not a phone number (a mobile 1xxxxxxxxxx or a landline 0xxx-xxxxxxx)");
    return std::nullopt;
  }
  return phone;
}

// valid_until: a date not before today.
std::optional<core::LocalDate> pickup_valid_until(http::FieldReader& in, core::LocalDate today) {
  std::optional<core::LocalDate> d = family_date(in, "valid_until", false);
  if (d && *d < today) {
    in.fail("valid_until", "must not be in the past");
    return std::nullopt;
  }
  return d;
}

// child_ids: 1–10 distinct ids.
std::optional<std::vector<int64_t>> pickup_child_ids(const nlohmann::json& body,
                                                     http::FieldReader& in, bool required) {
  auto it = body.find("child_ids");
  if (it == body.end() || it->is_null()) {
    if (required) in.fail("child_ids", "required: the children this adult may take home");
    return std::nullopt;
  }
  in.known({"child_ids"});
  if (!it->is_array() || it->empty() || it->size() > kMaxAdultChildren) {
    in.fail("child_ids", "a list of 1 to 10 children's ids");
    return std::nullopt;
  }
  std::vector<int64_t> ids;
  for (const nlohmann::json& v : *it) {
    if (!v.is_number_integer() || v.get<int64_t>() < 1) {
      in.fail("child_ids", "a list of 1 to 10 children's ids");
      return std::nullopt;
    }
    ids.push_back(v.get<int64_t>());
  }
  if (std::set<int64_t>(ids.begin(), ids.end()).size() != ids.size()) {
    in.fail("child_ids", "a child is listed twice");
    return std::nullopt;
  }
  return ids;
}

}  // namespace

std::optional<photos::CheckedPhoto> family_photo(const nlohmann::json& body,
                                                 http::FieldReader& in) {
  auto it = body.find("photo");
  if (it == body.end()) return std::nullopt;
  in.known({"photo"});
  if (it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    in.fail("photo", "a picture as base64 or a data URL");
    return std::nullopt;
  }
  Result<photos::CheckedPhoto> p = photos::photo_from_text(
      it->get_ref<const std::string&>(),
      {photos::ImageType::kJpeg, photos::ImageType::kPng, photos::ImageType::kWebp});
  if (!p.ok()) {
    in.fail("photo", p.status().message());
    return std::nullopt;
  }
  return std::move(*p);
}

std::optional<std::optional<photos::CheckedPhoto>> family_photo_patch(const nlohmann::json& body,
                                                                      http::FieldReader& in) {
  auto it = body.find("photo");
  if (it == body.end()) return std::nullopt;
  if (it->is_null()) {
    in.known({"photo"});
    return std::optional<std::optional<photos::CheckedPhoto>>(std::in_place, std::nullopt);
  }
  if (std::optional<photos::CheckedPhoto> photo = family_photo(body, in))
    return std::optional<std::optional<photos::CheckedPhoto>>(std::in_place, std::move(photo));
  return std::nullopt;
}

Result<PickupAdultFields> read_pickup_adult(const nlohmann::json& body, core::LocalDate today) {
  http::FieldReader in(body);
  PickupAdultFields f;
  f.name = activities::trimmed_text(in, "name", 1, 30, true).value_or("");
  f.relation = activities::trimmed_text(in, "relation", 1, 20, true).value_or("");
  f.phone = pickup_phone(in, true).value_or("");
  f.birth_date = family_birth_date(in, today, kAdultAge, kNoUpperAge,
                                   "a pickup adult must be an adult (18 or older)",
                                   "not a living person's birth date")
                     .value_or(core::LocalDate{});
  f.valid_until = pickup_valid_until(in, today);
  f.photo = family_photo(body, in);
  f.child_ids = pickup_child_ids(body, in, true).value_or(std::vector<int64_t>{});
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return f;
}

Result<PickupAdultPatch> read_pickup_adult_patch(const nlohmann::json& body,
                                                 core::LocalDate today) {
  http::FieldReader in(body);
  PickupAdultPatch p;
  p.name = activities::trimmed_text(in, "name", 1, 30, false);
  p.relation = activities::trimmed_text(in, "relation", 1, 20, false);
  p.phone = pickup_phone(in, false);
  if (auto it = body.find("valid_until"); it != body.end()) {
    if (it->is_null()) {
      in.known({"valid_until"});
      p.valid_until.emplace(std::nullopt);
    } else if (std::optional<core::LocalDate> d = pickup_valid_until(in, today)) {
      p.valid_until.emplace(d);
    }
  }
  p.photo = family_photo_patch(body, in);
  p.child_ids = pickup_child_ids(body, in, false);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  if (!p.name && !p.relation && !p.phone && !p.valid_until && !p.photo && !p.child_ids)
    return Status::Unprocessable(
        "nothing to change",
        {{"name", "give name, relation, phone, valid_until, photo or child_ids"}});
  return p;
}

}  // namespace warmcity::afterschool
