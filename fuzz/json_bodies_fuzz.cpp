// Fuzz target: the JSON body readers. The first byte chooses the reader,
// the rest is the request body:
//   0, 1  a new appeal, WGS-84 / GCJ-02 (appeals::read_new_appeal)
//   2     an appeal step (appeals::read_step)
//   3, 4  a category for POST / PUT (appeals::read_category)
//   5     a facility to create (facilities::read_input)
//   6     a facility PATCH of a parking lot (facilities::read_input)
//   7     a facility's amenities, of the kind byte 1 names (read_amenities)
//   8     an area's boundary (areas::read_geometry of {"boundary": …})
//   9     a year's official days (calendar::read_year_days)
//   10    a new user (POST /users: accounts::read_new_user)
// Every reader refuses with a status that names its problem (422 with field
// errors), or its result holds its own round trip:
//   - a category's attributes written out read back the same
//   - a facility's hours parse; its amenities, read back from their stored
//     text, are the same amenities
//   - a boundary written as GeoJSON reads back to the same GeoJSON
//   - official days lie in the year asked for
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "accounts/user_input.h"
#include "accounts/user_rules.h"
#include "appeals/appeal_input.h"
#include "appeals/category.h"
#include "areas/geometry.h"
#include "calendar/year_days.h"
#include "core/opening_hours.h"
#include "facilities/amenities.h"
#include "facilities/amenities_json.h"
#include "facilities/facility_input.h"
#include "fuzz_check.h"
#include "http/json_input.h"

namespace {

using warmcity::Status;
namespace appeals = warmcity::appeals;
namespace facilities = warmcity::facilities;

// A refusal is 400 (not JSON, not an object), 413 (a photo too large) or
// 422 with at least one field error.
void check_refusal(const Status& s) {
  FUZZ_CHECK(!s.ok());
  FUZZ_CHECK(!s.message().empty());
  if (s.code() == warmcity::Code::kUnprocessable) FUZZ_CHECK(!s.field_errors().empty());
}

void new_appeal(std::string_view body, bool gcj02) {
  auto a = appeals::read_new_appeal(body, gcj02);
  if (!a.ok()) return check_refusal(a.status());
  FUZZ_CHECK(a->lat.has_value() == a->lon.has_value());
  FUZZ_CHECK(a->anonymous || a->contact.has_value());
}

void step(std::string_view body) {
  auto s = appeals::read_step(body);
  if (!s.ok()) return check_refusal(s.status());
}

void category(std::string_view body, bool with_code) {
  auto c = appeals::read_category(body, with_code);
  if (!c.ok()) return check_refusal(c.status());
  const std::string text = appeals::attributes_to_json(c->attributes);
  auto back = appeals::attributes_from_json(text);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(appeals::attributes_to_json(*back) == text);
}

void facility(std::string_view body, bool creating) {
  std::optional<warmcity::core::ParseError> where;
  auto in = facilities::read_input(body, creating, facilities::Kind::kParking, false, &where);
  if (!in.ok()) return check_refusal(in.status());
  const facilities::Patch& p = in->patch;
  if (creating) {
    FUZZ_CHECK(p.name && p.address && p.lat && p.lon);
  }
  FUZZ_CHECK(p.lat.has_value() == p.lon.has_value());
  if (p.opening_hours && *p.opening_hours) {
    FUZZ_CHECK(warmcity::core::OpeningHours::parse(**p.opening_hours).ok());
  }
  if (p.amenities_json) {
    FUZZ_CHECK(facilities::amenities_from_text(in->kind, *p.amenities_json).ok());
  }
}

void amenities(std::string_view body, uint8_t kind_byte) {
  auto doc = warmcity::http::parse_json_object(body);
  if (!doc.ok()) return check_refusal(doc.status());
  const auto kind = static_cast<facilities::Kind>(kind_byte % facilities::kKindCount);
  std::vector<warmcity::FieldError> errors;
  auto a = facilities::read_amenities(kind, *doc, errors);
  FUZZ_CHECK(a.has_value() == errors.empty());
  if (!a) return;
  auto back = facilities::amenities_from_text(kind, a->json);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(back->json == a->json);
  FUZZ_CHECK(back->flags == a->flags);
  FUZZ_CHECK(back->capacity == a->capacity);
}

void boundary(std::string_view body) {
  auto doc = warmcity::http::parse_json_object(body);
  if (!doc.ok()) return check_refusal(doc.status());
  auto it = doc->find("boundary");
  if (it == doc->end()) return;
  auto g = warmcity::areas::read_geometry(*it, "boundary");
  if (!g.ok()) {
    check_refusal(g.status());
    FUZZ_CHECK(g.status().field_errors().size() == 1);
    return;
  }
  const nlohmann::json written = warmcity::areas::geometry_json(*g);
  auto stored = warmcity::areas::parse_stored_geometry(written.dump());
  FUZZ_CHECK(stored.ok());
  FUZZ_CHECK(warmcity::areas::geometry_json(*stored) == written);
}

void year_days(std::string_view body) {
  auto days = warmcity::calendar::read_year_days(2026, body);
  if (!days.ok()) return check_refusal(days.status());
  FUZZ_CHECK(days->size() <= warmcity::calendar::kMaxDaysPerYear);
  for (const auto& d : *days) FUZZ_CHECK(d.date.year == 2026);
}

void new_user(std::string_view body) {
  auto doc = warmcity::http::parse_json_object(body);
  if (!doc.ok()) return check_refusal(doc.status());
  warmcity::http::FieldReader in(*doc);
  warmcity::accounts::NewUser u = warmcity::accounts::read_new_user(in, {});
  if (!in.ok()) {
    // One error per field, however many rules the field broke.
    auto errors = in.status().field_errors();
    for (size_t i = 0; i < errors.size(); ++i) {
      for (size_t j = i + 1; j < errors.size(); ++j) FUZZ_CHECK(errors[i].field != errors[j].field);
    }
    return check_refusal(in.status());
  }
  FUZZ_CHECK(warmcity::accounts::validate_new_user(u).empty());
  FUZZ_CHECK(!warmcity::accounts::username_problem(u.username));
  FUZZ_CHECK(!warmcity::accounts::role_problem(u.role));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2 || size > 1024 * 1024) return 0;  // the routes' body limit
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 11) {
    case 0:
      return new_appeal(body, false), 0;
    case 1:
      return new_appeal(body, true), 0;
    case 2:
      return step(body), 0;
    case 3:
      return category(body, true), 0;
    case 4:
      return category(body, false), 0;
    case 5:
      return facility(body, true), 0;
    case 6:
      return facility(body, false), 0;
    case 7:
      return amenities(body, static_cast<uint8_t>(data[0] / 11)), 0;
    case 8:
      return boundary(body), 0;
    case 9:
      return year_days(body), 0;
    default:
      return new_user(body), 0;
  }
}
