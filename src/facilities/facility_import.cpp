// Planning a facilities import: read, check every row, then the keepers
// (see facility_import.h).
#include "facilities/facility_import.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/csv.h"
#include "facilities/facility_formats.h"
#include "facilities/facility_input.h"
#include "http/json_input.h"

namespace warmcity::facilities {

namespace {

using nlohmann::json;

constexpr size_t kProgressEvery = 1000;

// Checks rows one by one into a plan.
class Planner {
 public:
  Planner(const ImportOptions& options, ImportPlan& plan) : options_(options), plan_(plan) {}

  void set_total(size_t total) { total_ = total; }

  void check(RawRow row) {
    ++plan_.rows;
    std::vector<FieldError> errors = std::move(row.errors);
    if (errors.empty()) {
      std::optional<core::ParseError> where;
      Result<Input> in =
          read_input_object(row.object, true, Kind::kServiceCentre, options_.gcj02, &where);
      Result<Facility> f = in.ok() ? new_facility(*in) : Result<Facility>(in.status());
      if (f.ok()) {
        plan_.valid.push_back({row.line, std::move(*f)});
      } else {
        for (const FieldError& e : f.status().field_errors()) errors.push_back(named(e));
        if (errors.empty()) errors.push_back({"row", f.status().message()});
      }
    }
    if (!errors.empty()) reject(row.line, errors);
    if (options_.progress && plan_.rows % kProgressEvery == 0)
      options_.progress(plan_.rows, total_);
  }

  void reject(size_t line, const std::vector<FieldError>& errors) {
    ++plan_.invalid_rows;
    for (const FieldError& e : errors) plan_.errors.push_back({line, e.field, e.message});
  }

  // Refuses rows whose keeper organisation does not exist.
  Status check_keepers(const MissingOrganisations& missing) {
    std::set<int64_t> ids;
    for (const ImportRow& r : plan_.valid) {
      if (r.facility.keeper_org_id) ids.insert(*r.facility.keeper_org_id);
    }
    if (ids.empty() || !missing) return Status::Ok();
    Result<std::vector<int64_t>> absent = missing({ids.begin(), ids.end()});
    if (!absent.ok()) return absent.status();
    if (absent->empty()) return Status::Ok();
    const std::set<int64_t> unknown(absent->begin(), absent->end());
    std::vector<ImportRow> kept;
    kept.reserve(plan_.valid.size());
    for (ImportRow& r : plan_.valid) {
      if (r.facility.keeper_org_id && unknown.count(*r.facility.keeper_org_id)) {
        reject(r.line, {named({"keeper_org_id", "names no organisation"})});
      } else {
        kept.push_back(std::move(r));
      }
    }
    plan_.valid = std::move(kept);
    return Status::Ok();
  }

  void finish() {
    std::stable_sort(plan_.errors.begin(), plan_.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.line < b.line; });
    plan_.error_count = plan_.errors.size();
    if (plan_.errors.size() > kMaxReportedImportErrors) {
      plan_.errors.resize(kMaxReportedImportErrors);
    }
    if (options_.progress && plan_.rows % kProgressEvery != 0) {
      options_.progress(plan_.rows, total_);
    }
  }

 private:
  // A create field's error, named as the file names the field.
  FieldError named(const FieldError& e) const {
    if (options_.format == ImportFormat::kCsv) return e;
    const size_t dot = e.field.find('.');
    const std::string head = e.field.substr(0, dot);
    std::string where = geojson_field(head);
    if (dot != std::string::npos) where += e.field.substr(dot);
    return {std::move(where), e.message};
  }

  const ImportOptions& options_;
  ImportPlan& plan_;
  size_t total_ = 0;
};

// A file that cannot be read at all: its errors all on one line.
ImportPlan unreadable(ImportPlan plan, size_t line, const std::vector<FieldError>& errors) {
  plan.unreadable = true;
  for (const FieldError& e : errors) plan.errors.push_back({line, e.field, e.message});
  plan.error_count = plan.errors.size();
  // A header of thousands of unknown columns (found by fuzz/import_files).
  if (plan.errors.size() > kMaxReportedImportErrors) plan.errors.resize(kMaxReportedImportErrors);
  return plan;
}

Result<ImportPlan> plan_csv(std::string_view body, const ImportOptions& options,
                            const MissingOrganisations& missing) {
  ImportPlan plan;
  plan.format = ImportFormat::kCsv;
  size_t bad_line = 1;
  Result<core::DecodedText> text = core::decode_text(body, options.encoding, &bad_line);
  if (!text.ok()) return unreadable(std::move(plan), bad_line, text.status().field_errors());
  plan.encoding = text->encoding;
  Result<std::vector<core::CsvRecord>> records = core::read_csv(text->text, &bad_line);
  if (!records.ok()) return unreadable(std::move(plan), bad_line, records.status().field_errors());
  if (records->empty()) {
    return unreadable(std::move(plan), 1,
                      {{"csv", "the file is empty; its first line must name the columns"}});
  }
  Result<CsvLayout> layout = csv_layout(records->front());
  if (!layout.ok()) {
    return unreadable(std::move(plan), records->front().line, layout.status().field_errors());
  }
  Planner planner(options, plan);
  planner.set_total(records->size() - 1);
  for (size_t i = 1; i < records->size(); ++i) planner.check(csv_row(*layout, (*records)[i]));
  records->clear();
  if (Status s = planner.check_keepers(missing); !s.ok()) return s;
  planner.finish();
  return plan;
}

Result<ImportPlan> plan_geojson(std::string_view body, const ImportOptions& options,
                                const MissingOrganisations& missing) {
  Result<json> features = http::parse_feature_collection(body);
  if (!features.ok()) return features.status();
  ImportPlan plan;
  plan.format = ImportFormat::kGeoJson;
  Planner planner(options, plan);
  planner.set_total(features->size());
  for (size_t i = 0; i < features->size(); ++i) planner.check(geojson_row((*features)[i], i));
  if (Status s = planner.check_keepers(missing); !s.ok()) return s;
  planner.finish();
  return plan;
}

}  // namespace

std::optional<ImportFormat> parse_import_format(std::string_view name) {
  if (name == "geojson") return ImportFormat::kGeoJson;
  if (name == "csv") return ImportFormat::kCsv;
  return std::nullopt;
}

std::string_view import_format_name(ImportFormat f) {
  return f == ImportFormat::kGeoJson ? "geojson" : "csv";
}

Result<ImportPlan> plan_import(std::string_view body, const ImportOptions& options,
                               const MissingOrganisations& missing) {
  return options.format == ImportFormat::kCsv ? plan_csv(body, options, missing)
                                              : plan_geojson(body, options, missing);
}

std::string import_problem_detail(const ImportPlan& plan) {
  std::string unit = plan.format == ImportFormat::kCsv ? "rows" : "features";
  std::string detail =
      plan.unreadable
          ? "the file cannot be read; nothing was imported"
          : std::to_string(plan.invalid_rows) + " of " + std::to_string(plan.rows) + " " + unit +
                " are not valid; nothing was imported (skip_invalid=true imports the others)";
  if (plan.error_count > plan.errors.size()) {
    detail += " (the first " + std::to_string(plan.errors.size()) + " of " +
              std::to_string(plan.error_count) + " errors are listed)";
  }
  return detail;
}

}  // namespace warmcity::facilities
