// Entry: one facility as the nearby index takes it in, and EntryReader, which
// turns stored facilities into entries.
//
// EntryReader remembers every opening-hours expression and amenities text it
// has parsed: many facilities share one expression ("Mo-Fr 08:00-18:00") or
// one set of amenities, so loading a million rows parses each distinct text
// once, and entries with equal hours share one compiled program.
//
// Thread-safety: Entry is plain data; an EntryReader is used by one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/opening_hours.h"
#include "core/status.h"
#include "facilities/amenities.h"
#include "facilities/facility.h"

namespace warmcity::facilities {

struct Entry {
  int64_t id = 0;
  Kind kind = Kind::kServiceCentre;
  std::string name;
  std::string address;
  double lat = 0;
  double lon = 0;
  Amenities amenities;
  std::optional<core::OpeningHours> hours;  // nullopt: state unknown
  int64_t suspended_until = 0;              // not offered before (unix s); 0: never suspended
  std::string phone;                        // contact_phone, public; empty: none
};

// Whether stored facility `f` belongs in the index: active, or suspended
// until a given time (it comes back by itself). Suspended without an end:
// not indexed until someone resumes it.
bool indexed(const Facility& f);

class EntryReader {
 public:
  // The entry of stored facility `f`. kInternal when its stored hours or
  // amenities no longer validate (they are validated before every write).
  // REQUIRES: indexed(f).
  Result<Entry> read(const Facility& f);

 private:
  std::unordered_map<std::string, core::OpeningHours> hours_;
  std::unordered_map<std::string, Amenities> amenities_[kKindCount];
};

}  // namespace warmcity::facilities
