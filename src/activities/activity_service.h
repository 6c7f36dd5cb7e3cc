// ActivityService: activities and their series, one occurrence's edits and
// cancellations, the public list (docs/activities.md "Who organises",
// "Activities and their series", "Finding activities").
//
// Reads run on the calling thread's reader. Each write is one write job that
// checks who asks (organiser_access.h), checks clashes (clash.h), saves, and
// appends its audit entry (activity.create, activity.update,
// activity.cancel, occurrence.update, occurrence.cancel). `done` runs on the
// writer's answerer thread after the commit.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "activities/activity.h"
#include "activities/activity_store.h"
#include "activities/clash.h"
#include "activities/organiser_access.h"
#include "core/calendar.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::activities {

// What a write gives back: the activity and its (changed) occurrences, the
// dates skipped for clashes; on a 409 the clashes or the dates whose places
// held exceed the new capacity.
struct ActivityWritten {
  ActivityRecord activity;
  std::vector<OccurrenceRecord> occurrences;
  std::vector<Clash> skipped;
  std::vector<Clash> clashes;                     // status kConflict "clash"
  std::vector<std::string> capacity_below_taken;  // status kConflict "capacity_below_taken"
};
using ActivityDone = std::function<void(Status, ActivityWritten)>;

struct OccurrencePage {
  std::vector<OccurrenceItem> items;
  std::optional<std::pair<int64_t, int64_t>> next;  // (starts_at, id) of the last item
};

class ActivityService {
 public:
  using CalendarSource = std::function<std::shared_ptr<const core::Calendar>()>;
  // `now` (unix seconds) defaults to core::now_unix(); `calendar` to a
  // calendar that knows no year. REQUIRES: db and audit outlive the service.
  ActivityService(store::Database& db, accounts::AuditLog& audit, CalendarSource calendar = nullptr,
                  std::function<int64_t()> now = nullptr);

  int64_t now() const;
  core::LocalDate today() const;
  void use_calendar(CalendarSource calendar) { calendar_ = std::move(calendar); }

  Result<std::vector<Organiser>> organisers(const Caller& by);
  // The activity and its occurrences from 30 days ago to 6 months ahead.
  Result<ActivityWritten> get(int64_t id);
  Result<std::vector<ActivityRecord>> organiser_activities(const std::string& status,
                                                           const Caller& by);
  Result<OccurrencePage> find(OccurrenceFilter f);
  Result<OccurrenceRecord> occurrence(int64_t id);

  void create(ActivityFields f, Caller by, ActivityDone done);
  void update(int64_t id, SeriesPatch p, Caller by, ActivityDone done);
  void cancel(int64_t id, std::string note, Caller by, ActivityDone done);
  void update_occurrence(int64_t id, OccurrencePatch p, Caller by, ActivityDone done);
  void cancel_occurrence(int64_t id, std::string note, Caller by, ActivityDone done);

 private:
  std::shared_ptr<const core::Calendar> calendar() const;
  void write(std::function<Status(store::Connection&, ActivityWritten&)> job, ActivityDone done);

  store::Database& db_;
  accounts::AuditLog& audit_;
  CalendarSource calendar_;
  std::function<int64_t()> now_;
};

// The routes (activity_routes.cpp); they keep the service alive.
void register_activity_routes(http::Router& router, std::shared_ptr<ActivityService> service);

}  // namespace warmcity::activities
