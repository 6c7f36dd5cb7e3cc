// count_appeals (appeal_counts.h): a whole month from the month aggregates
// (rates/rollup.h), anything else by one GROUP BY in the shared dialect.
#include "appeals/appeal_counts.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "rates/rollup.h"
#include "store/sql_list.h"

namespace warmcity::appeals {

namespace {

struct Dimension {
  CountBy by;
  std::string_view name;
  std::string_view column;
  bool text;  // grouped by a text column (state, channel), else by an id
};

constexpr std::array<Dimension, 6> kDimensions{{
    {CountBy::kState, "state", "state", true},
    {CountBy::kCategory, "category", "category_id", false},
    {CountBy::kChannel, "channel", "channel", true},
    {CountBy::kSubdistrict, "subdistrict", "subdistrict_id", false},
    {CountBy::kCommunity, "community", "community_id", false},
    {CountBy::kGrid, "grid", "grid_id", false},
}};

const Dimension& dimension(CountBy by) {
  return *std::find_if(kDimensions.begin(), kDimensions.end(),
                       [by](const Dimension& d) { return d.by == by; });
}

// " AND column IN (?, …)", the list padded (store::padded_length) so that a
// few statement texts serve every length; the values go to `values`.
void in_list(std::string& sql, std::string_view column, const std::vector<int64_t>& ids,
             std::vector<int64_t>& values) {
  const size_t n = store::padded_length(ids.size());
  sql += column;
  sql += " IN (" + store::placeholders(n) + ")";
  for (size_t i = 0; i < n; ++i) values.push_back(ids[std::min(i, ids.size() - 1)]);
}

}  // namespace

std::optional<CountBy> parse_count_by(std::string_view name) {
  if (name == "area") return CountBy::kCommunity;
  for (const Dimension& d : kDimensions) {
    if (d.name == name) return d.by;
  }
  return std::nullopt;
}

std::string_view count_by_name(CountBy by) { return dimension(by).name; }

namespace {

// The counts of a whole month, no narrowing: from the maintained aggregates
// (rates/rollup.h).
Result<std::vector<CountCell>> month_cells(store::Connection& c, const Dimension& d,
                                           int64_t month) {
  auto counts = rates::month_counts(c, month, d.name);
  if (!counts.ok()) return counts.status();
  std::vector<CountCell> cells;
  for (const auto& [key, n] : *counts) {
    std::optional<State> state = parse_state(key.state);
    if (!state) return Status::Internal("an appeal in an unknown state: " + key.state);
    CountCell cell{.state = *state, .count = n};
    if (d.text) {
      cell.key = key.group_key;
    } else if (key.group_id != 0) {
      cell.id = key.group_id;
    }
    cells.push_back(std::move(cell));
  }
  return cells;
}

// The cells of a recount of the rows (a narrowed or not month-long period).
Result<std::vector<CountCell>> recount(store::Connection& c, const Dimension& d,
                                       const CountQuery& q) {
  std::string sql = "SELECT ";
  sql += d.column;
  sql += ", state, COUNT(*) FROM appeals WHERE submitted_at >= ? AND submitted_at < ?";
  std::vector<int64_t> values;
  if (!q.assigned_org_ids.empty()) {
    // Kept off appeals_org (SQLite's unary "+", an identity on PostgreSQL),
    // which would read the organisation's appeals of every month.
    sql += " AND ";
    in_list(sql, "+assigned_org_id", q.assigned_org_ids, values);
  }
  if (!q.area_ids.empty()) {
    sql += " AND (";
    const char* sep = "";
    for (std::string_view column :
         {"subdistrict_id", "community_id", "grid_id", "assigned_area_id"}) {
      sql += sep;
      in_list(sql, column, q.area_ids, values);
      sep = " OR ";
    }
    sql += ")";
  }
  sql += " GROUP BY ";
  sql += d.column;
  if (q.by != CountBy::kState) sql += ", state";

  auto s = c.prepare(sql);
  if (!s.ok()) return s.status();
  s->bind(1, q.from).bind(2, q.until);
  int next = 3;
  for (int64_t v : values) s->bind(next++, v);
  std::vector<CountCell> cells;
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::optional<State> state = parse_state(s->column_text(1));
    if (!state) return Status::Internal("an appeal in an unknown state: " + s->column_text(1));
    CountCell cell{.state = *state, .count = s->column_int64(2)};
    if (d.text) {
      cell.key = s->column_text(0);
    } else {
      cell.id = s->column_int64_opt(0);
    }
    cells.push_back(std::move(cell));
  }
  return cells;
}

}  // namespace

Result<std::vector<CountCell>> count_appeals(store::Connection& c, const CountQuery& q) {
  const Dimension& d = dimension(q.by);
  const rates::Month month = rates::month_of(q.from);
  const bool whole_month = month.from == q.from && month.until == q.until;
  auto found = whole_month && q.assigned_org_ids.empty() && q.area_ids.empty()
                   ? month_cells(c, d, month.from)
                   : recount(c, d, q);
  if (!found.ok()) return found.status();
  std::vector<CountCell> cells = std::move(*found);
  // The engines order NULLs differently: sorted here, nulls last; states
  // (grouped by state, too) in workflow order.
  const bool by_state = q.by == CountBy::kState;
  std::sort(cells.begin(), cells.end(), [by_state](const CountCell& a, const CountCell& b) {
    auto key = [by_state](const CountCell& x) {
      return std::make_tuple(!x.id.has_value(), x.id.value_or(0),
                             by_state ? std::string_view() : std::string_view(x.key), x.state);
    };
    return key(a) < key(b);
  });
  return cells;
}

}  // namespace warmcity::appeals
