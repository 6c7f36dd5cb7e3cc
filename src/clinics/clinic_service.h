// ClinicService: free clinic sessions (docs/clinics.md "Sessions"): create a
// session with its slots, read one, list them, edit the filing number and
// the doctors. HTTP-free.
//
// A session is an activity (activities/activity_store.h) and each slot one
// of its occurrences, made detached so that an edit of the series never
// moves a slot. Reads run on the calling thread's reader. Each write is one
// write job that checks who asks (activities/organiser_access.h: the
// organiser's staff, admins), holds the venue's turn `activity-venue:<id>`
// before checking clashes (activities/clash.h, every slot, exactly as the
// activities do), saves, and appends its audit row (clinic.create,
// clinic.update). `done` runs on the writer's answerer thread after the
// commit.
// Lifetime: REQUIRES db and audit to outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "accounts/audit.h"
#include "accounts/caller.h"
#include "activities/clash.h"
#include "clinics/clinic.h"
#include "clinics/clinic_store.h"
#include "core/calendar.h"
#include "store/database.h"

namespace warmcity::clinics {

using accounts::Caller;

// What a write gives back: the session; the slots skipped for clashes; on a
// 409 "clash" the clashes.
struct ClinicWritten {
  ClinicSession session;
  std::vector<activities::Clash> skipped;
  std::vector<activities::Clash> clashes;
};
using ClinicDone = std::function<void(Status, ClinicWritten)>;

class ClinicService {
 public:
  using CalendarSource = std::function<std::shared_ptr<const core::Calendar>()>;
  // `now` (unix seconds) defaults to core::now_unix(); `calendar` (the
  // official one, for venues' hours on holidays) to a calendar that knows no
  // year.
  ClinicService(store::Database& db, accounts::AuditLog& audit, CalendarSource calendar = nullptr,
                std::function<int64_t()> now = nullptr);

  int64_t now() const;
  core::LocalDate today() const;

  // kNotFound for an activity that is no clinic session.
  Result<ClinicSession> get(int64_t id);
  // The sessions with a slot starting in [from, until) (in the community,
  // when given), by their first slot's start, at most 100.
  Result<std::vector<ClinicSession>> list(int64_t from, int64_t until,
                                          std::optional<int64_t> community_id);
  // The sessions of the organisers `by` organises for (admins: every
  // organiser's), newest first, at most 200: the clinic desk's list.
  // kUnauthenticated anonymous; kPermissionDenied for a caller who
  // organises nothing.
  Result<std::vector<ClinicSession>> organiser_sessions(const Caller& by);

  void create(ClinicFields f, Caller by, ClinicDone done);
  // kConflict "activity_cancelled" for a cancelled session.
  void update(int64_t id, ClinicPatch p, Caller by, ClinicDone done);

 private:
  std::shared_ptr<const core::Calendar> calendar() const;

  store::Database& db_;
  accounts::AuditLog& audit_;
  CalendarSource calendar_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::clinics
