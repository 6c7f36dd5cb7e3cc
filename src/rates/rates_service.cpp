#include "rates/rates_service.h"

#include <map>
#include <memory>
#include <string>

#include "rates/rates_store.h"
#include "rates/rollup.h"

namespace warmcity::rates {

Result<MonthCache::Value> RatesService::ranked(const Month& month, Dimension by) const {
  store::Connection& c = db_.reader();
  Result<RollupStamp> stamp = rollup_stamp(c);
  if (!stamp.ok()) return stamp.status();
  return cache_.get(month.from, by, *stamp, [&]() -> Result<MonthCache::Computed> {
    auto sums = month_rates(c, month.from, by);
    if (!sums.ok()) return sums.status();
    auto open = open_submissions_between(c, month.from, month.until);
    if (!open.ok()) return open.status();
    Result<RollupStamp> after = rollup_stamp(c);
    if (!after.ok()) return after.status();
    return MonthCache::Computed{std::make_shared<const RankedMonth>(*sums, *open, by, weights_),
                                *after == *stamp};
  });
}

Result<Report> RatesService::report(const Month& month, Dimension by, int64_t now) const {
  Result<Report> out = figures(month, by, now);
  if (!out.ok()) return out;
  if (Status s = name_rows(by, out->rows); !s.ok()) return s;
  return out;
}

Result<Report> RatesService::figures(const Month& month, Dimension by, int64_t now) const {
  Result<MonthCache::Value> m = ranked(month, by);
  if (!m.ok()) return m.status();
  const RankedMonth& ranked = **m;
  Report out;
  out.rows.reserve(ranked.rows().size());
  for (size_t i = 0; i < ranked.rows().size(); ++i) out.rows.push_back(ranked.row_at(i, now));
  out.total = ranked.total_at(now);
  return out;
}

Result<ReportPage> RatesService::page(const Month& month, Dimension by, int64_t now,
                                      const PageQuery& q) const {
  Result<MonthCache::Value> m = ranked(month, by);
  if (!m.ok()) return m.status();
  const RankedMonth& ranked = **m;
  OrderedRows::Selection s = ranked.ordered(q.order, q.rate).select(ranked.rows(), q);
  ReportPage out;
  out.selected = s.selected;
  out.next_cursor = std::move(s.next_cursor);
  out.rows.reserve(s.rows.size());
  for (size_t i : s.rows) out.rows.push_back(ranked.row_at(i, now));
  if (Status st = name_rows(by, out.rows); !st.ok()) return st;
  out.total = ranked.total_at(now);
  return out;
}

Status RatesService::name_rows(Dimension by, std::vector<Row>& rows) const {
  std::vector<int64_t> ids;
  for (const Row& r : rows) {
    if (r.id) ids.push_back(*r.id);
  }
  auto names = group_names(db_.reader(), by, ids);
  if (!names.ok()) return names.status();
  for (Row& r : rows) {
    if (!r.id) continue;
    auto it = names->find(*r.id);
    r.name = it != names->end() ? it->second : "#" + std::to_string(*r.id);
  }
  return Status::Ok();
}

}  // namespace warmcity::rates
