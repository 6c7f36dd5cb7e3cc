#include "rates/ranked_month.h"

#include <algorithm>

namespace warmcity::rates {

namespace {

// A group's row from its maintained sums (its overdue appeals still open
// are added at the time of asking).
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

// How many of `due` (sorted) are before `now`: an appeal is overdue once now
// is past its due time.
int64_t before(const std::vector<int64_t>& due, int64_t now) {
  return std::lower_bound(due.begin(), due.end(), now) - due.begin();
}

}  // namespace

RankedMonth::RankedMonth(const std::map<int64_t, RateSums>& sums,
                         const std::vector<SubmissionFact>& open, Dimension by, const Weights& w) {
  std::map<int64_t, Row> rows;  // by group id, 0 for none
  std::map<int64_t, Open> dues;
  RateSums all;
  for (const auto& [group, v] : sums) {
    rows.emplace(group, row_of(group ? std::optional<int64_t>(group) : std::nullopt, v));
    all.add(v, +1);
  }
  total_ = row_of(std::nullopt, all);
  auto note = [](Open& o, const SubmissionFact& f) {
    if (!f.accepted_at) o.response_due.push_back(f.response_due);
    if (!f.replied_at) o.resolution_due.push_back(f.resolution_due);
  };
  for (const SubmissionFact& f : open) {
    const int64_t group = f.groups.of(by).value_or(0);
    rows.try_emplace(group, row_of(f.groups.of(by), RateSums{}));
    note(dues[group], f);
    note(total_open_, f);
  }
  auto sort_dues = [](Open& o) {
    std::sort(o.response_due.begin(), o.response_due.end());
    std::sort(o.resolution_due.begin(), o.resolution_due.end());
  };
  for (auto& [group, r] : rows) {
    fill_rates(r, w);
    rows_.push_back(std::move(r));
  }
  fill_rates(total_, w);
  rank(rows_);
  open_.reserve(rows_.size());
  for (const Row& r : rows_) {
    auto it = dues.find(r.id.value_or(0));
    open_.push_back(it != dues.end() ? std::move(it->second) : Open{});
    sort_dues(open_.back());
  }
  sort_dues(total_open_);
}

Row RankedMonth::with_overdue(Row r, const Open& open, int64_t now) {
  r.response_overdue += before(open.response_due, now);
  r.resolution_overdue += before(open.resolution_due, now);
  return r;
}

Row RankedMonth::row_at(size_t i, int64_t now) const {
  return with_overdue(rows_[i], open_[i], now);
}

Row RankedMonth::total_at(int64_t now) const { return with_overdue(total_, total_open_, now); }

const OrderedRows& RankedMonth::ordered(Order order, Rate rate) const {
  const size_t slot = (order == Order::kRank ? 0 : 4) + static_cast<size_t>(rate);
  std::call_once(sorted_once_[slot],
                 [&] { sorted_[slot] = std::make_unique<OrderedRows>(rows_, order, rate); });
  return *sorted_[slot];
}

}  // namespace warmcity::rates
