// Layer: one immutable block of the nearby index — the rows of some
// facilities in columns and bulk-loaded R-trees of their points.
//
// Why hand-written columns: a million facilities must fit in well under
// 200 MB and answer without parsing anything. A row is its id, kind, point,
// amenity flags, suspension end and two small references: one into the
// layer's table of distinct amenities texts (canonical JSON, ready to copy
// into an answer) and one into its table of distinct opening hours (one
// compiled program per distinct expression). Names and addresses are kept
// JSON-escaped in one text block, so an answer copies bytes.
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

  size_t size() const { return ids_.size(); }
  int64_t id(uint32_t i) const { return ids_[i]; }
  Kind kind(uint32_t i) const { return kinds_[i]; }
  double lat(uint32_t i) const { return lats_[i]; }
  double lon(uint32_t i) const { return lons_[i]; }
  uint32_t flags(uint32_t i) const { return flags_[i]; }
  int64_t suspended_until(uint32_t i) const { return suspended_until_[i]; }
  bool any_suspended() const { return any_suspended_; }  // any suspended_until set
  // nullptr when the hours are unknown; equal expressions share one object.
  const core::OpeningHours* hours(uint32_t i) const {
    return hours_of_[i] == kNoHours ? nullptr : &hours_[hours_of_[i]];
  }
  // The row's place in the table of distinct expressions (kNoHours: unknown
  // hours), for callers that remember something per expression.
  uint32_t hours_slot(uint32_t i) const { return hours_of_[i]; }
  size_t distinct_hours() const { return hours_.size(); }
  const core::OpeningHours& hours_in_slot(uint32_t slot) const { return hours_[slot]; }
  // JSON-escaped, without quotes.
  std::string_view name_json(uint32_t i) const { return text(2 * i); }
  std::string_view address_json(uint32_t i) const { return text(2 * i + 1); }
  // Canonical JSON object text (amenities.h).
  std::string_view amenities_json(uint32_t i) const { return amenities_[amenities_of_[i]]; }

  // The row of facility `id`, if this layer has one.
  std::optional<uint32_t> find(int64_t id) const;
  // Different for every layer built in this process (never reused, unlike
  // an address): a cache of per-layer answers keys on it.
  uint64_t serial() const { return serial_; }
  // Bytes held (columns, text, tables, tree), capacities counted.
  size_t memory_bytes() const;

 private:
  Layer();
  std::string_view text(size_t k) const {
    return std::string_view(text_).substr(text_at_[k], text_at_[k + 1] - text_at_[k]);
  }
  // Calls f on each per-row column of `layer` (const or not).
  template <class Self, class F>
  static void each_column(Self& layer, F f) {
    f(layer.ids_);
    f(layer.kinds_);
    f(layer.lats_);
    f(layer.lons_);
    f(layer.flags_);
    f(layer.suspended_until_);
    f(layer.amenities_of_);
    f(layer.hours_of_);
  }

  std::vector<int64_t> ids_;
  std::vector<Kind> kinds_;
  std::vector<double> lats_;
  std::vector<double> lons_;
  std::vector<uint32_t> flags_;
  std::vector<int64_t> suspended_until_;
  std::vector<uint32_t> amenities_of_;
  std::vector<uint32_t> hours_of_;
  std::vector<uint32_t> text_at_;  // name k = 2i, address k = 2i + 1: [text_at_[k], text_at_[k+1])
  std::string text_;
  std::vector<std::string> amenities_;
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
  void add_row(int64_t id, Kind kind, double lat, double lon, uint32_t flags,
               int64_t suspended_until, std::string_view amenities,
               const core::OpeningHours* hours);

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
