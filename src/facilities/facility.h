// Facility: a place residents and workers go to — a service centre, a love
// station, a toilet opened to the public, a parking lot — as stored.
//
// Owns the kinds and the record type shared by the store, the service, the
// snapshot and the routes. Plain data; no I/O. Times are unix seconds (UTC).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace warmcity::facilities {

enum class Kind {
  kServiceCentre,
  kLiaisonStation,
  kLoveStation,
  kCanteen,
  kToilet,
  kParking,
  kVenue,
  kClinicSite,
  kAfterschoolSite,
};
inline constexpr size_t kKindCount = 9;

std::string_view kind_name(Kind k);  // "service_centre", …
std::optional<Kind> parse_kind(std::string_view name);
// "service_centre, liaison_station, …" for error messages.
const std::string& kinds_text();

struct Facility {
  int64_t id = 0;
  Kind kind = Kind::kServiceCentre;
  std::string name;
  std::string address;
  double lat = 0;  // WGS-84
  double lon = 0;
  // Derived from the location when saved; nullopt outside every boundary.
  std::optional<int64_t> subdistrict_id;
  std::optional<int64_t> community_id;
  std::optional<int64_t> grid_id;
  std::optional<int64_t> keeper_org_id;
  std::optional<std::string> contact_phone;  // core/phone.h valid
  std::optional<std::string> opening_hours;  // OSM syntax; nullopt: unknown hours
  std::string amenities_json = "{}";         // canonical, see amenities.h
  bool suspended = false;
  std::optional<std::string> suspended_reason;
  std::optional<int64_t> suspended_until;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> updated_by;
};

// Whether `f` is suspended at `now` (unix seconds): its status says so and
// its suspended_until, if any, is still ahead. A suspension lapses by itself
// at suspended_until; nobody has to edit the facility.
bool suspended_at(const Facility& f, int64_t now);

}  // namespace warmcity::facilities
