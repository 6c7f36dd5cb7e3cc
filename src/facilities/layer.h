// Layer: one immutable block of the nearby index — the rows of some
// facilities in columns and bulk-loaded R-trees of their points.
//
// Why hand-written rows: a million facilities must fit in well under
// 200 MB and answer without parsing anything. A row is one 64-byte record,
// one cache line —
// its id, kind, point, amenity flags, suspension end, where its name and
// address (and phone) lie in the text block, and two small references: one into the
// layer's table of distinct amenities texts (canonical JSON, ready to copy
// into an answer) and one into its table of distinct opening hours (one
// compiled program per distinct expression). Names and addresses are kept
// JSON-escaped in one text block, a row's name, its address, then its phone, so an
// answer copies bytes. Records rather than columns: the rows an answer needs
// lie far apart in memory, and one record is one cache line where eight
// columns were eight (measured with wrk at rotating points, bench/README.md).
//
// One R-tree per kind (a kind query walks only its kind) holds points in
// local metres (core::LocalProjection around the district centre),
// bulk-loaded with the packing constructor; Boost.Geometry
// stays inside layer.cpp; at most 2^28 rows. Rows are in ascending id order (find() is a binary
// search); the Builder's caller adds them in that order.
//
// Thread-safety: immutable after Builder::finish(); share it through a
// shared_ptr<const Layer>. Nearest is a one-thread cursor over a live layer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/opening_hours.h"
#include "facilities/entry.h"
#include "facilities/facility.h"

namespace warmcity::facilities {

inline constexpr double kCentreLat = 37.52;  // Lishi District
inline constexpr double kCentreLon = 111.14;
inline constexpr uint32_t kNoHours = UINT32_MAX;

class Layer {
 public:
  class Builder;
  class Nearest;
  struct Index;  // the R-trees (layer.cpp)

  ~Layer();

  size_t size() const { return rows_.size(); }
  int64_t id(uint32_t i) const { return rows_[i].id; }
  Kind kind(uint32_t i) const { return rows_[i].kind; }
  double lat(uint32_t i) const { return rows_[i].lat; }
  double lon(uint32_t i) const { return rows_[i].lon; }
  uint32_t flags(uint32_t i) const { return rows_[i].flags; }
  int64_t suspended_until(uint32_t i) const { return rows_[i].suspended_until; }
  bool any_suspended() const { return any_suspended_; }  // any suspended_until set
  // nullptr when the hours are unknown; equal expressions share one object.
  const core::OpeningHours* hours(uint32_t i) const {
    return rows_[i].hours_of == kNoHours ? nullptr : &hours_[rows_[i].hours_of];
  }
  // The row's place in the table of distinct expressions (kNoHours: unknown
  // hours), for callers that remember something per expression.
  uint32_t hours_slot(uint32_t i) const { return rows_[i].hours_of; }
  size_t distinct_hours() const { return hours_.size(); }
  const core::OpeningHours& hours_in_slot(uint32_t slot) const { return hours_[slot]; }
  // JSON-escaped, without quotes.
  std::string_view name_json(uint32_t i) const {
    return std::string_view(text_).substr(rows_[i].text_at, rows_[i].name_bytes);
  }
  std::string_view address_json(uint32_t i) const {
    return std::string_view(text_).substr(rows_[i].text_at + rows_[i].name_bytes,
                                          rows_[i].address_bytes);
  }
  // The contact phone (a public business number), JSON-escaped; empty: none.
  std::string_view phone_json(uint32_t i) const {
    return std::string_view(text_).substr(
        rows_[i].text_at + rows_[i].name_bytes + rows_[i].address_bytes, rows_[i].phone_bytes);
  }
  // Canonical JSON object text (amenities.h).
  std::string_view amenities_json(uint32_t i) const {
    const uint32_t k = rows_[i].amenities_of;
    return std::string_view(amenities_text_)
        .substr(amenities_at_[k], amenities_at_[k + 1] - amenities_at_[k]);
  }
  // Asks the CPU to start loading row i (record, then text): callers about to
  // read several rows far apart ask for all of them first, so the loads
  // overlap instead of waiting one after another.
  void prefetch(uint32_t i) const { __builtin_prefetch(&rows_[i]); }
  void prefetch_text(uint32_t i) const {
    __builtin_prefetch(text_.data() + rows_[i].text_at);
    __builtin_prefetch(amenities_text_.data() + amenities_at_[rows_[i].amenities_of]);
  }

  // The row of facility `id`, if this layer has one.
  std::optional<uint32_t> find(int64_t id) const;
  // Different for every layer built in this process (never reused, unlike
  // an address): a cache of per-layer answers keys on it.
  uint64_t serial() const { return serial_; }
  // Bytes held (columns, text, tables, tree), capacities counted.
  size_t memory_bytes() const;

 private:
  Layer();

  struct alignas(64) Row {
    int64_t id;
    double lat;
    double lon;
    int64_t suspended_until;
    uint32_t text_at;  // the name's first byte in text_; the address follows it
    uint32_t amenities_of;
    uint32_t hours_of;
    uint32_t flags;
    uint32_t name_bytes;
    uint32_t address_bytes;
    Kind kind;
    uint16_t phone_bytes;  // phones are short (validated on every write)
  };
  static_assert(sizeof(Row) == 64, "a row is one cache line");

  std::vector<Row> rows_;
  std::string text_;
  // Distinct amenities texts, one after another: k is [at[k], at[k + 1]).
  std::string amenities_text_;
  std::vector<uint32_t> amenities_at_{0};
  std::vector<core::OpeningHours> hours_;
  bool any_suspended_ = false;
  uint64_t serial_;
  std::unique_ptr<Index> index_;
};

// Collects rows, then builds the layer and its tree in one go.
class Layer::Builder {
 public:
  explicit Builder(size_t expected_rows);
  ~Builder();
  // REQUIRES: ids ascending across add() calls.
  void add(const Entry& e);
  // Copies row i of `from` (which must outlive the builder).
  void add(const Layer& from, uint32_t i);
  std::shared_ptr<const Layer> finish();

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Refs = std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>>;
  uint32_t amenities_ref(std::string_view json);
  uint32_t hours_ref(const core::OpeningHours* hours);
  // After the row's name, address and phone were appended to the text block:
  // the name is [text_at, name_end), the address [name_end, address_end),
  // the phone [address_end, end).
  void add_row(int64_t id, Kind kind, double lat, double lon, uint32_t flags,
               int64_t suspended_until, std::string_view amenities, const core::OpeningHours* hours,
               size_t text_at, size_t name_end, size_t address_end);

  std::unique_ptr<Layer> layer_;
  Refs amenity_refs_;
  Refs hours_refs_;
};

// Which rows a Nearest cursor gives; it is handed the row and its hours slot.
using RowFilter = std::function<bool(uint32_t row, uint32_t hours_slot)>;

// The rows of a layer (of kind `only`, if given) that pass a filter, nearest
// first, from a point (WGS-84). The filter runs inside the tree walk.
// `first`: how many rows to fetch at once at first (more are fetched when
// the caller walks past them; a good guess saves a second walk).
class Layer::Nearest {
 public:
  Nearest(const Layer& layer, double lat, double lon, std::optional<Kind> only, RowFilter keep,
          size_t first);
  ~Nearest();
  // The next row and its distance in metres; false when there is none.
  bool next(uint32_t& row, double& distance_m);

 private:
  struct Cursor;
  std::unique_ptr<Cursor> cursor_;
};

}  // namespace warmcity::facilities
