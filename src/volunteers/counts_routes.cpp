// The volunteers' month counts (docs/volunteers.md "Counts"): public
// numbers per team and community, read on the calling thread's reader
// (counts_store.h).
#include <utility>

#include "core/time.h"
#include "volunteers/counts_store.h"
#include "volunteers/outcome_json.h"
#include "volunteers/routes.h"
#include "volunteers/shift_json.h"

namespace warmcity::volunteers {

namespace {

using nlohmann::ordered_json;

ordered_json counts_outcomes_json(const OutcomeTotals& totals) {
  ordered_json j = ordered_json::object();
  for (const auto& [kind, tenths] : totals) j[kind] = quantity_json(tenths);
  return j;
}

ordered_json month_counts_json(const MonthCounts& m) {
  ordered_json teams = ordered_json::array();
  for (const TeamCount& t : m.teams) {
    teams.push_back(
        {{"id", t.id},
         {"name", t.name},
         {"community_id", t.community_id ? ordered_json(*t.community_id) : ordered_json()},
         {"volunteers", t.volunteers},
         {"minutes", t.minutes},
         {"rank", t.rank},
         {"outcomes", counts_outcomes_json(t.outcomes)}});
  }
  ordered_json communities = ordered_json::array();
  for (const CommunityCount& c : m.communities) {
    communities.push_back({{"id", c.id},
                           {"name", c.name},
                           {"minutes", c.minutes},
                           {"outcomes", counts_outcomes_json(c.outcomes)}});
  }
  ordered_json kinds = ordered_json::array();
  for (const OutcomeKind& k : m.kinds)
    kinds.push_back({{"code", k.code}, {"name", k.name}, {"unit", k.unit}});
  return {{"month", m.month},
          {"teams", std::move(teams)},
          {"communities", std::move(communities)},
          {"outcome_kinds", std::move(kinds)}};
}

}  // namespace

void register_counts_routes(http::Router& router, const RouteContext& ctx) {
  store::Database& db = ctx.db;
  std::function<int64_t()> now = ctx.now;
  router.add(http::Method::kGet, "/api/v1/volunteer-counts", http::Access::Public(),
             [&db, now](http::Request& req, http::Reply reply) {
               core::LocalDate first = core::local_date_of(now ? now() : core::now_unix());
               first.day = 1;
               if (std::optional<std::string> text = req.query_param("month")) {
                 std::optional<core::LocalDate> m = parse_month(*text);
                 if (!m)
                   return reply(shift_problem(
                       Status::Unprocessable("invalid: month", {{"month", "a month YYYY-MM"}})));
                 first = *m;
               }
               Result<MonthCounts> counts = month_counts(db.reader(), first);
               if (!counts.ok()) return reply(shift_problem(counts.status()));
               reply(shift_answer(month_counts_json(*counts)));
             },
             {.summary = "Volunteer hours and outcomes per team and community in a month "
                         "(?month=YYYY-MM, default this month), teams ranked by minutes",
              .slow = true});
}

}  // namespace warmcity::volunteers
