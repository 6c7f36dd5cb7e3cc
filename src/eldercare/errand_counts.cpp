// count_errands (errand_counts.h): one aggregate in the shared dialect.
#include "eldercare/errand_counts.h"

#include <algorithm>
#include <string>

#include "core/time.h"
#include "store/sql_list.h"

namespace warmcity::eldercare {

namespace {

// ?1 from, ?2 to, ?3 now, ?4 the community, ?5… the areas (padded). The
// month's leg reads the covering index errands_month_counts, the overdue leg
// errands_due; the elders are joined only to scope a worker bound to areas.
std::string count_sql(size_t areas) {
  std::string scope;
  std::string join;
  if (areas > 0) {
    std::string list;
    for (size_t i = 0; i < areas; ++i) list += (i == 0 ? "?" : ", ?") + std::to_string(5 + i);
    join = " JOIN elders e ON e.id = r.elder_id";
    scope = " AND (e.grid_id IN (" + list + ") OR e.community_id IN (" + list +
            ") OR e.subdistrict_id IN (" + list + "))";
  }
  const std::string community = " AND (CAST(?4 AS BIGINT) IS NULL OR r.community_id = ?4)";
  return "SELECT x.community_id, x.state, x.phase, SUM(x.in_month), SUM(x.overdue) FROM ("
         "SELECT r.community_id, r.state, r.phase, 1 AS in_month, 0 AS overdue FROM errands r" +
         join + " WHERE r.received_at >= ?1 AND r.received_at < ?2" + community + scope +
         " UNION ALL SELECT r.community_id, r.state, r.phase, 0, 1 FROM errands r" + join +
         " WHERE r.phase = 0 AND r.due_at < ?3" + community + scope +
         ") x GROUP BY x.community_id, x.state, x.phase";
}

// The index of the state an errand of (state, phase) is counted in.
Result<size_t> state_index(const std::string& state, int64_t phase) {
  // Both arms string_views: `? "complete" : state` would make a temporary
  // std::string, gone before `name` is read (ASan: stack-use-after-scope).
  const std::string_view name =
      state == "settled" && phase == 2 ? std::string_view("complete") : std::string_view(state);
  const auto at = std::find(kErrandCountStates.begin(), kErrandCountStates.end(), name);
  if (at == kErrandCountStates.end()) return Status::Internal("an errand in state " + state);
  return static_cast<size_t>(at - kErrandCountStates.begin());
}

}  // namespace

std::vector<store::Migration> errand_count_migrations() {
  return {{"errand_counts", 1, R"SQL(
    CREATE INDEX errands_month_counts ON errands(received_at, community_id, state, phase, elder_id);
  )SQL"}};
}

bool community_before(const std::optional<int64_t>& a, const std::optional<int64_t>& b) {
  return std::make_pair(!a, a.value_or(0)) < std::make_pair(!b, b.value_or(0));
}

Result<std::vector<ErrandCount>> count_errands(store::Connection& c, const ErrandCountFilter& f) {
  std::vector<int64_t> areas;
  if (f.in_areas) {
    if (f.in_areas->empty()) return Status::InvalidArgument("an empty list of areas");
    areas = *f.in_areas;
    areas.resize(store::padded_length(areas.size()), areas.back());
  }
  auto s = c.prepare(count_sql(areas.size()));
  if (!s.ok()) return s.status();
  s->bind(1, f.from).bind(2, f.to).bind(3, f.now).bind(4, f.community_id);
  for (size_t i = 0; i < areas.size(); ++i) s->bind(5 + static_cast<int>(i), areas[i]);

  std::vector<ErrandCount> rows;
  while (true) {
    Result<bool> more = s->step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    const std::optional<int64_t> community = s->column_int64_opt(0);
    auto row = std::find_if(rows.begin(), rows.end(),
                            [&](const ErrandCount& r) { return r.community_id == community; });
    if (row == rows.end()) row = rows.insert(rows.end(), ErrandCount{.community_id = community});
    Result<size_t> state = state_index(s->column_text(1), s->column_int64(2));
    if (!state.ok()) return state.status();
    const int64_t in_month = s->column_int64(3);
    row->total += in_month;
    row->states[*state] += in_month;
    row->overdue += s->column_int64(4);
  }
  std::sort(rows.begin(), rows.end(), [](const ErrandCount& a, const ErrandCount& b) {
    return community_before(a.community_id, b.community_id);
  });
  return rows;
}

ErrandCount errand_total_of(const std::vector<ErrandCount>& rows) {
  ErrandCount sum;
  for (const ErrandCount& r : rows) {
    sum.total += r.total;
    sum.overdue += r.overdue;
    for (size_t i = 0; i < sum.states.size(); ++i) sum.states[i] += r.states[i];
  }
  return sum;
}

Result<std::optional<std::vector<int64_t>>> count_scope(const Caller& by, std::string_view what) {
  if (by.role != "admin" && by.role != "worker") {
    return Status::PermissionDenied(std::string(what) + " are for admins and workers");
  }
  return listable_areas(by);
}

}  // namespace warmcity::eldercare
