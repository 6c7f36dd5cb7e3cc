// ErrandService: errands (代购 / 代办) run for an elder by a grid team
// (errand.h has the states and who may take each step). HTTP-free.
//
// Every call is ONE write job on the store's single writer, reads included:
// an answer that shows the elder's personal data (name, phones, address, or
// the names an errand records) is sent only after its audit entry
// ("personal_data.read", subject "elder" and her id, purpose "errand"; a list:
// subject "elder_list", detail {"ids": …, "purpose": "errands"}) is durable.
// A write puts the errand row, its event (errand_events) and the audit entry
// "errand.<create|step>" (subject "errand") in the same job.
//
// Who:
//   - records an errand: whoever sees the elder whole (view_of: admins, her
//     grid's and community's workers, her team's members); kConflict when her
//     record is closed;
//   - sees an errand: as view_of the elder, and whole for the members of the
//     team it is assigned to; masked viewers (her sub-district's and the
//     district's workers) see it with the elder masked and take no step;
//   - takes a step: errand_transitions()' parties.
// Family members (ErrandOptions::family; a resident with an open link to
// the elder, family_store.h): record an errand for her (received_by is the
// family member, Errand::from_family), read her errands and list them
// (ErrandQuery::elder_id required) in the family view, audited
// "personal_data.read" (purpose "family"); no step, no receipt photo, no
// history; every other resident 403.
// A new errand goes to the team on duty for her (ElderService::on_duty, read
// just before the job): her team if on duty ("her_team"), else another team
// of her community on duty ("her_team_off_duty", "no_team_paired"); failing
// both, her own team although off duty ("her_team_not_on_duty"); with no team
// at all it stays received ("none_on_duty"). The reason is kept
// (Errand::assign_reason); an assignment naming a team says "chosen".
//
// The receipt photo (settle's receipt_photo, checked by the caller:
// photos/photo_text.h) is written and fsynced to the photo store inside the
// settle job, before its COMMIT, and named in errand_receipts (by its
// SHA-256) with the errand; those who see the errand whole read it back
// (receipt_photo(), audited "personal_data.read", purpose
// "errand_receipt"). Masked and family views never name it.
//
// Lifetime: REQUIRES `db` and `elders` to outlive the service. `done` runs
// once, on the writer's answerer thread (or at once on the caller's thread when refused
// before queueing; receipt_photo()'s on the service's slow-work thread).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/work_pool.h"
#include "eldercare/elder_service.h"
#include "eldercare/errand.h"
#include "eldercare/errand_store.h"
#include "photos/photo_store.h"

namespace warmcity::eldercare {

// An errand that has just become complete (settled, and confirmed by both
// members of its team): the facts the hours ledger records for the team's
// volunteer (docs/volunteers.md "Errands"), handed to
// ErrandOptions::on_complete inside the last confirmation's own write job.
struct CompletedErrand {
  int64_t errand_id = 0;
  int64_t volunteer_user_id = 0;        // the team's volunteer member
  int64_t volunteer_minutes = 0;        // as recorded at delivery or settlement; 0: none
  std::string delivered_on;             // the delivery's district date, YYYY-MM-DD
  std::optional<int64_t> community_id;  // the elder's community (an area id)
  int64_t confirmed_by = 0;             // the member who confirmed last
  int64_t confirmed_at = 0;             // when (unix seconds)
};

struct ErrandOptions {
  int64_t due_seconds = kDefaultDueSeconds;  // due this long after received
  // Where receipt photos go (the app shares the appeals' store: one
  // directory, one quota; REQUIRES the "errand_receipts" migrations). None:
  // the service neither keeps nor shows receipt photos (a settle step with
  // one is refused, kUnavailable).
  std::optional<photos::PhotoStore> receipt_photos = std::nullopt;
  // Family members (family_service.h) may ask for and follow errands.
  // REQUIRES the "elder_family" migrations; false: residents get 403.
  bool family = false;
  // Runs once per errand, inside the write job of the confirmation that
  // makes it complete, after the errand and its event are written: what
  // must commit with it or not at all (the app: the volunteer's record in
  // the hours ledger). An error fails the confirmation, nothing written.
  std::function<Status(store::Connection&, const CompletedErrand&)> on_complete = nullptr;
};

// The picture a receipt photo holds, for the route that serves it.
struct ReceiptImage {
  std::string media_type;
  std::string bytes;
};

// A new errand (formats checked by the caller, errand_input.h).
struct ErrandInput {
  ErrandWork work;
  std::string note;
  // Runs inside the errand's write job once it is stored (staff's create
  // only): what must commit with it or not at all — a visit's link to the
  // errand it raised. An error rolls the errand back.
  std::function<Status(store::Connection&, const Errand&)> in_same_write = nullptr;
};

// One step and what it carries (formats checked by the caller).
struct ErrandStepInput {
  ErrandStep step = ErrandStep::kStart;
  std::optional<int64_t> team_id;            // assign: this team (else the one on duty)
  std::string delivered_to;                  // deliver: who received it
  std::optional<int64_t> delivered_at;       // deliver: when (default now; not in the future)
  std::optional<int64_t> volunteer_minutes;  // deliver, settle
  Settlement settlement;                     // settle: amounts and paid_by
  Substitution substitution;                 // substitute: confirmed_at 0 → now
  std::string reason;                        // cancel
  std::optional<photos::CheckedPhoto> receipt_photo;  // settle: JPEG or PNG, stripped
};

// The elder as an errand shows her: her name, phones and address (masked
// for a masked viewer).
struct ErrandView {
  Errand errand;
  Elder elder;
  View view = View::kMasked;
  bool may_step = false;  // the caller is one of a step's parties
  // A family member's view (errand_family_json): the errand's progress,
  // due time, amounts and the team's phone; nothing of the team's members.
  bool family = false;
  std::string team_phone = {};
};

struct ErrandDetail {
  ErrandView view;
  std::vector<ErrandEvent> history;
};

// A page of errands, newest first, and where the next page starts (the
// errands with ids below next_before_id), when there is one.
struct ErrandPage {
  std::vector<ErrandView> items;
  std::optional<int64_t> next_before_id;
};

struct ErrandQuery {
  std::optional<int64_t> elder_id;  // one elder's history
  std::optional<int64_t> team_id;
  std::optional<int64_t> community_id;
  ErrandQueue queue = ErrandQueue::kAll;
  std::optional<int64_t> before_id;
  int limit = 50;  // the page's size
};

// How many reads of limit + 1 rows a list makes at most to fill a page past
// errands hidden from the caller (their elder moved out of her areas).
inline constexpr int kMaxListRounds = 8;

class ErrandService {
 public:
  static Result<std::unique_ptr<ErrandService>> open(store::Database& db, ElderService& elders,
                                                     ErrandOptions options = {});

  // kNotFound (no elder), kPermissionDenied, kConflict (closed record).
  void create(int64_t elder_id, ErrandInput in, Caller by, Done<Errand> done);
  // The errand, its elder in the caller's view and its history. kNotFound,
  // kPermissionDenied.
  void read(int64_t id, Caller by, Done<ErrandDetail> done);
  // The caller's errands that match, newest first: staff see those of the
  // elders of their listable_areas and those assigned to their teams;
  // volunteers only those assigned to their teams. With elder_id: kNotFound/kPermissionDenied as
  // reading her. A page may come back short with a next_before_id when
  // kMaxListRounds reads found too few she may see.
  void list(ErrandQuery q, Caller by, Done<ErrandPage> done);
  // kNotFound; kPermissionDenied when the caller is none of the step's
  // parties; kConflict when the step is not legal now (naming the steps
  // that are), settling twice, confirming twice; kUnprocessable for a bad
  // team, amounts or delivery time.
  void step(int64_t id, ErrandStepInput in, Caller by, Done<Errand> done);
  // The errand's receipt photo, for those who see the errand whole (its
  // team while it runs, her team, admins, her grid's and community's
  // workers); audited before the file is read. kNotFound (no errand, or no
  // photo), kPermissionDenied, kUnavailable when the slow-work queue is full.
  void receipt_photo(int64_t id, Caller by, Done<ReceiptImage> done);

  // Runs `task` on the service's own thread for slow work — reading a step
  // that carries a photo, reading a photo's file — so that no I/O thread
  // waits for it. False when that queue is full: answer 503.
  [[nodiscard]] bool post_slow(std::function<void()> task) {
    return slow_->try_post(std::move(task));
  }

  int64_t now() const { return elders_.now(); }
  const ErrandOptions& options() const { return options_; }

 private:
  // The family member's side of create, read and list.
  void create_for_family(int64_t elder_id, ErrandInput in, Caller by, Done<Errand> done);
  void read_as_family(int64_t id, Caller by, Done<ErrandDetail> done);
  void list_as_family(ErrandQuery q, Caller by, Done<ErrandPage> done);

  ErrandService(store::Database& db, ElderService& elders, ErrandOptions options)
      : db_(db), elders_(elders), options_(std::move(options)) {}

  store::Database& db_;
  ElderService& elders_;
  ErrandOptions options_;
  std::unique_ptr<core::WorkPool> slow_ = std::make_unique<core::WorkPool>(1);  // last
};

}  // namespace warmcity::eldercare
