// An elder's categories over time, from her history (elder_timeline.h).
#include "eldercare/elder_timeline.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eldercare/elder_store.h"

namespace warmcity::eldercare {

namespace {

std::vector<std::string> timeline_strings(const nlohmann::json& v) {
  std::vector<std::string> out;
  if (!v.is_array()) return out;
  for (const nlohmann::json& s : v) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

struct Correction {
  int64_t at = 0;
  std::string detail;
};

// Her history's corrections (action "correct"), oldest first.
Result<std::vector<Correction>> corrections_of(store::Connection& c, int64_t elder_id) {
  auto s = c.prepare(
      "SELECT at, detail FROM elder_events WHERE elder_id = ? AND action = 'correct' "
      "ORDER BY id");
  if (!s.ok()) return s.status();
  s->bind(1, elder_id);
  return store::collect<Correction>(*s, [](const store::Statement& r) {
    return Correction{r.column_int64(0), r.column_text(1)};
  });
}

}  // namespace

Result<ElderTimeline> elder_timeline(store::Connection& c, int64_t id) {
  Result<Elder> e = get_elder(c, id);
  if (!e.ok()) return e.status();
  Result<std::vector<Correction>> events = corrections_of(c, id);
  if (!events.ok()) return events.status();
  ElderTimeline t;
  t.id = e->id;
  t.name = e->name;
  t.birth_date = e->birth_date;
  t.categories = e->categories;
  t.created_at = e->created_at;
  t.closed = e->closed;
  t.closed_at = e->closed_at;
  for (const Correction& ev : *events) {
    const nlohmann::json detail = nlohmann::json::parse(ev.detail, nullptr, false);
    if (!detail.is_object()) continue;
    auto fields = detail.find("fields");
    if (fields == detail.end() || !fields->is_object()) continue;
    auto cats = fields->find("categories");
    if (cats == fields->end() || !cats->is_object()) continue;
    t.changes.push_back({ev.at, timeline_strings(cats->value("old", nlohmann::json())),
                         timeline_strings(cats->value("new", nlohmann::json()))});
  }
  return t;
}

std::vector<std::string> categories_at(const ElderTimeline& t, int64_t at) {
  std::vector<std::string> out = t.categories;
  for (auto it = t.changes.rbegin(); it != t.changes.rend() && it->at > at; ++it) {
    out = it->before;
  }
  return out;
}

}  // namespace warmcity::eldercare
