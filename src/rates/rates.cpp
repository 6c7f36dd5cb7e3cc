#include "rates/rates.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/time.h"

namespace warmcity::rates {

namespace {

constexpr double kBasicallySatisfiedWeight = 0.9;

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

double rounded6(double v) { return std::round(v * 1e6) / 1e6; }

void add_callback(Row& r, const CallbackFact& f) {
  ++r.valid_callbacks;
  r.contacted += f.contacted ? 1 : 0;
  r.solved += f.solved ? 1 : 0;
  r.satisfied += f.satisfaction == Answer::kSatisfied ? 1 : 0;
  r.basically_satisfied += f.satisfaction == Answer::kBasicallySatisfied ? 1 : 0;
  r.dissatisfied += f.satisfaction == Answer::kDissatisfied ? 1 : 0;
}

// Sums of seconds, kept beside a row until the means are taken.
struct Durations {
  int64_t response = 0, resolution = 0;
};

void add_submission(Row& r, Durations& d, const SubmissionFact& f, int64_t now) {
  ++r.submitted;
  if (f.accepted_at) {
    ++r.responded;
    d.response += *f.accepted_at - f.submitted_at;
  }
  if (f.replied_at) {
    ++r.resolved;
    d.resolution += *f.replied_at - f.submitted_at;
  }
  if (f.accepted_at.value_or(now) > f.response_due) ++r.response_overdue;
  if (f.replied_at.value_or(now) > f.resolution_due) ++r.resolution_overdue;
}

void fill_means(Row& r, const Durations& d) {
  if (r.responded > 0) r.mean_response_hours = d.response / 3600.0 / r.responded;
  if (r.resolved > 0) r.mean_resolution_hours = d.resolution / 3600.0 / r.resolved;
}

}  // namespace

std::string_view dimension_name(Dimension d) {
  switch (d) {
    case Dimension::kDepartment:
      return "department";
    case Dimension::kSubdistrict:
      return "subdistrict";
    case Dimension::kCommunity:
      return "community";
    case Dimension::kGrid:
      return "grid";
  }
  return "";
}

std::optional<Dimension> parse_dimension(std::string_view name) {
  for (Dimension d :
       {Dimension::kDepartment, Dimension::kSubdistrict, Dimension::kCommunity, Dimension::kGrid}) {
    if (dimension_name(d) == name) return d;
  }
  return std::nullopt;
}

Result<Weights> parse_weights(std::string_view text) {
  std::vector<double> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::optional<double> v = parse_number(text.substr(start, comma - start));
    if (!v || *v < 0 || *v > 1) {
      return Status::InvalidArgument("rate weights: three numbers from 0 to 1, e.g. 0.1,0.5,0.4");
    }
    parts.push_back(*v);
    start = comma + 1;
  }
  if (parts.size() != 3) {
    return Status::InvalidArgument(
        "rate weights: exactly three (response,resolution,satisfaction)");
  }
  if (std::abs(parts[0] + parts[1] + parts[2] - 1.0) > 1e-9) {
    return Status::InvalidArgument("rate weights must sum to 1");
  }
  return Weights{parts[0], parts[1], parts[2]};
}

std::optional<int64_t> Groups::of(Dimension d) const {
  switch (d) {
    case Dimension::kDepartment:
      return department;
    case Dimension::kSubdistrict:
      return subdistrict;
    case Dimension::kCommunity:
      return community;
    case Dimension::kGrid:
      return grid;
  }
  return std::nullopt;
}

void fill_rates(Row& r, const Weights& w) {
  if (r.valid_callbacks == 0) return;
  const double n = static_cast<double>(r.valid_callbacks);
  r.response_rate = r.contacted / n;
  r.resolution_rate = r.solved / n;
  r.satisfaction_rate = (r.satisfied + kBasicallySatisfiedWeight * r.basically_satisfied) / n;
  r.composite = w.response * *r.response_rate + w.resolution * *r.resolution_rate +
                w.satisfaction * *r.satisfaction_rate;
}

void rank(std::vector<Row>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    const bool ra = a.composite && a.id, rb = b.composite && b.id;
    if (ra != rb) return ra;  // ranked rows first
    if (ra) {
      const double ca = rounded6(*a.composite), cb = rounded6(*b.composite);
      if (ca != cb) return ca > cb;
      if (a.valid_callbacks != b.valid_callbacks) return a.valid_callbacks > b.valid_callbacks;
    }
    if (a.id.has_value() != b.id.has_value()) return a.id.has_value();  // the null group last
    return a.id.value_or(0) < b.id.value_or(0);
  });
  int position = 0;
  std::optional<double> previous;
  int previous_rank = 0;
  for (Row& r : rows) {
    if (!r.composite || !r.id) continue;
    ++position;
    const double c = rounded6(*r.composite);
    r.rank = previous && *previous == c ? previous_rank : position;
    previous = c;
    previous_rank = *r.rank;
  }
}

std::vector<Row> compute(Dimension by, const std::vector<CallbackFact>& callbacks,
                         const std::vector<SubmissionFact>& submissions, const Weights& w,
                         int64_t now) {
  // Key: the group id, with the null group as INT64_MIN.
  std::map<int64_t, std::pair<Row, Durations>> groups;
  auto row_for = [&groups](std::optional<int64_t> id) -> std::pair<Row, Durations>& {
    auto [it, fresh] = groups.try_emplace(id.value_or(INT64_MIN));
    if (fresh) it->second.first.id = id;
    return it->second;
  };
  for (const CallbackFact& f : callbacks) add_callback(row_for(f.groups.of(by)).first, f);
  for (const SubmissionFact& f : submissions) {
    auto& [row, durations] = row_for(f.groups.of(by));
    add_submission(row, durations, f, now);
  }
  std::vector<Row> rows;
  for (auto& [key, entry] : groups) {
    fill_rates(entry.first, w);
    fill_means(entry.first, entry.second);
    rows.push_back(std::move(entry.first));
  }
  rank(rows);
  return rows;
}

Row total(const std::vector<CallbackFact>& callbacks,
          const std::vector<SubmissionFact>& submissions, const Weights& w, int64_t now) {
  Row r;
  Durations d;
  for (const CallbackFact& f : callbacks) add_callback(r, f);
  for (const SubmissionFact& f : submissions) add_submission(r, d, f, now);
  fill_rates(r, w);
  fill_means(r, d);
  return r;
}

}  // namespace warmcity::rates
