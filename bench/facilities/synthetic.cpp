#include "synthetic.h"

#include <array>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/opening_hours.h"
#include "facilities/amenities_json.h"

namespace warmcity::bench {

namespace {

using facilities::Facility;
using facilities::Kind;

constexpr double kSouth = 37.500, kNorth = 37.550, kWest = 111.110, kEast = 111.170;

struct KindShare {
  Kind kind;
  int percent;
  std::string_view label;
};
constexpr std::array<KindShare, 9> kKinds = {{
    {Kind::kToilet, 30, "共享厕所"},
    {Kind::kParking, 15, "错时停车场"},
    {Kind::kLoveStation, 15, "爱心驿站"},
    {Kind::kServiceCentre, 8, "党群服务中心"},
    {Kind::kLiaisonStation, 8, "人大代表联络站"},
    {Kind::kVenue, 8, "文体活动室"},
    {Kind::kCanteen, 6, "便民餐厅"},
    {Kind::kClinicSite, 5, "义诊点"},
    {Kind::kAfterschoolSite, 5, "四点半课堂"},
}};

// What keepers write; "" means unknown hours.
constexpr std::array<std::string_view, 14> kHours = {{
    "24/7",
    "24/7",
    "Mo-Fr 08:00-12:00,14:30-17:30; PH off",
    "Mo-Fr 08:00-18:00; PH off",
    "Mo-Su 06:00-22:00",
    "Mo-Su 06:30-20:30",
    "Mo-Fr 18:00-08:00; Sa,Su,PH 00:00-24:00",
    "WD 19:00-24:00,00:00-07:30; OD 00:00-24:00",
    "Mo-Fr 06:30-09:00,11:00-13:30,17:00-19:00; Sa,Su 07:00-13:30",
    "Mo-Su 09:00-21:00; PH 10:00-18:00",
    "Mo-Sa 08:30-17:30; Su,PH off",
    "Dec-Feb 07:00-21:00; Mar-Nov 06:00-22:00",
    "Mo-Fr 16:00-18:30; PH off",
    "",
}};

constexpr std::array<std::string_view, 10> kStreets = {
    {"滨河北路", "凤山路", "龙凤大街", "永宁中路", "交通路", "北川河西路", "昌茂街", "莲花池路",
     "吕梁大道", "城北路"}};

nlohmann::json amenities_input(Kind kind, std::mt19937_64& rng) {
  auto coin = [&rng](int percent) { return static_cast<int>(rng() % 100) < percent; };
  nlohmann::json a = nlohmann::json::object();
  switch (kind) {
    case Kind::kLoveStation:
      for (const char* name : {"drinking_water", "hot_water", "heating", "cooling", "microwave",
                               "charging", "first_aid", "toilet"}) {
        a[name] = coin(60);
      }
      a["seats"] = std::array<int, 5>{0, 4, 8, 12, 20}[rng() % 5];
      break;
    case Kind::kToilet:
      a["wheelchair"] = coin(50);
      a["baby_change"] = coin(30);
      a["sections"] =
          std::array<const char*, 4>{"men_women", "all_gender", "men", "women"}[rng() % 4];
      break;
    case Kind::kParking:
      a["capacity"] = std::array<int, 7>{20, 50, 80, 100, 150, 200, 300}[rng() % 7];
      a["fee_fen_per_hour"] = std::array<int, 4>{0, 100, 200, 300}[rng() % 4];
      if (coin(50)) a["max_stay_minutes"] = 480;
      if (coin(50)) a["rules"] = "夜间及节假日对外开放，次日 7:30 前驶离";
      break;
    default:
      break;
  }
  return a;
}

Kind pick_kind(std::mt19937_64& rng) {
  int roll = static_cast<int>(rng() % 100);
  for (const KindShare& k : kKinds) {
    if (roll < k.percent) return k.kind;
    roll -= k.percent;
  }
  return Kind::kToilet;
}

std::string_view label(Kind kind) {
  for (const KindShare& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "设施";
}

}  // namespace

std::vector<Facility> synthetic_facilities(size_t count, uint64_t seed) {
  for (std::string_view h : kHours) {
    if (!h.empty() && !core::OpeningHours::parse(h).ok()) {
      std::cerr << "synthetic hours do not parse: " << h << "\n";
      std::exit(1);
    }
  }
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> lat(kSouth, kNorth), lon(kWest, kEast);
  std::vector<Facility> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    Facility f;
    f.id = static_cast<int64_t>(i + 1);
    f.kind = pick_kind(rng);
    f.name = std::string(label(f.kind)) + " " + std::to_string(f.id) + "号";
    f.address = "离石区" + std::string(kStreets[rng() % kStreets.size()]) +
                std::to_string(1 + rng() % 300) + "号";
    f.lat = lat(rng);
    f.lon = lon(rng);
    std::string_view hours = kHours[rng() % kHours.size()];
    if (!hours.empty()) f.opening_hours = std::string(hours);
    std::vector<FieldError> errors;
    std::optional<facilities::Amenities> a =
        facilities::read_amenities(f.kind, amenities_input(f.kind, rng), errors);
    if (!a) {
      std::cerr << "synthetic amenities do not validate\n";
      std::exit(1);
    }
    f.amenities_json = a->json;
    f.created_at = f.updated_at = 1767225600;  // 2026-01-01
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<core::LatLon> synthetic_points(size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> lat(kSouth, kNorth), lon(kWest, kEast);
  std::vector<core::LatLon> out;
  for (size_t i = 0; i < count; ++i) out.push_back({lat(rng), lon(rng)});
  return out;
}

}  // namespace warmcity::bench
