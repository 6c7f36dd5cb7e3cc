// GET /api/v1/rates (see rates_module.h): the query, then RatesService, then
// JSON or CSV.
#include <charconv>
#include <cmath>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "http/problem.h"
#include "rates/json_text.h"
#include "rates/rates_csv.h"
#include "rates/rates_module.h"
#include "rates/rates_page.h"
#include "rates/rates_service.h"

namespace warmcity::rates {

namespace {

using nlohmann::ordered_json;

ordered_json number_or_null(const std::optional<double>& v) {
  return v ? ordered_json(std::round(*v * 1e6) / 1e6) : ordered_json(nullptr);
}

ordered_json row_json(const Row& r) {
  return {{"rank", r.rank ? ordered_json(*r.rank) : ordered_json(nullptr)},
          {"id", r.id ? ordered_json(*r.id) : ordered_json(nullptr)},
          {"name", r.name},
          {"valid_callbacks", r.valid_callbacks},
          {"contacted", r.contacted},
          {"solved", r.solved},
          {"satisfied", r.satisfied},
          {"basically_satisfied", r.basically_satisfied},
          {"dissatisfied", r.dissatisfied},
          {"response_rate", number_or_null(r.response_rate)},
          {"resolution_rate", number_or_null(r.resolution_rate)},
          {"satisfaction_rate", number_or_null(r.satisfaction_rate)},
          {"composite", number_or_null(r.composite)},
          {"submitted", r.submitted},
          {"mean_response_hours", number_or_null(r.mean_response_hours)},
          {"mean_resolution_hours", number_or_null(r.mean_resolution_hours)},
          {"response_overdue", r.response_overdue},
          {"resolution_overdue", r.resolution_overdue}};
}

// row_json(r) dumped, written straight into `out` (json_text.h).
void append_row(std::string& out, const Row& r) {
  auto number = [&out](const std::optional<double>& v) {
    append_json_number(out, v ? std::optional<double>(std::round(*v * 1e6) / 1e6) : v);
  };
  auto integer = [&out](const char* key, int64_t v) {
    out += key;
    out += std::to_string(v);
  };
  out += "{\"rank\":";
  out += r.rank ? std::to_string(*r.rank) : "null";
  out += ",\"id\":";
  out += r.id ? std::to_string(*r.id) : "null";
  out += ",\"name\":";
  append_json_string(out, r.name);
  integer(",\"valid_callbacks\":", r.valid_callbacks);
  integer(",\"contacted\":", r.contacted);
  integer(",\"solved\":", r.solved);
  integer(",\"satisfied\":", r.satisfied);
  integer(",\"basically_satisfied\":", r.basically_satisfied);
  integer(",\"dissatisfied\":", r.dissatisfied);
  out += ",\"response_rate\":";
  number(r.response_rate);
  out += ",\"resolution_rate\":";
  number(r.resolution_rate);
  out += ",\"satisfaction_rate\":";
  number(r.satisfaction_rate);
  out += ",\"composite\":";
  number(r.composite);
  integer(",\"submitted\":", r.submitted);
  out += ",\"mean_response_hours\":";
  number(r.mean_response_hours);
  out += ",\"mean_resolution_hours\":";
  number(r.mean_resolution_hours);
  integer(",\"response_overdue\":", r.response_overdue);
  integer(",\"resolution_overdue\":", r.resolution_overdue);
  out += "}";
}

// The largest page (about 400 bytes a row: 200 KB) and the largest minimum.
constexpr int64_t kMaxLimit = 500;
constexpr int64_t kMaxMinCallbacks = 1'000'000;

std::string unnamed(Dimension by) {
  // The CSV's name; the web app shows its own words for a row without an id.
  return by == Dimension::kDepartment ? "（未派至部门）" : "（未定位）";
}

// A JSON page of the rows (rates_page.h): ?limit=1..500 (default 200),
// ?cursor=, ?order=rank|worst, ?rate=, ?min_callbacks=. Problems go to
// `errors`.
PageQuery page_query(const http::Request& req, std::vector<FieldError>& errors) {
  PageQuery q;
  auto whole = [](const std::string& text, int64_t max) -> std::optional<int64_t> {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 0 || v > max) {
      return std::nullopt;
    }
    return v;
  };
  if (std::optional<std::string> l = req.query_param("limit")) {
    std::optional<int64_t> v = whole(*l, kMaxLimit);
    if (v && *v >= 1) {
      q.limit = static_cast<size_t>(*v);
    } else {
      errors.push_back({"limit", "a whole number from 1 to " + std::to_string(kMaxLimit)});
    }
  }
  if (std::optional<std::string> o = req.query_param("order")) {
    std::optional<Order> v = parse_order(*o);
    if (v) {
      q.order = *v;
    } else {
      errors.push_back({"order", "rank or worst"});
    }
  }
  if (std::optional<std::string> r = req.query_param("rate")) {
    std::optional<Rate> v = parse_rate(*r);
    if (v) {
      q.rate = *v;
    } else {
      errors.push_back({"rate", "one of composite, response, resolution, satisfaction"});
    }
  }
  if (std::optional<std::string> m = req.query_param("min_callbacks")) {
    std::optional<int64_t> v = whole(*m, kMaxMinCallbacks);
    if (v) {
      q.min_callbacks = *v;
    } else {
      errors.push_back(
          {"min_callbacks", "a whole number from 0 to " + std::to_string(kMaxMinCallbacks)});
    }
  }
  if (std::optional<std::string> c = req.query_param("cursor")) {
    // (Checked against the order and rate asked for; a bad one of those was named above.)
    if (cursor_fits(*c, q.order, q.rate)) {
      q.cursor = *c;
    } else {
      errors.push_back({"cursor", "not a cursor this report gave out for this order and rate"});
    }
  }
  return q;
}

void get_rates(const RatesService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  const int64_t now = core::now_unix();
  Month month = month_of(now);
  if (std::optional<std::string> m = req.query_param("month")) {
    Result<Month> parsed = parse_month(*m);
    if (parsed.ok()) {
      month = *parsed;
    } else {
      errors.push_back({"month", "a month is YYYY-MM from 1970-01 to 9999-12, e.g. 2026-11"});
    }
  }
  Dimension by = Dimension::kDepartment;
  if (std::optional<std::string> b = req.query_param("by")) {
    std::optional<Dimension> d = parse_dimension(*b);
    if (d) {
      by = *d;
    } else {
      errors.push_back({"by", "one of department, subdistrict, community, grid"});
    }
  }
  const std::optional<std::string> format = req.query_param("format");
  if (format && *format != "json" && *format != "csv") {
    errors.push_back({"format", "json or csv"});
  }
  PageQuery q = page_query(req, errors);
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad rates query", std::move(errors))));
  }

  // The CSV is the whole table (an export: its names too); JSON names only
  // the rows of its page.
  const Weights& w = service.weights();
  if (format == "csv") {
    Result<Report> report = service.report(month, by, now);
    if (!report.ok()) return reply(http::problem(report.status()));
    for (Row& r : report->rows) {
      if (!r.id) r.name = unnamed(by);
    }
    http::Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = rates_csv(report->rows, report->total);
    r.set_header("Content-Disposition", "attachment; filename=\"rates-" + month.text() + "-" +
                                            std::string(dimension_name(by)) + ".csv\"");
    return reply(std::move(r));
  }
  Result<ReportPage> page = service.page(month, by, now, q);
  if (!page.ok()) return reply(http::problem(page.status()));
  std::vector<Row>& rows = page->rows;
  for (Row& r : rows) {
    if (!r.id) r.name = unnamed(by);
  }
  Row& sum = page->total;
  sum.name = "合计 (total)";
  ordered_json body = {
      {"month", month.text()},
      {"by", dimension_name(by)},
      {"from", core::format_rfc3339(month.from)},
      {"until", core::format_rfc3339(month.until)},
      {"weights",
       {{"response", w.response}, {"resolution", w.resolution}, {"satisfaction", w.satisfaction}}},
      {"generated_at", core::format_rfc3339(now)},
      {"order", q.order == Order::kRank ? "rank" : "worst"},
      {"groups", page->selected},
      {"items", ordered_json::array()},
      {"next_cursor", page->next_cursor ? ordered_json(*page->next_cursor) : ordered_json(nullptr)},
      {"total", row_json(sum)}};
  // The items go where the empty array was (the first "items", before the
  // total and its fixed name).
  std::string text = body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  std::string items = "[";
  items.reserve(rows.size() * 400);
  for (const Row& r : rows) {
    if (items.size() > 1) items += ',';
    append_row(items, r);
  }
  items += ']';
  const std::string empty = "\"items\":[]";
  text.replace(text.find(empty) + empty.size() - 2, 2, items);
  reply(http::json_response(std::move(text)));
}

}  // namespace

void register_routes(http::Router& router, store::Database& db, Weights weights) {
  using http::Role;
  // Held by the route: the router outlives serving, `db` outlives the router.
  auto service = std::make_shared<RatesService>(db, weights);
  router.add(
      http::Method::kGet, "/api/v1/rates",
      http::Access::Roles({Role::kAdmin, Role::kWorker, Role::kDepartment}),
      [service](http::Request& req, http::Reply reply) {
        get_rates(*service, req, std::move(reply));
      },
      // A month not kept yet (rates_cache.h) is up to one row per grid
      // (15,000 in a city) read and ranked: tens of milliseconds; the CSV
      // names and writes them all.
      {.summary = "the three rates per department or area and month (JSON or CSV)", .slow = true});
}

}  // namespace warmcity::rates
