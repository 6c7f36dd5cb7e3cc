// POST requests' form → a new appeal (channel open311), by the spec's fields:
//   service_code (the caller looks the category up first), lat + long (both
//   or neither), address_string, address_id (one location at least),
//   attribute[code] / attribute[code][] → the appeal's answers,
//   description (≤ 4000 characters; when absent, the service name, since the
//   spec makes it optional and an appeal needs one),
//   first_name, last_name, phone → the private contact (name: family name
//   first, as Chinese names are written; a phone is what makes an appeal
//   contactable, so without one the appeal is anonymous), email → kept
//   privately with the Open311 row, account_id → echoed in the answer.
//   jurisdiction_id, device_id and media_url are accepted and ignored
//   (one jurisdiction; photos come only as uploads through /api/v1).
// Field errors use the spec's names (long, address_string, attribute[code]…).
// Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "appeals/appeal_service.h"
#include "core/status.h"
#include "open311/form.h"

namespace warmcity::open311 {

struct Submission {
  appeals::NewAppeal appeal;
  std::optional<std::string> email;
  std::optional<std::string> address_id;
  std::optional<std::string> account_id;
};

// kUnprocessable with field errors for bad lat/long or no location, a long
// email, address_id or account_id.
Result<Submission> read_submission(const Form& form, const appeals::Category& category);

// The Open311 name of an appeals field ("lon" → "long", "category" →
// "service_code", "attributes.X" → "attribute[X]", "contact.phone" → "phone"…).
std::string open311_field(std::string_view appeals_field);

// `s` with its field errors renamed by open311_field.
Status with_open311_fields(const Status& s);

}  // namespace warmcity::open311
