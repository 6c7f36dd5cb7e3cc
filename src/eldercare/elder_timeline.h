// An elder as other modules price her services on a day (the canteens'
// meal subsidies): her name, birth date, whether and when her record was
// closed, and her categories over time, derived from her history — each
// correction's event (elder_events, action "correct") keeps the categories'
// old and new values with its time.
//
// No access check and no audit here: the calling module decides who may ask
// and audits the read before it answers. Reads only: any connection will do
// (a reader keeps the writer free).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct CategoryChange {
  int64_t at = 0;  // unix seconds
  std::vector<std::string> before, after;
};

struct ElderTimeline {
  int64_t id = 0;
  std::string name;
  std::string birth_date;               // YYYY-MM-DD, from 1900
  std::vector<std::string> categories;  // now
  std::vector<CategoryChange> changes;  // oldest first
  int64_t created_at = 0;
  bool closed = false;
  int64_t closed_at = 0;
};

// kNotFound when there is no such elder. Reads her record and only the
// corrections of her history.
Result<ElderTimeline> elder_timeline(store::Connection& c, int64_t id);

// Her categories at `at` (unix seconds): today's, with every change made
// after `at` undone. Before her record was opened: those it was opened with
// (her history knows no earlier ones).
std::vector<std::string> categories_at(const ElderTimeline& t, int64_t at);

}  // namespace warmcity::eldercare
