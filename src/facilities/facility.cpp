#include "facilities/facility.h"

#include <array>

namespace warmcity::facilities {

namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 9> kKinds = {{
    {Kind::kServiceCentre, "service_centre"},
    {Kind::kLiaisonStation, "liaison_station"},
    {Kind::kLoveStation, "love_station"},
    {Kind::kCanteen, "canteen"},
    {Kind::kToilet, "toilet"},
    {Kind::kParking, "parking"},
    {Kind::kVenue, "venue"},
    {Kind::kClinicSite, "clinic_site"},
    {Kind::kAfterschoolSite, "afterschool_site"},
}};

}  // namespace

std::string_view kind_name(Kind k) {
  for (const auto& [kind, name] : kKinds) {
    if (kind == k) return name;
  }
  return "service_centre";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (const auto& [kind, text] : kKinds) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

const std::string& kinds_text() {
  static const std::string text = [] {
    std::string out;
    for (const auto& [kind, name] : kKinds) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
  }();
  return text;
}

bool suspended_at(const Facility& f, int64_t now) {
  return f.suspended && (!f.suspended_until || now < *f.suspended_until);
}

}  // namespace warmcity::facilities
