#include "areas/validity.h"

#include "areas/bg_shapes.h"

namespace warmcity::areas {

namespace {

std::string ring_name(size_t polygon, size_t ring, bool multi) {
  std::string at = "coordinates";
  if (multi) at += "[" + std::to_string(polygon) + "]";
  return at + "[" + std::to_string(ring) + "]";
}

}  // namespace

std::optional<std::string> boundary_problem(const Geometry& g) {
  MultiPolygon shape = to_multipolygon(g);
  // A ring that crosses itself first, by name: Boost's whole-shape check
  // would call a figure-eight ring (zero signed area) "wrong orientation".
  const bool multi = shape.size() > 1;
  for (size_t p = 0; p < shape.size(); ++p) {
    if (bg::intersects(shape[p].outer())) return ring_name(p, 0, multi) + " crosses itself";
    for (size_t r = 0; r < shape[p].inners().size(); ++r) {
      if (bg::intersects(shape[p].inners()[r]))
        return ring_name(p, r + 1, multi) + " crosses itself";
    }
  }
  std::string message;
  if (bg::is_valid(shape, message)) return std::nullopt;
  // Boost appends its internal segment ids after "; method:"; the point of a
  // crossing comes before them.
  if (size_t cut = message.find("; method:"); cut != std::string::npos) message.resize(cut);
  return "not a simple area: " + message;
}

}  // namespace warmcity::areas
