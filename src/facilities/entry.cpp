#include "facilities/entry.h"

#include <utility>

namespace warmcity::facilities {

bool indexed(const Facility& f) { return !f.suspended || f.suspended_until.has_value(); }

Result<Entry> EntryReader::read(const Facility& f) {
  auto& amenities = amenities_[static_cast<size_t>(f.kind)];
  auto known = amenities.find(f.amenities_json);
  if (known == amenities.end()) {
    Result<Amenities> parsed = amenities_from_text(f.kind, f.amenities_json);
    if (!parsed.ok()) return parsed.status();
    known = amenities.emplace(f.amenities_json, std::move(*parsed)).first;
  }
  Entry e{f.id, f.kind, f.name, f.address, f.lat, f.lon, known->second, std::nullopt, 0, {}};
  if (f.suspended && f.suspended_until) e.suspended_until = *f.suspended_until;
  if (f.contact_phone) e.phone = *f.contact_phone;
  if (f.opening_hours) {
    auto hours = hours_.find(*f.opening_hours);
    if (hours == hours_.end()) {
      Result<core::OpeningHours> parsed = core::OpeningHours::parse(*f.opening_hours);
      if (!parsed.ok()) return Status::Internal("stored opening hours do not parse: " + f.name);
      hours = hours_.emplace(*f.opening_hours, std::move(*parsed)).first;
    }
    e.hours = hours->second;
  }
  return e;
}

}  // namespace warmcity::facilities
