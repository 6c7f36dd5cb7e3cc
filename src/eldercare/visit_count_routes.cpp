// GET /api/v1/visits/counts?community_id=: the open elders, the visits due
// today and overdue and the open escalations past their clock, per community
// (visit_counts.h), for the dashboard. HTTP only.
#include <string>
#include <utility>

#include "core/time.h"
#include "eldercare/count_routes.h"
#include "eldercare/elder_json.h"
#include "eldercare/errand_counts.h"
#include "eldercare/routes.h"
#include "eldercare/visit_counts.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

ordered_json count_json(const VisitCount& c) {
  return {{"community_id", c.community_id ? ordered_json(*c.community_id) : ordered_json(nullptr)},
          {"elders", c.elders},
          {"due_today", c.due_today},
          {"overdue", c.overdue},
          {"escalations_overdue", c.escalations_overdue}};
}

void counts(store::Database& db, const ElderService& elders, const VisitRules& rules,
            http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  const std::optional<int64_t> community_id = query_id(req, "community_id", errors);
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad counts query", std::move(errors))));
  }
  Result<std::optional<std::vector<int64_t>>> scope =
      count_scope(caller_of(req), "the visits' counts");
  if (!scope.ok()) return reply(http::problem(scope.status()));
  const int64_t now = elders.now();
  std::vector<VisitCount> rows;
  if (!*scope || !(*scope)->empty()) {
    Result<std::vector<VisitCount>> got = count_due_visits(
        db.reader(), {.now = now, .community_id = community_id, .in_areas = std::move(*scope)},
        rules);
    if (!got.ok()) return reply(http::problem(got.status()));
    rows = std::move(*got);
  }
  ordered_json items = ordered_json::array();
  for (const VisitCount& r : rows) items.push_back(count_json(r));
  ordered_json body = count_json(visit_total_of(rows));
  body["community_id"] = community_id ? ordered_json(*community_id) : ordered_json(nullptr);
  ordered_json out = {{"at", core::format_rfc3339(now)}};
  for (auto& [key, value] : body.items()) out[key] = value;
  out["items"] = std::move(items);
  reply(http::json_response(dump(out)));
}

}  // namespace

void register_visit_count_routes(http::Router& router, store::Database& db,
                                 const ElderService& elders, VisitRules rules) {
  using http::Role;
  router.add(http::Method::kGet, "/api/v1/visits/counts",
             http::Access::Roles({Role::kAdmin, Role::kWorker}),
             [&db, &elders, rules](http::Request& req, http::Reply reply) {
               counts(db, elders, rules, req, std::move(reply));
             },
             {.summary = "Visits due today and overdue, per community (no personal data; "
                         "?community_id=)",
              .slow = true});
}

}  // namespace warmcity::eldercare
