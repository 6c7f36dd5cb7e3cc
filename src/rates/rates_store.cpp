#include "rates/rates_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "accounts/organisation_store.h"
#include "store/sql_list.h"

namespace warmcity::rates {

namespace {

Groups read_groups(const store::Statement& s, int first) {
  return Groups{s.column_int64_opt(first), s.column_int64_opt(first + 1),
                s.column_int64_opt(first + 2), s.column_int64_opt(first + 3)};
}

Answer answer_of(const std::string& name) {
  if (name == "satisfied") return Answer::kSatisfied;
  if (name == "basically_satisfied") return Answer::kBasicallySatisfied;
  return Answer::kDissatisfied;
}

// A callback event's detail {"contacted": bool, "solved": bool,
// "satisfaction": name} (appeals' steps.cpp writes it); a missing or
// unreadable field counts as false / dissatisfied.
CallbackFact callback_of(Groups groups, const std::string& detail) {
  const nlohmann::json d = nlohmann::json::parse(detail, nullptr, /*allow_exceptions=*/false);
  auto flag = [&d](const char* key) {
    if (!d.is_object()) return false;
    auto it = d.find(key);
    if (it == d.end()) return false;
    if (it->is_boolean()) return it->get<bool>();
    return it->is_number() && it->get<double>() != 0;
  };
  std::string satisfaction;
  if (d.is_object()) {
    auto it = d.find("satisfaction");
    if (it != d.end() && it->is_string()) satisfaction = it->get<std::string>();
  }
  return CallbackFact{groups, flag("contacted"), flag("solved"), answer_of(satisfaction)};
}

}  // namespace

Result<std::vector<CallbackFact>> callbacks_between(store::Connection& c, int64_t from,
                                                    int64_t until) {
  auto s = c.prepare(
      "SELECT a.assigned_org_id, a.subdistrict_id, a.community_id, a.grid_id, e.detail "
      "FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id "
      "WHERE e.id IN (SELECT max(id) FROM appeal_events "
      "               WHERE action = 'callback' AND at >= ? AND at < ? GROUP BY appeal_id)");
  if (!s.ok()) return s.status();
  s->bind(1, from).bind(2, until);
  return store::collect<CallbackFact>(*s, [](const store::Statement& r) {
    return callback_of(read_groups(r, 0), r.column_text(4));
  });
}

Result<std::vector<SubmissionFact>> submissions_between(store::Connection& c, int64_t from,
                                                        int64_t until) {
  auto s = c.prepare(
      "SELECT assigned_org_id, subdistrict_id, community_id, grid_id, submitted_at, "
      "       response_due, resolution_due, accepted_at, replied_at "
      "FROM appeals WHERE submitted_at >= ? AND submitted_at < ? AND merged_into IS NULL");
  if (!s.ok()) return s.status();
  s->bind(1, from).bind(2, until);
  return store::collect<SubmissionFact>(*s, [](const store::Statement& r) {
    return SubmissionFact{read_groups(r, 0), r.column_int64(4),     r.column_int64(5),
                          r.column_int64(6), r.column_int64_opt(7), r.column_int64_opt(8)};
  });
}

Result<std::vector<SubmissionFact>> open_submissions_between(store::Connection& c, int64_t from,
                                                             int64_t until) {
  auto s = c.prepare(
      "SELECT assigned_org_id, subdistrict_id, community_id, grid_id, submitted_at, "
      "       response_due, resolution_due, accepted_at, replied_at "
      "FROM appeals WHERE submitted_at >= ? AND submitted_at < ? AND merged_into IS NULL "
      "AND (accepted_at IS NULL OR replied_at IS NULL)");
  if (!s.ok()) return s.status();
  s->bind(1, from).bind(2, until);
  return store::collect<SubmissionFact>(*s, [](const store::Statement& r) {
    return SubmissionFact{read_groups(r, 0), r.column_int64(4),     r.column_int64(5),
                          r.column_int64(6), r.column_int64_opt(7), r.column_int64_opt(8)};
  });
}

Result<std::map<int64_t, std::string>> group_names(store::Connection& c, Dimension by,
                                                   const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> names;
  if (by == Dimension::kDepartment) {
    auto orgs = accounts::find_organisations(c, ids);
    if (!orgs.ok()) return orgs.status();
    for (const auto& o : *orgs) names[o.id] = o.name;
    return names;
  }
  // Sorted, in chunks of 512. A chunk whose ids are dense in their range (a
  // level's areas are numbered together: a city's 15,000 grids) is read as
  // that range and filtered here: on PostgreSQL an IN list of 512 costs an
  // index probe each (~1 ms a chunk, 30 ms for every grid), the range a
  // fraction of that.
  std::vector<int64_t> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  constexpr size_t kChunk = 512;
  for (size_t at = 0; at < sorted.size(); at += kChunk) {
    const size_t n = std::min(kChunk, sorted.size() - at);
    const int64_t lo = sorted[at], hi = sorted[at + n - 1];
    // (Unsigned: hi - lo of any two ids without overflow.)
    const bool dense = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) < 4 * n;
    const size_t padded = dense ? 0 : store::padded_length(n);
    auto s = c.prepare(dense ? std::string("SELECT id, name FROM areas WHERE id >= ? AND id <= ?")
                             : "SELECT id, name FROM areas WHERE id IN (" +
                                   store::placeholders(padded) + ")");
    if (!s.ok()) return s.status();
    if (dense) {
      s->bind(1, lo).bind(2, hi);
    } else {
      for (size_t i = 0; i < padded; ++i) {
        s->bind(static_cast<int>(i + 1), sorted[at + std::min(i, n - 1)]);
      }
    }
    const auto begin = sorted.begin() + static_cast<std::ptrdiff_t>(at);
    const auto end = begin + static_cast<std::ptrdiff_t>(n);
    while (true) {
      Result<bool> row = s->step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const int64_t id = s->column_int64(0);
      if (!dense || std::binary_search(begin, end, id)) names[id] = s->column_text(1);
    }
  }
  return names;
}

}  // namespace warmcity::rates
