// The month aggregates (rollup.h): an appeal's contribution, read from its
// rows and from its record; the roll-up that moves the watermark; the reads
// that add what is not yet rolled up.
#include "rates/rollup.h"

#include <algorithm>
#include <array>
#include <set>

namespace warmcity::rates {

namespace {

constexpr std::array<Dimension, 4> kRateDimensions{Dimension::kDepartment, Dimension::kSubdistrict,
                                                   Dimension::kCommunity, Dimension::kGrid};

int64_t group_of(const AppealRecord& r, Dimension d) {
  switch (d) {
    case Dimension::kDepartment:
      return r.org;
    case Dimension::kSubdistrict:
      return r.subdistrict;
    case Dimension::kCommunity:
      return r.community;
    case Dimension::kGrid:
      return r.grid;
  }
  return 0;
}

bool has(const std::string& detail, std::string_view piece) {
  return detail.find(piece) != std::string::npos;
}

// The answers of a callback event's detail, as the migration's SQL reads them.
CallbackRecord callback_of(int64_t month, int64_t event_id, const std::string& detail) {
  CallbackRecord r{.month = month, .event_id = event_id};
  r.contacted = has(detail, R"("contacted":true)");
  r.solved = has(detail, R"("solved":true)");
  r.satisfaction = has(detail, R"("satisfaction":"satisfied")")             ? "satisfied"
                   : has(detail, R"("satisfaction":"basically_satisfied")") ? "basically_satisfied"
                                                                            : "dissatisfied";
  return r;
}

Result<int64_t> read_mark(store::Connection& c) {
  auto s = c.prepare("SELECT event_id FROM appeal_rollup_mark WHERE id = 1");
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return 0;  // nothing rolled up yet (a new database)
  return s->column_int64(0);
}

// The appeals with events after `mark` (at most `limit` events; 0: all) and
// the last event id read. An escalation (the sweep's, appeal_service.cpp)
// changes only the escalation level, which nothing here reads: its appeal
// is skipped, though the watermark moves past it.
Result<std::pair<std::set<int64_t>, int64_t>> changed_after(store::Connection& c, int64_t mark,
                                                            int limit) {
  auto s = limit > 0 ? c.prepare(
                           "SELECT id, appeal_id, action FROM appeal_events WHERE id > ? "
                           "ORDER BY id LIMIT ?")
                     : c.prepare("SELECT id, appeal_id, action FROM appeal_events WHERE id > ?");
  if (!s.ok()) return s.status();
  s->bind(1, mark);
  if (limit > 0) s->bind(2, limit);
  std::set<int64_t> appeals;
  int64_t last = mark;
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    last = std::max(last, s->column_int64(0));
    if (s->column_text(2) != "escalate") appeals.insert(s->column_int64(1));
  }
  return std::make_pair(std::move(appeals), last);
}

// The change the appeals not yet rolled up make (for a read).
Result<Cells> pending(store::Connection& c, int64_t mark) {
  auto changed = changed_after(c, mark, 0);
  if (!changed.ok()) return changed.status();
  Cells cells;
  for (int64_t id : changed->first) {
    auto old = recorded_contribution(c, id);
    if (!old.ok()) return old.status();
    auto now = current_contribution(c, id);
    if (!now.ok()) return now.status();
    if (*old == *now) continue;
    cells.add(*old, -1);
    cells.add(*now, +1);
  }
  return cells;
}

Status write_record(store::Connection& c, int64_t appeal_id, const Contribution& old,
                    const Contribution& now) {
  const AppealRecord& r = *now.appeal;
  if (old.appeal != now.appeal) {
    auto s = c.prepare(
        "INSERT INTO appeal_rollup (appeal_id, month, state, channel, category_id, "
        "subdistrict_id, community_id, grid_id, org_id, merged, response_seconds, "
        "resolution_seconds, response_late, resolution_late) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (appeal_id) DO UPDATE SET "
        "month = excluded.month, state = excluded.state, channel = excluded.channel, "
        "category_id = excluded.category_id, subdistrict_id = excluded.subdistrict_id, "
        "community_id = excluded.community_id, grid_id = excluded.grid_id, "
        "org_id = excluded.org_id, merged = excluded.merged, "
        "response_seconds = excluded.response_seconds, "
        "resolution_seconds = excluded.resolution_seconds, "
        "response_late = excluded.response_late, resolution_late = excluded.resolution_late");
    if (!s.ok()) return s.status();
    s->bind(1, appeal_id).bind(2, r.month).bind(3, r.state).bind(4, r.channel);
    s->bind(5, r.category_id).bind(6, r.subdistrict).bind(7, r.community).bind(8, r.grid);
    s->bind(9, r.org).bind(10, r.merged ? 1 : 0).bind(11, r.response_seconds);
    s->bind(12, r.resolution_seconds).bind(13, r.response_late ? 1 : 0);
    s->bind(14, r.resolution_late ? 1 : 0);
    if (Status st = s->run(); !st.ok()) return st;
  }
  if (old.callbacks == now.callbacks) return Status::Ok();
  {
    auto s = c.prepare("DELETE FROM appeal_rollup_callbacks WHERE appeal_id = ?");
    if (!s.ok()) return s.status();
    s->bind(1, appeal_id);
    if (Status st = s->run(); !st.ok()) return st;
  }
  for (const CallbackRecord& cb : now.callbacks) {
    auto s = c.prepare(
        "INSERT INTO appeal_rollup_callbacks (appeal_id, month, event_id, contacted, solved, "
        "satisfaction) VALUES (?, ?, ?, ?, ?, ?)");
    if (!s.ok()) return s.status();
    s->bind(1, appeal_id).bind(2, cb.month).bind(3, cb.event_id).bind(4, cb.contacted ? 1 : 0);
    s->bind(5, cb.solved ? 1 : 0).bind(6, cb.satisfaction);
    if (Status st = s->run(); !st.ok()) return st;
  }
  return Status::Ok();
}

Status apply(store::Connection& c, const Cells& cells) {
  for (const auto& [key, n] : cells.counts) {
    if (n == 0) continue;
    const auto& [month, dim, k] = key;
    auto s = c.prepare(
        "INSERT INTO appeal_month_counts (month, dim, group_id, group_key, state, appeals) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (month, dim, group_id, group_key, state) "
        "DO UPDATE SET appeals = appeal_month_counts.appeals + excluded.appeals");
    if (!s.ok()) return s.status();
    s->bind(1, month).bind(2, dim).bind(3, k.group_id).bind(4, k.group_key).bind(5, k.state);
    s->bind(6, n);
    if (Status st = s->run(); !st.ok()) return st;
  }
  for (const auto& [key, v] : cells.rates) {
    if (v.empty()) continue;
    const auto& [month, dim, group] = key;
    auto s = c.prepare(
        "INSERT INTO appeal_month_rates (month, dim, group_id, submitted, responded, resolved, "
        "response_seconds, resolution_seconds, response_late, resolution_late, callbacks, "
        "contacted, solved, satisfied, basically_satisfied, dissatisfied) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (month, dim, group_id) DO UPDATE SET "
        "submitted = appeal_month_rates.submitted + excluded.submitted, "
        "responded = appeal_month_rates.responded + excluded.responded, "
        "resolved = appeal_month_rates.resolved + excluded.resolved, "
        "response_seconds = appeal_month_rates.response_seconds + excluded.response_seconds, "
        "resolution_seconds = appeal_month_rates.resolution_seconds + excluded.resolution_seconds, "
        "response_late = appeal_month_rates.response_late + excluded.response_late, "
        "resolution_late = appeal_month_rates.resolution_late + excluded.resolution_late, "
        "callbacks = appeal_month_rates.callbacks + excluded.callbacks, "
        "contacted = appeal_month_rates.contacted + excluded.contacted, "
        "solved = appeal_month_rates.solved + excluded.solved, "
        "satisfied = appeal_month_rates.satisfied + excluded.satisfied, "
        "basically_satisfied = appeal_month_rates.basically_satisfied + "
        "excluded.basically_satisfied, "
        "dissatisfied = appeal_month_rates.dissatisfied + excluded.dissatisfied");
    if (!s.ok()) return s.status();
    s->bind(1, month).bind(2, dim).bind(3, group).bind(4, v.submitted).bind(5, v.responded);
    s->bind(6, v.resolved).bind(7, v.response_seconds).bind(8, v.resolution_seconds);
    s->bind(9, v.response_late).bind(10, v.resolution_late).bind(11, v.callbacks);
    s->bind(12, v.contacted).bind(13, v.solved).bind(14, v.satisfied);
    s->bind(15, v.basically_satisfied).bind(16, v.dissatisfied);
    if (Status st = s->run(); !st.ok()) return st;
  }
  return Status::Ok();
}

// Reads `read` (the month's stored cells) between two reads of the mark and
// adds the pending change; again when a roll-up committed in between (the
// stored cells and the pending change would then disagree).
template <class Out, class Read, class AddPending>
Result<Out> consistent(store::Connection& c, Read read, AddPending add_pending) {
  for (int attempt = 0;; ++attempt) {
    Result<int64_t> before = read_mark(c);
    if (!before.ok()) return before.status();
    Result<Cells> change = pending(c, *before);
    if (!change.ok()) return change.status();
    Result<Out> out = read();
    if (!out.ok()) return out.status();
    Result<int64_t> after = read_mark(c);
    if (!after.ok()) return after.status();
    if (*after == *before) {
      add_pending(*out, *change);
      return out;
    }
    if (attempt >= 8) return Status::Unavailable("the month aggregates kept changing; try again");
  }
}

}  // namespace

void RateSums::add(const RateSums& o, int sign) {
  submitted += sign * o.submitted;
  responded += sign * o.responded;
  resolved += sign * o.resolved;
  response_seconds += sign * o.response_seconds;
  resolution_seconds += sign * o.resolution_seconds;
  response_late += sign * o.response_late;
  resolution_late += sign * o.resolution_late;
  callbacks += sign * o.callbacks;
  contacted += sign * o.contacted;
  solved += sign * o.solved;
  satisfied += sign * o.satisfied;
  basically_satisfied += sign * o.basically_satisfied;
  dissatisfied += sign * o.dissatisfied;
}

bool RateSums::empty() const { return *this == RateSums{}; }

void Cells::add(const Contribution& c, int sign) {
  if (!c.appeal) return;
  const AppealRecord& r = *c.appeal;
  const std::pair<std::string, CountKey> count_cells[] = {
      {"state", {0, r.state, r.state}},          {"category", {r.category_id, "", r.state}},
      {"channel", {0, r.channel, r.state}},      {"subdistrict", {r.subdistrict, "", r.state}},
      {"community", {r.community, "", r.state}}, {"grid", {r.grid, "", r.state}},
  };
  for (const auto& [dim, key] : count_cells) counts[{r.month, dim, key}] += sign;
  for (Dimension d : kRateDimensions) {
    const std::string dim(dimension_name(d));
    if (!r.merged) {
      RateSums s;
      s.submitted = 1;
      s.responded = r.response_seconds ? 1 : 0;
      s.resolved = r.resolution_seconds ? 1 : 0;
      s.response_seconds = r.response_seconds.value_or(0);
      s.resolution_seconds = r.resolution_seconds.value_or(0);
      s.response_late = r.response_late ? 1 : 0;
      s.resolution_late = r.resolution_late ? 1 : 0;
      rates[{r.month, dim, group_of(r, d)}].add(s, sign);
    }
    for (const CallbackRecord& cb : c.callbacks) {
      RateSums s;
      s.callbacks = 1;
      s.contacted = cb.contacted ? 1 : 0;
      s.solved = cb.solved ? 1 : 0;
      s.satisfied = cb.satisfaction == "satisfied" ? 1 : 0;
      s.basically_satisfied = cb.satisfaction == "basically_satisfied" ? 1 : 0;
      s.dissatisfied = cb.satisfaction == "dissatisfied" ? 1 : 0;
      rates[{cb.month, dim, group_of(r, d)}].add(s, sign);
    }
  }
}

Result<Contribution> recorded_contribution(store::Connection& c, int64_t appeal_id) {
  Contribution out;
  {
    auto s = c.prepare(
        "SELECT month, state, channel, category_id, subdistrict_id, community_id, grid_id, "
        "org_id, merged, response_seconds, resolution_seconds, response_late, resolution_late "
        "FROM appeal_rollup WHERE appeal_id = ?");
    if (!s.ok()) return s.status();
    s->bind(1, appeal_id);
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.appeal = AppealRecord{.month = s->column_int64(0),
                              .state = s->column_text(1),
                              .channel = s->column_text(2),
                              .category_id = s->column_int64(3),
                              .subdistrict = s->column_int64(4),
                              .community = s->column_int64(5),
                              .grid = s->column_int64(6),
                              .org = s->column_int64(7),
                              .merged = s->column_int64(8) != 0,
                              .response_seconds = s->column_int64_opt(9),
                              .resolution_seconds = s->column_int64_opt(10),
                              .response_late = s->column_int64(11) != 0,
                              .resolution_late = s->column_int64(12) != 0};
  }
  auto s = c.prepare(
      "SELECT month, event_id, contacted, solved, satisfaction FROM appeal_rollup_callbacks "
      "WHERE appeal_id = ? ORDER BY month");
  if (!s.ok()) return s.status();
  s->bind(1, appeal_id);
  auto callbacks = store::collect<CallbackRecord>(*s, [](const store::Statement& r) {
    return CallbackRecord{r.column_int64(0), r.column_int64(1), r.column_int64(2) != 0,
                          r.column_int64(3) != 0, r.column_text(4)};
  });
  if (!callbacks.ok()) return callbacks.status();
  out.callbacks = std::move(*callbacks);
  return out;
}

Result<Contribution> current_contribution(store::Connection& c, int64_t appeal_id) {
  Contribution out;
  {
    auto s = c.prepare(
        "SELECT submitted_at, state, channel, category_id, subdistrict_id, community_id, "
        "grid_id, assigned_org_id, merged_into, accepted_at, replied_at, response_due, "
        "resolution_due FROM appeals WHERE id = ?");
    if (!s.ok()) return s.status();
    s->bind(1, appeal_id);
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    const int64_t submitted = s->column_int64(0);
    const std::optional<int64_t> accepted = s->column_int64_opt(9),
                                 replied = s->column_int64_opt(10);
    AppealRecord r{.month = month_of(submitted).from,
                   .state = s->column_text(1),
                   .channel = s->column_text(2),
                   .category_id = s->column_int64(3),
                   .subdistrict = s->column_int64(4),
                   .community = s->column_int64(5),
                   .grid = s->column_int64(6),
                   .org = s->column_int64(7),
                   .merged = !s->column_is_null(8)};
    if (accepted) r.response_seconds = *accepted - submitted;
    if (replied) r.resolution_seconds = *replied - submitted;
    r.response_late = accepted && *accepted > s->column_int64(11);
    r.resolution_late = replied && *replied > s->column_int64(12);
    out.appeal = std::move(r);
  }
  auto s = c.prepare(
      "SELECT id, at, detail FROM appeal_events WHERE appeal_id = ? AND action = 'callback' "
      "ORDER BY id");
  if (!s.ok()) return s.status();
  s->bind(1, appeal_id);
  std::map<int64_t, CallbackRecord> last;  // by month
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t month = month_of(s->column_int64(1)).from;
    last[month] = callback_of(month, s->column_int64(0), s->column_text(2));
  }
  for (auto& [month, cb] : last) out.callbacks.push_back(std::move(cb));
  return out;
}

Status roll_up(store::Connection& c, int max_events) {
  // Taken first: two servers' roll-ups on one PostgreSQL take turns here.
  // A new database has no mark yet (its migration wrote none).
  if (Status s =
          c.exec("INSERT INTO appeal_rollup_mark (id, event_id) VALUES (1, 0) ON CONFLICT (id) DO "
                 "UPDATE SET event_id = appeal_rollup_mark.event_id");
      !s.ok()) {
    return s;
  }
  Result<int64_t> mark = read_mark(c);
  if (!mark.ok()) return mark.status();
  auto changed = changed_after(c, *mark, max_events);
  if (!changed.ok()) return changed.status();
  if (changed->second == *mark) return Status::Ok();
  Cells cells;
  for (int64_t id : changed->first) {
    auto old = recorded_contribution(c, id);
    if (!old.ok()) return old.status();
    auto now = current_contribution(c, id);
    if (!now.ok()) return now.status();
    if (*old == *now || !now->appeal) continue;
    cells.add(*old, -1);
    cells.add(*now, +1);
    if (Status s = write_record(c, id, *old, *now); !s.ok()) return s;
  }
  if (Status s = apply(c, cells); !s.ok()) return s;
  auto s = c.prepare("UPDATE appeal_rollup_mark SET event_id = ? WHERE id = 1");
  if (!s.ok()) return s.status();
  s->bind(1, changed->second);
  return s->run();
}

Result<RollupStamp> rollup_stamp(store::Connection& c) {
  // Walks back from the last event: a sweep's escalations are a short run.
  auto s =
      c.prepare("SELECT id FROM appeal_events WHERE action <> 'escalate' ORDER BY id DESC LIMIT 1");
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return RollupStamp{*row ? s->column_int64(0) : 0};
}

Result<std::map<int64_t, RateSums>> month_rates(store::Connection& c, int64_t month, Dimension by) {
  const std::string dim(dimension_name(by));
  using Out = std::map<int64_t, RateSums>;
  auto read = [&]() -> Result<Out> {
    auto s = c.prepare(
        "SELECT group_id, submitted, responded, resolved, response_seconds, resolution_seconds, "
        "response_late, resolution_late, callbacks, contacted, solved, satisfied, "
        "basically_satisfied, dissatisfied FROM appeal_month_rates WHERE month = ? AND dim = ?");
    if (!s.ok()) return s.status();
    s->bind(1, month).bind(2, dim);
    Out out;
    while (true) {
      Result<bool> row = s->step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      RateSums v;
      int64_t* fields[] = {&v.submitted,        &v.responded,          &v.resolved,
                           &v.response_seconds, &v.resolution_seconds, &v.response_late,
                           &v.resolution_late,  &v.callbacks,          &v.contacted,
                           &v.solved,           &v.satisfied,          &v.basically_satisfied,
                           &v.dissatisfied};
      for (int i = 0; i < 13; ++i) *fields[i] = s->column_int64(i + 1);
      out[s->column_int64(0)] = v;
    }
  };
  auto add_pending = [&](Out& out, const Cells& change) {
    for (const auto& [key, v] : change.rates) {
      const auto& [m, d, group] = key;
      if (m == month && d == dim) out[group].add(v, +1);
    }
    std::erase_if(out, [](const auto& kv) { return kv.second.empty(); });
  };
  return consistent<Out>(c, read, add_pending);
}

Result<std::map<CountKey, int64_t>> month_counts(store::Connection& c, int64_t month,
                                                 std::string_view dim_name) {
  const std::string dim(dim_name);
  using Out = std::map<CountKey, int64_t>;
  auto read = [&]() -> Result<Out> {
    auto s = c.prepare(
        "SELECT group_id, group_key, state, appeals FROM appeal_month_counts "
        "WHERE month = ? AND dim = ? AND appeals <> 0");
    if (!s.ok()) return s.status();
    s->bind(1, month).bind(2, dim);
    Out out;
    while (true) {
      Result<bool> row = s->step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      out[CountKey{s->column_int64(0), s->column_text(1), s->column_text(2)}] = s->column_int64(3);
    }
  };
  auto add_pending = [&](Out& out, const Cells& change) {
    for (const auto& [key, n] : change.counts) {
      const auto& [m, d, k] = key;
      if (m == month && d == dim) out[k] += n;
    }
    std::erase_if(out, [](const auto& kv) { return kv.second == 0; });
  };
  return consistent<Out>(c, read, add_pending);
}

}  // namespace warmcity::rates
