#include "facilities/facility_input.h"

#include <array>
#include <vector>

#include "core/geo.h"
#include "core/phone.h"
#include "core/time.h"
#include "core/utf8.h"
#include "facilities/amenities_json.h"
#include "http/json_input.h"

namespace warmcity::facilities {

namespace {

using nlohmann::json;

constexpr size_t kMaxHoursLength = 1000;
constexpr std::array<std::string_view, 12> kFields = {
    "kind",      "name",          "address",          "lat",
    "lon",       "keeper_org_id", "contact_phone",    "opening_hours",
    "amenities", "status",        "suspended_reason", "suspended_until"};

bool is_null(const json& doc, const char* field) {
  auto it = doc.find(field);
  return it != doc.end() && it->is_null();
}

// A nullable field: nullopt when absent, an inner nullopt when null.
template <class T, class Read>
std::optional<std::optional<T>> nullable(const json& doc, const char* field, Read read) {
  if (is_null(doc, field)) return std::optional<T>();
  std::optional<T> v = read();
  if (!v) return std::nullopt;
  return v;
}

std::optional<std::string> read_hours(http::FieldReader& in,
                                      std::optional<core::ParseError>* where) {
  std::optional<std::string> text = in.optional_string("opening_hours", 1, kMaxHoursLength);
  if (!text) return std::nullopt;
  core::ParseError error;
  Result<core::OpeningHours> parsed = core::OpeningHours::parse(*text, &error);
  if (!parsed.ok()) {
    in.fail("opening_hours", parsed.status().message());
    *where = error;
    return std::nullopt;
  }
  return text;
}

void read_location(const json& doc, http::FieldReader& in, bool creating, bool gcj02, Patch& p) {
  std::optional<double> lat =
      creating ? in.required_number("lat", -90, 90) : in.optional_number("lat", -90, 90);
  std::optional<double> lon =
      creating ? in.required_number("lon", -180, 180) : in.optional_number("lon", -180, 180);
  if (!creating && (doc.contains("lat") != doc.contains("lon"))) {
    in.fail(doc.contains("lat") ? "lon" : "lat", "is required together with the other");
  }
  if (!lat || !lon) return;
  core::LatLon point{*lat, *lon};
  if (gcj02) point = core::gcj02_to_wgs84(point);
  p.lat = point.lat;
  p.lon = point.lon;
}

void read_status(const json& doc, http::FieldReader& in, Patch& p) {
  std::optional<std::string> status = in.optional_string("status", 1, 16);
  if (status && *status != "active" && *status != "suspended") {
    in.fail("status", "must be active or suspended");
  } else if (status) {
    p.suspended = *status == "suspended";
  }
  p.suspended_reason = nullable<std::string>(
      doc, "suspended_reason", [&] { return in.optional_string("suspended_reason", 1, 200); });
  p.suspended_until = nullable<int64_t>(doc, "suspended_until", [&]() -> std::optional<int64_t> {
    std::optional<std::string> text = in.optional_string("suspended_until", 1, 64);
    if (!text) return std::nullopt;
    Result<int64_t> t = core::parse_rfc3339(*text);
    if (t.ok()) return *t;
    in.fail("suspended_until", "must be an RFC 3339 time such as 2026-05-01T08:00:00+08:00");
    return std::nullopt;
  });
}

}  // namespace

Result<Input> read_input(std::string_view body, bool creating, Kind known_kind, bool gcj02,
                         std::optional<core::ParseError>* where) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  return read_input_object(*doc, creating, known_kind, gcj02, where);
}

Result<Input> read_input_object(const json& doc, bool creating, Kind known_kind, bool gcj02,
                                std::optional<core::ParseError>* where) {
  http::FieldReader in(doc);
  Input out;
  out.kind = known_kind;
  bool kind_known = !creating;
  if (creating) {
    std::optional<std::string> kind = in.required_string("kind", 1, 32);
    std::optional<Kind> parsed = kind ? parse_kind(*kind) : std::nullopt;
    if (kind && !parsed) in.fail("kind", "must be one of " + kinds_text());
    if (parsed) out.kind = *parsed;
    kind_known = parsed.has_value();
  } else if (doc.contains("kind")) {
    in.fail("kind", "cannot be changed; create a new facility instead");
  }
  Patch& p = out.patch;
  p.name = creating ? in.required_string("name", 1, 100) : in.optional_string("name", 1, 100);
  p.address =
      creating ? in.required_string("address", 1, 200) : in.optional_string("address", 1, 200);
  read_location(doc, in, creating, gcj02, p);
  p.keeper_org_id = nullable<int64_t>(
      doc, "keeper_org_id", [&] { return in.optional_int("keeper_org_id", 1, INT64_MAX); });
  p.contact_phone = nullable<std::string>(doc, "contact_phone", [&] {
    std::optional<std::string> phone = in.optional_string("contact_phone", 1, 20);
    if (phone && !core::is_valid_phone(*phone)) {
      in.fail("contact_phone", "must be a mainland mobile or a landline with its area code");
      return std::optional<std::string>();
    }
    return phone;
  });
  p.opening_hours =
      nullable<std::string>(doc, "opening_hours", [&] { return read_hours(in, where); });
  read_status(doc, in, p);
  std::vector<FieldError> errors;
  if (kind_known && (creating || doc.contains("amenities"))) {
    static const json kNone = json::object();
    auto given = doc.find("amenities");
    const json& value = given != doc.end() ? *given : kNone;
    if (std::optional<Amenities> a = read_amenities(out.kind, value, errors)) {
      p.amenities_json = a->json;
    }
  }
  for (FieldError& e : errors) in.fail(std::move(e.field), std::move(e.message));
  for (const auto& [key, unused] : doc.items()) {
    bool known = false;
    for (std::string_view f : kFields) known = known || f == key;
    if (!known) in.fail(key, "is not a field of a facility");
  }
  if (!in.ok()) return in.status();
  return out;
}

std::span<const std::string_view> input_fields() { return kFields; }

Result<Facility> new_facility(const Input& in) {
  Facility base;
  base.kind = in.kind;
  return apply_patch(base, in.patch);
}

}  // namespace warmcity::facilities
