// POST /api/v1/facilities/import and GET /api/v1/facilities/export: the
// HTTP edge of facility_import.h and facility_export.h.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "facilities/facility_export.h"
#include "facilities/facility_import.h"
#include "facilities/routes.h"
#include "http/problem.h"

namespace warmcity::facilities {

namespace {

using nlohmann::ordered_json;

constexpr size_t kImportBodyLimit = 32 << 20;  // ~50,000 rows of CSV fit in well under this

ordered_json errors_json(const std::vector<RowError>& errors) {
  ordered_json list = ordered_json::array();
  for (const RowError& e : errors) {
    list.push_back({{"line", e.line}, {"field", e.field}, {"message", e.message}});
  }
  return list;
}

// A 422 whose errors carry the line of each.
http::Response rows_problem(const ImportPlan& plan) {
  http::Response r = http::problem(Status::Unprocessable(import_problem_detail(plan)));
  ordered_json body = ordered_json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  body["errors"] = errors_json(plan.errors);
  r.body = dump(body);
  return r;
}

std::optional<ImportFormat> format_of(const http::Request& req, std::vector<FieldError>& errors) {
  std::optional<std::string> text = req.query_param("format");
  std::optional<ImportFormat> format = text ? parse_import_format(*text) : std::nullopt;
  if (!format) errors.push_back({"format", "must be geojson or csv"});
  return format;
}

// The import's query parameters; kUnprocessable naming each bad one.
Result<ImportOptions> import_options(const http::Request& req, bool& skip_invalid) {
  std::vector<FieldError> errors;
  ImportOptions o;
  if (std::optional<ImportFormat> f = format_of(req, errors)) o.format = *f;
  std::optional<std::string> skip = req.query_param("skip_invalid");
  if (skip && *skip != "true" && *skip != "false") {
    errors.push_back({"skip_invalid", "must be true or false"});
  }
  skip_invalid = skip == "true";
  if (std::optional<std::string> enc = req.query_param("encoding")) {
    o.encoding = core::parse_text_encoding(*enc);
    if (!o.encoding) errors.push_back({"encoding", "must be utf-8 or gb18030"});
  }
  std::optional<std::string> coord = req.query_param("coord");
  if (coord && *coord != "wgs84" && *coord != "gcj02") {
    errors.push_back({"coord", "must be wgs84 or gcj02"});
  }
  o.gcj02 = coord == "gcj02";
  if (!errors.empty()) return Status::Unprocessable("bad import parameters", std::move(errors));
  return o;
}

// Checks every row, then writes the valid ones (import_rows.cpp). Runs on the
// service's slow-work thread: 50,000 rows take about a second to check.
void run_import(FacilityService& service, const std::string& body, const ImportOptions& options,
                bool skip_invalid, const Editor& by, http::Reply reply) {
  Result<ImportPlan> plan = service.plan_import(body, options);
  if (!plan.ok()) return reply(http::problem(plan.status()));
  if (plan->unreadable || (plan->invalid_rows > 0 && !skip_invalid)) {
    return reply(rows_problem(*plan));
  }
  ordered_json summary = {
      {"format", import_format_name(plan->format)},
      {"encoding", plan->encoding ? ordered_json(core::text_encoding_name(*plan->encoding))
                                  : ordered_json(nullptr)},
      {"rows", plan->rows},
      {"imported", 0},
      {"skipped", plan->invalid_rows},
      {"errors", errors_json(plan->errors)}};
  std::vector<Facility> rows;
  rows.reserve(plan->valid.size());
  for (ImportRow& r : plan->valid) rows.push_back(std::move(r.facility));
  ImportCounts counts{std::string(import_format_name(plan->format)), plan->rows,
                      plan->invalid_rows};
  service.import(std::move(rows), std::move(counts), by, nullptr,
                 [reply = std::move(reply),
                  summary = std::move(summary)](Result<std::vector<int64_t>> ids) mutable {
                   if (!ids.ok()) return reply(http::problem(ids.status()));
                   summary["imported"] = ids->size();
                   reply(http::json_response(dump(summary), ids->empty() ? 200 : 201));
                 });
}

// Queues `task` on the slow-work thread; 503 when its queue is full.
void run_slowly(FacilityService& service, std::function<void()> task, const http::Reply& reply) {
  if (!service.slow_work().try_post(std::move(task))) {
    http::Response busy = http::problem(
        Status::Unavailable("too many imports and exports are waiting; try again in a minute"));
    busy.set_header("Retry-After", "60");
    reply(std::move(busy));
  }
}

void import_route(FacilityService& service, http::Request& req, http::Reply reply) {
  bool skip_invalid = false;
  Result<ImportOptions> options = import_options(req, skip_invalid);
  if (!options.ok()) return reply(http::problem(options.status()));
  run_slowly(
      service,
      [&service, body = std::move(req.body), o = *options, skip_invalid, by = editor_of(req),
       reply] { run_import(service, body, o, skip_invalid, by, reply); },
      reply);
}

// Builds the whole file on the slow-work thread.
void export_route(FacilityService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  std::optional<ImportFormat> format = format_of(req, errors);
  if (!format) return reply(http::problem(Status::Unprocessable("bad export parameters", errors)));
  auto task = [&service, format = *format, reply] {
    Result<std::string> body = service.export_file(format);
    if (!body.ok()) return reply(http::problem(body.status()));
    http::Response r = http::json_response(std::move(*body));
    r.content_type = export_content_type(format);
    r.set_header("Content-Disposition", std::string("attachment; filename=\"facilities.") +
                                            (format == ImportFormat::kCsv ? "csv" : "geojson") +
                                            "\"");
    reply(std::move(r));
  };
  run_slowly(service, std::move(task), reply);
}

}  // namespace

void register_import_routes(http::Router& router, FacilityService& service) {
  using http::Role;
  router.add(
      http::Method::kPost, std::string(kApi) + "/import", http::Access::Roles({Role::kAdmin}),
      [&service](http::Request& req, http::Reply reply) {
        import_route(service, req, std::move(reply));
      },
      {.body_limit = kImportBodyLimit,
       .json_body = false,
       .summary = "Import facilities from GeoJSON or CSV (?format=&skip_invalid=&encoding=)"});
  router.add(http::Method::kGet, std::string(kApi) + "/export",
             http::Access::Roles(
                 {Role::kWorker, Role::kVolunteer, Role::kKeeper, Role::kDepartment, Role::kAdmin}),
             [&service](http::Request& req, http::Reply reply) {
               export_route(service, req, std::move(reply));
             },
             {.summary = "Export every facility as GeoJSON or CSV (?format=)"});
}

}  // namespace warmcity::facilities
