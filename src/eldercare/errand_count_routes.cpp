// GET /api/v1/errands/counts?month=YYYY-MM&community_id=: the errands
// received in a month by state and the overdue ones, per community
// (errand_counts.h), for the dashboard. HTTP only.
#include <string>
#include <utility>

#include "core/local_month.h"
#include "core/time.h"
#include "eldercare/count_routes.h"
#include "eldercare/elder_json.h"
#include "eldercare/errand_counts.h"
#include "eldercare/routes.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

ordered_json id_or_null(std::optional<int64_t> id) {
  return id ? ordered_json(*id) : ordered_json(nullptr);
}

ordered_json states_json(const ErrandCount& c) {
  ordered_json states = ordered_json::object();
  for (size_t i = 0; i < kErrandCountStates.size(); ++i) {
    states[std::string(kErrandCountStates[i])] = c.states[i];
  }
  return states;
}

ordered_json count_json(const ErrandCount& c) {
  return {{"community_id", id_or_null(c.community_id)},
          {"total", c.total},
          {"states", states_json(c)},
          {"overdue", c.overdue}};
}

void counts(store::Database& db, const ElderService& elders, http::Request& req,
            http::Reply reply) {
  std::vector<FieldError> errors;
  const int64_t now = elders.now();
  core::Month month = core::month_of(now);
  if (std::optional<std::string> m = req.query_param("month")) {
    Result<core::Month> parsed = core::parse_month(*m);
    if (parsed.ok()) {
      month = *parsed;
    } else {
      errors.push_back({"month", "a month YYYY-MM (1970-01 to 9999-12)"});
    }
  }
  const std::optional<int64_t> community_id = query_id(req, "community_id", errors);
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad counts query", std::move(errors))));
  }
  Result<std::optional<std::vector<int64_t>>> scope =
      count_scope(caller_of(req), "the errands' counts");
  if (!scope.ok()) return reply(http::problem(scope.status()));
  std::vector<ErrandCount> rows;
  if (!*scope || !(*scope)->empty()) {
    Result<std::vector<ErrandCount>> got =
        count_errands(db.reader(), {.from = month.from,
                                    .to = month.until,
                                    .now = now,
                                    .community_id = community_id,
                                    .in_areas = std::move(*scope)});
    if (!got.ok()) return reply(http::problem(got.status()));
    rows = std::move(*got);
  }
  ordered_json items = ordered_json::array();
  for (const ErrandCount& r : rows) items.push_back(count_json(r));
  const ErrandCount sum = errand_total_of(rows);
  reply(http::json_response(dump({{"at", core::format_rfc3339(now)},
                                  {"month", month.text()},
                                  {"from", core::format_rfc3339(month.from)},
                                  {"to", core::format_rfc3339(month.until)},
                                  {"community_id", id_or_null(community_id)},
                                  {"total", sum.total},
                                  {"states", states_json(sum)},
                                  {"overdue", sum.overdue},
                                  {"items", std::move(items)}})));
}

}  // namespace

void register_errand_count_routes(http::Router& router, store::Database& db,
                                  const ElderService& elders) {
  using http::Role;
  router.add(http::Method::kGet, "/api/v1/errands/counts",
             http::Access::Roles({Role::kAdmin, Role::kWorker}),
             [&db, &elders](http::Request& req, http::Reply reply) {
               counts(db, elders, req, std::move(reply));
             },
             {.summary = "Errands received in a month by state and overdue now, per community "
                         "(no personal data; ?month=YYYY-MM&community_id=)",
              .slow = true});
}

}  // namespace warmcity::eldercare
