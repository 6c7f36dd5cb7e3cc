#include "facilities/occupancy.h"

#include <mutex>
#include <string>

#include "facilities/amenities.h"

namespace warmcity::facilities {

FreeSpaces free_spaces_at(const std::optional<Occupancy>& latest, int64_t now) {
  if (!latest) return {};
  FreeSpaces out;
  out.at = latest->reported_at;
  out.age_s = now > latest->reported_at ? now - latest->reported_at : 0;
  if (*out.age_s <= kFreeSpacesFreshFor) out.free_spaces = latest->free_spaces;
  return out;
}

Status check_free_spaces(const Facility& f, int64_t free_spaces) {
  if (f.kind != Kind::kParking) {
    return Status::Conflict("free spaces are reported for parking lots only; this is a " +
                            std::string(kind_name(f.kind)));
  }
  Result<Amenities> a = amenities_from_text(f.kind, f.amenities_json);
  if (!a.ok()) return a.status();
  const int64_t capacity = a->capacity.value_or(0);
  if (free_spaces < 0 || free_spaces > capacity) {
    return Status::Unprocessable(
        "free_spaces out of range",
        {{"free_spaces",
          "must be an integer from 0 to the lot's capacity (" + std::to_string(capacity) + ")"}});
  }
  return Status::Ok();
}

Status upsert_occupancy(store::Connection& c, const Occupancy& o) {
  auto s = c.prepare(
      "INSERT INTO facility_occupancy (facility_id, free_spaces, reported_at, reported_by) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (facility_id) DO UPDATE SET "
      "free_spaces = excluded.free_spaces, reported_at = excluded.reported_at, "
      "reported_by = excluded.reported_by");
  if (!s.ok()) return s.status();
  s->bind(1, o.facility_id).bind(2, o.free_spaces).bind(3, o.reported_at).bind(4, o.reported_by);
  return s->run();
}

Result<std::vector<Occupancy>> load_occupancy(store::Connection& c) {
  auto s = c.prepare(
      "SELECT facility_id, free_spaces, reported_at, reported_by FROM facility_occupancy");
  if (!s.ok()) return s.status();
  return store::collect<Occupancy>(*s, [](const store::Statement& r) {
    return Occupancy{r.column_int64(0), r.column_int64(1), r.column_int64(2), r.column_int64(3)};
  });
}

OccupancyBoard::OccupancyBoard(const std::vector<Occupancy>& rows) {
  for (const Occupancy& o : rows) latest_[o.facility_id] = o;
}

std::optional<Occupancy> OccupancyBoard::get(int64_t facility_id) const {
  std::shared_lock lock(mu_);
  auto it = latest_.find(facility_id);
  if (it == latest_.end()) return std::nullopt;
  return it->second;
}

void OccupancyBoard::set(const Occupancy& o) {
  std::unique_lock lock(mu_);
  latest_[o.facility_id] = o;
}

}  // namespace warmcity::facilities
