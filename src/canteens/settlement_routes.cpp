// Routes of settlement (settlement_service.h) under
// /api/v1/canteens/{id}/settlements/{month}, and the dashboard's
// /api/v1/canteen-meal-counts. HTTP only: every answer comes from
// SettlementService.
#include <memory>
#include <utility>

#include "canteens/routes.h"
#include "canteens/settlement_csv.h"
#include "canteens/settlement_json.h"
#include "canteens/settlement_service.h"
#include "canteens/subsidy_json.h"
#include "http/problem.h"
#include "http/router.h"

namespace warmcity::canteens {

namespace {

using SettlementFn = void (*)(SettlementService&, http::Request&, http::Reply);

std::string settlement_month_of(const http::Request& req) {
  return std::string(req.path_param("month"));
}

void settlement_summary(SettlementService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<SettlementSummary> s = service.summary(*canteen, settlement_month_of(req), caller_of(req));
  if (!s.ok()) return reply(http::problem(s.status()));
  reply(http::json_response(dump_json(settlement_summary_json(*s))));
}

void settlement_lines_csv(SettlementService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  service.lines(*canteen, settlement_month_of(req), caller_of(req),
                [reply = std::move(reply)](Result<SettlementLines> r) {
                  if (!r.ok()) return reply(http::problem(r.status()));
                  http::Response res;
                  res.content_type = "text/csv; charset=utf-8";
                  res.body = settlement_csv(*r);
                  res.set_header("Content-Disposition", "attachment; filename=\"settlement-" +
                                                            std::to_string(r->summary.canteen.id) +
                                                            "-" + r->summary.month + ".csv\"");
                  reply(std::move(res));
                });
}

void settlement_close(SettlementService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  service.close(*canteen, settlement_month_of(req), caller_of(req),
                [reply = std::move(reply)](Result<SettlementSummary> r) {
                  if (!r.ok()) return reply(http::problem(r.status()));
                  reply(http::json_response(dump_json(settlement_summary_json(*r))));
                });
}

void settlement_adjust(SettlementService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<AdjustmentInput> in = read_adjustment_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.adjust(*canteen, settlement_month_of(req), std::move(*in), caller_of(req),
                 [reply = std::move(reply)](Result<NamedAdjustment> r) {
                   if (!r.ok()) return reply(http::problem(r.status()));
                   reply(http::json_response(dump_json(settlement_adjustment_json(*r)), 201));
                 });
}

void canteen_meal_counts(SettlementService& service, http::Request& req, http::Reply reply) {
  std::optional<std::string> month = req.query_param("month");
  if (!month) {
    return reply(
        http::problem(Status::Unprocessable("bad month", {{"month", "is required (YYYY-MM)"}})));
  }
  Result<MealCounts> m = service.meal_counts(*month, caller_of(req));
  if (!m.ok()) return reply(http::problem(m.status()));
  reply(http::json_response(dump_json(meal_counts_json(*m))));
}

}  // namespace

void register_settlement_routes(http::Router& router, std::shared_ptr<SettlementService> service) {
  using http::Method;
  using http::Role;
  const std::string month = std::string(kCanteensApi) + "/{id}/settlements/{month}";
  auto bind = [service](SettlementFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  const http::Access readers =
      http::Access::Roles({Role::kAdmin, Role::kKeeper, Role::kDepartment});
  const http::Access admins = http::Access::Roles({Role::kAdmin});
  // The reads group or list a whole month of meals: on the slow-work pool,
  // never on an I/O thread (issue #15).
  router.add(Method::kGet, month, readers, bind(settlement_summary),
             {.summary = "A canteen's month settled with the civil-affairs bureau: meals by "
                         "tier, subsidy owed, closure and adjustments (its staff, admins, "
                         "department users)",
              .slow = true});
  router.add(Method::kGet, month + "/lines.csv", readers, bind(settlement_lines_csv),
             {.summary = "The month's meals and adjustments as CSV (UTF-8 with BOM, opens in "
                         "Excel; diners masked; audited)",
              // 100,000 meals: about a second (bench/README.md).
              .slow = true});
  router.add(Method::kPost, month + "/close", admins, bind(settlement_close),
             {.body_limit = 1024,
              .summary = "Close a month: freezes its totals (admins; 409 when closed already, "
                         "not yet over or with open deliveries; audited)"});
  router.add(Method::kPost, month + "/adjustments", admins, bind(settlement_adjust),
             {.body_limit = 4096,
              .summary = "Adjust a closed month's subsidy with a reason (admins; 409 while "
                         "open; append-only, audited)"});
  router.add(Method::kGet, "/api/v1/canteen-meal-counts",
             http::Access::Roles({Role::kAdmin, Role::kDepartment}), bind(canteen_meal_counts),
             {.summary = "Every canteen's meals, subsidised meals, subsidy, deliveries and "
                         "not-home in a month (?month=YYYY-MM; admins, department users)",
              .slow = true});
}

}  // namespace warmcity::canteens
