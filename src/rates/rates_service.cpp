#include "rates/rates_service.h"

#include <map>
#include <string>

#include "rates/rates_store.h"
#include "rates/rollup.h"

namespace warmcity::rates {

namespace {

// A group's row from its maintained sums; the overdue appeals still open
// are added by add_open().
Row row_of(std::optional<int64_t> id, const RateSums& v) {
  Row r;
  r.id = id;
  r.valid_callbacks = v.callbacks;
  r.contacted = v.contacted;
  r.solved = v.solved;
  r.satisfied = v.satisfied;
  r.basically_satisfied = v.basically_satisfied;
  r.dissatisfied = v.dissatisfied;
  r.submitted = v.submitted;
  r.responded = v.responded;
  r.resolved = v.resolved;
  if (r.responded > 0) r.mean_response_hours = v.response_seconds / 3600.0 / r.responded;
  if (r.resolved > 0) r.mean_resolution_hours = v.resolution_seconds / 3600.0 / r.resolved;
  r.response_overdue = v.response_late;
  r.resolution_overdue = v.resolution_late;
  return r;
}

// An appeal not yet accepted (replied) is overdue once now is past its due time.
void add_open(Row& r, const SubmissionFact& f, int64_t now) {
  if (!f.accepted_at && now > f.response_due) ++r.response_overdue;
  if (!f.replied_at && now > f.resolution_due) ++r.resolution_overdue;
}

}  // namespace

Result<Report> RatesService::report(const Month& month, Dimension by, int64_t now) const {
  Result<Report> out = figures(month, by, now);
  if (!out.ok()) return out;
  if (Status s = name_rows(by, out->rows); !s.ok()) return s;
  return out;
}

Result<Report> RatesService::figures(const Month& month, Dimension by, int64_t now) const {
  store::Connection& c = db_.reader();
  auto sums = month_rates(c, month.from, by);
  if (!sums.ok()) return sums.status();
  auto open = open_submissions_between(c, month.from, month.until);
  if (!open.ok()) return open.status();
  std::map<int64_t, Row> rows;  // by group id, 0 for none
  RateSums all;
  for (const auto& [group, v] : *sums) {
    rows.emplace(group, row_of(group ? std::optional<int64_t>(group) : std::nullopt, v));
    all.add(v, +1);
  }
  Report out;
  out.total = row_of(std::nullopt, all);
  for (const SubmissionFact& f : *open) {
    const int64_t group = f.groups.of(by).value_or(0);
    auto it = rows.try_emplace(group, row_of(f.groups.of(by), RateSums{})).first;
    add_open(it->second, f, now);
    add_open(out.total, f, now);
  }
  for (auto& [group, r] : rows) {
    fill_rates(r, weights_);
    out.rows.push_back(std::move(r));
  }
  fill_rates(out.total, weights_);
  rank(out.rows);
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
