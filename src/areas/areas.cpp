#include "areas/areas.h"

#include <utility>

#include "areas/area_routes.h"
#include "areas/area_service.h"

namespace warmcity::areas {

struct Areas::Impl {
  std::unique_ptr<AreaService> service;
};

std::string_view level_name(Level level) {
  switch (level) {
    case Level::kSubdistrict:
      return "subdistrict";
    case Level::kCommunity:
      return "community";
    case Level::kGrid:
      return "grid";
  }
  return "subdistrict";
}

std::optional<Level> parse_level(std::string_view name) {
  if (name == "subdistrict") return Level::kSubdistrict;
  if (name == "community") return Level::kCommunity;
  if (name == "grid") return Level::kGrid;
  return std::nullopt;
}

Result<std::unique_ptr<Areas>> Areas::open(store::Database& db) {
  auto service = AreaService::open(db);
  if (!service.ok()) return service.status();
  auto impl = std::make_unique<Impl>();
  impl->service = std::move(service).value();
  return std::unique_ptr<Areas>(new Areas(std::move(impl)));
}

Areas::Areas(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Areas::~Areas() = default;

Location Areas::locate(double lat, double lon) const {
  return impl_->service->snapshot()->locate(lat, lon);
}

AreaService& Areas::service() { return *impl_->service; }

void Areas::register_routes(http::Router& router) { register_area_routes(router, *impl_->service); }

}  // namespace warmcity::areas
