// Writing every facility as GeoJSON or CSV (see facility_export.h).
#include "facilities/facility_export.h"

#include <algorithm>
#include <vector>

#include "core/csv.h"
#include "facilities/facility_formats.h"
#include "facilities/facility_store.h"

namespace warmcity::facilities {

namespace {

constexpr int kPage = 1000;

// Every facility, oldest first.
Result<std::vector<Facility>> every_facility(store::Connection& c) {
  std::vector<Facility> all;
  ListFilter filter;
  filter.limit = kPage;
  for (;;) {
    Result<std::vector<Facility>> page = list_facilities(c, filter);
    if (!page.ok()) return page.status();
    const bool more = page->size() == static_cast<size_t>(kPage);
    if (!page->empty()) filter.before_id = page->back().id;
    std::move(page->begin(), page->end(), std::back_inserter(all));
    if (!more) break;
  }
  std::reverse(all.begin(), all.end());
  return all;
}

}  // namespace

std::string export_content_type(ImportFormat format) {
  return format == ImportFormat::kCsv ? "text/csv; charset=utf-8" : "application/geo+json";
}

Result<std::string> export_facilities(store::Connection& c, ImportFormat format) {
  Result<std::vector<Facility>> all = every_facility(c);
  if (!all.ok()) return all.status();
  std::string out;
  if (format == ImportFormat::kCsv) {
    out = "\xEF\xBB\xBF";
    core::append_csv_record(out, csv_export_header());
    for (const Facility& f : *all) core::append_csv_record(out, csv_export_record(f));
    return out;
  }
  out = R"({"type":"FeatureCollection","features":[)";
  for (size_t i = 0; i < all->size(); ++i) {
    const Facility& f = (*all)[i];
    if (i > 0) out += ',';
    out +=
        geojson_feature(f).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
  out += "]}\n";
  return out;
}

}  // namespace warmcity::facilities
