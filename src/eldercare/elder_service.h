// ElderService: everything that reads or changes an elder's record.
// HTTP-free.
//
// Every call is ONE write job on the store's single writer, reads included:
// a read of personal data is answered only after its audit entry
// ("personal_data.read", subject "elder" and the id, detail {"fields": …,
// "view": "full"|"masked"}; a list: subject "elder_list", detail {"ids": …})
// is durable. Writes put the elder row, its history event (elder_events:
// create, correct, close) and the audit entry ("elder.create", "elder.correct",
// "elder.close") in the same job, and the access check (elder_access.h) runs
// inside the job against the stored row.
//
// Rules the service keeps (the routes check formats, elder_input.h):
//   - the position lies in a grid (areas' locate()); kUnprocessable "lat"
//     otherwise; the grid, community and sub-district ids are derived from it;
//   - health details (needs) are held only with health consent: needs without
//     it are kUnprocessable "needs"; withdrawing it (health_consent null)
//     erases them;
//   - a closed record is read-only (kConflict), kept with its history.
//
// Lifetime: REQUIRES `db` to outlive the service. `done` runs
// once, on the writer's answerer thread (or at once on the caller's thread when refused
// before queueing).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "areas/areas.h"
#include "core/calendar.h"
#include "core/status.h"
#include "eldercare/card_store.h"
#include "eldercare/elder.h"
#include "eldercare/elder_access.h"
#include "eldercare/elder_counts.h"
#include "eldercare/elder_store.h"
#include "eldercare/team_store.h"
#include "store/database.h"

namespace warmcity::eldercare {

template <class T>
using Done = std::function<void(Result<T>)>;

// Where a point lies (areas::Areas::locate).
using Locator = std::function<areas::Location(double lat, double lon)>;

struct ConsentInput {
  std::string basis;
  std::string note;
};

// A new record (every field but the optional ones set) or a correction
// (only what changes). Formats are checked by the caller (elder_input.h).
struct ElderInput {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> phones;
  std::optional<std::string> address;
  std::optional<double> lat, lon;  // WGS-84, together
  std::optional<std::string> birth_date;
  std::optional<std::vector<std::string>> categories;
  std::optional<std::string> risk_tier;
  std::optional<std::vector<Contact>> emergency_contacts;
  std::optional<std::optional<Needs>> needs;  // set to nullopt: erase
  std::optional<ConsentInput> consent;
  std::optional<std::optional<ConsentInput>> health_consent;  // set to nullopt: withdraw
};

struct CloseInput {
  std::string reason;  // is_close_reason
  std::string note;
};

// An elder as one caller may see it.
struct ElderView {
  Elder elder;
  View view = View::kMasked;
};

struct ElderExport {
  Elder elder;
  std::vector<ElderEvent> history;
  std::vector<Card> cards;
};

// The phones printed on a red proxy card (valid phones, checked by the caller).
struct CardInput {
  std::string committee_phone;
  std::string team_phone;
};

// A card number looked up: the card, and the elder when the card is active
// (a revoked card never opens the elder).
struct CardLookup {
  Card card;
  std::optional<ElderView> elder;
};

struct ElderQuery {
  std::optional<int64_t> community_id;
  std::optional<std::string> risk_tier;
  std::optional<std::string> category;
  bool closed = false;
  std::optional<int64_t> before_id;
  int limit = 50;
};

// A grid and its community (areas), for a new team.
struct GridRef {
  int64_t grid_id = 0;
  std::optional<int64_t> community_id;
};

// What the teams need from other modules (wired by the app).
struct TeamDeps {
  // kUnprocessable when the area is not a grid, kNotFound when there is none.
  std::function<Result<GridRef>(int64_t area_id)> grid_of;
  // The role of an enabled user (nullopt: none), on the job's connection
  // (accounts::active_user_role).
  std::function<Result<std::optional<std::string>>(store::Connection&, int64_t user_id)> role_of;
  // The official calendar now, for the rotas' PH; null: plain weeks.
  std::function<std::shared_ptr<const core::Calendar>()> calendar;
};

struct TeamInput {
  int64_t grid_id = 0;
  std::string name;
  int64_t worker_user_id = 0;
  int64_t volunteer_user_id = 0;
  std::string phone;
  std::string rota;  // opening_hours, e.g. "Mo-Fr 08:30-17:30"
};

// The team that works for an elder now, and why that one.
struct OnDuty {
  std::optional<Team> team;
  // her_team: her own team is on duty; her_team_off_duty / no_team_paired:
  // another team of her community is (the first by id); none_on_duty: no
  // team of her community is on duty now.
  std::string reason;
  std::optional<int64_t> her_team_id;
};

class ElderService {
 public:
  // Audit entries go to the accounts module's audit_log table
  // (accounts::append_audit, in the same write job).
  static Result<std::unique_ptr<ElderService>> open(store::Database& db, Locator locate,
                                                    std::function<int64_t()> now = nullptr);

  // kPermissionDenied unless `by` would see the new record whole.
  void create(ElderInput in, Caller by, Done<ElderView> done);
  // kNotFound, kPermissionDenied (View::kNone).
  void read(int64_t id, Caller by, Done<ElderView> done);
  // The caller's elders that match, newest first, each with the caller's
  // view; `limit` rows at most. Staff: the elders of listable_areas; a
  // volunteer: the elders paired with a team she is on, and no others.
  void list(ElderQuery q, Caller by, Done<std::vector<ElderView>> done);
  // kPermissionDenied unless View::kFull; kConflict when closed.
  void correct(int64_t id, ElderInput in, Caller by, Done<ElderView> done);
  void close(int64_t id, CloseInput in, Caller by, Done<ElderView> done);
  // Everything held on the elder (查阅/复制): View::kFull only.
  void export_record(int64_t id, Caller by, Done<ElderExport> done);

  // Red proxy cards (card_service.cpp). Issuing revokes the active card
  // (reason "reissued") in the same job; closing a record revokes its card
  // ("closed"). Events card_issue / card_revoke, audit elder.card_issue /
  // elder.card_revoke. View::kFull only; kConflict on a closed record.
  void issue_card(int64_t id, CardInput in, Caller by, Done<Card> done);
  // kNotFound when the elder has no active card.
  void revoke_card(int64_t id, std::string reason, Caller by, Done<Card> done);
  // The elder's active card, read on the calling thread (no personal data:
  // not audited). kNotFound, kPermissionDenied unless View::kFull.
  Result<Card> card(int64_t id, const Caller& by) const;
  // The elder a card number opens, in the caller's view, audited
  // (personal_data.read, purpose lookup_card). `number` as parse_card_number
  // gives it. kNotFound for an unknown number; a revoked card answers
  // without the elder and reads nothing; kPermissionDenied (View::kNone).
  void lookup_card(std::string number, Caller by, Done<CardLookup> done);
  // The open elders one of whose phones has this caller-ID form
  // (caller_id_form), those the caller may see, audited as one read
  // (purpose lookup_phone). kNotFound when there is none the caller sees.
  void lookup_phone(std::string form, Caller by, Done<std::vector<ElderView>> done);

  // Grid teams (team_service.cpp). REQUIRES: use_teams() before serving.
  void use_teams(TeamDeps deps) { teams_ = std::move(deps); }
  // Admins and the workers of the grid or its community; the worker must be
  // a worker, the volunteer a volunteer or a worker, the rota parse
  // (kUnprocessable naming the field). Audited elder_team.create.
  void create_team(TeamInput in, Caller by, Done<Team> done);
  // The teams the caller may see (admins and district workers: all; area
  // workers: of their grids and communities), oldest first.
  Result<std::vector<Team>> teams(std::optional<int64_t> community_id, const Caller& by) const;
  // Pairs the elder with a team of her community (结对帮扶), or unpairs
  // (nullopt); a history event "pair" and the audit entry elder.pair.
  // View::kFull only.
  void pair(int64_t id, std::optional<int64_t> team_id, Caller by, Done<ElderView> done);
  // Who works for the elder at `at` (her team if on duty, else another team
  // of her community on duty), read on the calling thread. View::kNone: 403.
  Result<OnDuty> on_duty(int64_t id, const Caller& by, int64_t at) const;

  // The open elders per community (elder_counts.h) among those the caller's
  // list would show (listable_areas), on the calling thread's reader. Counts
  // only: not audited. kPermissionDenied for anyone but admins and workers.
  Result<std::vector<CommunityCount>> counts(std::optional<int64_t> community_id,
                                             const Caller& by) const;

  int64_t now() const;

 private:
  ElderService(store::Database& db, Locator locate, std::function<int64_t()> now)
      : db_(db), locate_(std::move(locate)), now_(std::move(now)) {}

  // Applies `in` to `e` (a new record when e.id == 0): derives the areas,
  // records consent as given by `by` now, keeps the health rule.
  Status apply(Elder& e, const ElderInput& in, const Caller& by, int64_t at) const;

  store::Database& db_;
  Locator locate_;
  std::function<int64_t()> now_;
  TeamDeps teams_;
};

}  // namespace warmcity::eldercare
