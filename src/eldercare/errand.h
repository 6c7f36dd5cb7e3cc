// Errands (代购 / 代办) run for an elder by a grid team: the record and the
// one table that decides which step is legal from which state for whom.
// Pure: no I/O; thread-safe.
//
//   received ──assign──▶ assigned ──start──▶ doing ──deliver──▶ delivered
//      │                  │ ▲ assign            │ substitute        │ settle
//      │                  └─┘ substitute        ▼                   ▼
//      │                                                         settled ──confirm (×2)
//      └── cancel (reason) from received, assigned, doing, delivered ──▶ cancelled
//
// A settled errand is complete when both members of its team — the worker
// AND the volunteer — have confirmed the account (each once).
//
// Parties (Party), per caller and errand:
//   manager      admins and the workers of the elder's grid or community
//                (may_change in elder_access.h)
//   her_team     a member of the team the elder is paired with
//   errand_team  a member of the team the errand is assigned to
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "photos/photos.h"

namespace warmcity::eldercare {

enum class ErrandState { kReceived, kAssigned, kDoing, kDelivered, kSettled, kCancelled };
std::string_view errand_state_name(ErrandState s);  // "received", …
std::optional<ErrandState> parse_errand_state(std::string_view name);

enum class ErrandStep { kAssign, kStart, kSubstitute, kDeliver, kSettle, kConfirm, kCancel };
std::string_view errand_step_name(ErrandStep s);  // "assign", …
std::optional<ErrandStep> parse_errand_step(std::string_view name);

enum class ErrandParty { kManager, kHerTeam, kErrandTeam };

struct ErrandTransition {
  ErrandState from;
  ErrandStep step;
  ErrandState to;
  std::vector<ErrandParty> by;  // any of these may take it
};

// The whole table, in a stable order.
const std::vector<ErrandTransition>& errand_transitions();
// nullptr when `step` is illegal from `from`.
const ErrandTransition* find_errand_transition(ErrandState from, ErrandStep step);
// The steps legal from `from` (whoever takes them), in table order.
std::vector<ErrandStep> errand_steps_from(ErrandState from);
// "deliver, substitute, cancel" (or "none") — for problem details.
std::string errand_steps_text(const std::vector<ErrandStep>& steps);

// The work: kind "shopping" (lines), "medicine" (pickup) or "task" (text).
struct ShoppingLine {
  std::string text;        // 鸡蛋 (土鸡蛋)
  int64_t quantity = 1;    // 1..999
  int64_t budget_fen = 0;  // ≥ 0
};
struct ErrandWork {
  std::string kind;                 // is_errand_kind
  std::vector<ShoppingLine> lines;  // shopping: 1..30
  std::string pharmacy;             // medicine
  std::string what;                 // medicine: what to collect
  std::string text;                 // task: pay a bill, collect a document …
};
bool is_errand_kind(std::string_view kind);
// Budget of every line, added (0 for other kinds).
int64_t budget_fen(const ErrandWork& w);

// A substitution agreed with the elder by phone (换购: what for what).
struct Substitution {
  std::string original;
  std::string replacement;
  std::string confirmed_by;  // who agreed on the phone: the elder or her family
  int64_t confirmed_at = 0;
  int64_t recorded_by = 0;
};

// The account of a delivered errand (结算). Amounts in fen, integers ≥ 0.
struct Settlement {
  int64_t receipt_fen = 0;   // what the receipt says was spent
  int64_t advanced_fen = 0;  // what the elder handed over (or the team advanced)
  int64_t returned_fen = 0;  // change handed back
  std::string paid_by;       // is_payment_method
  int64_t settled_at = 0;
  int64_t settled_by = 0;
};
bool is_payment_method(std::string_view m);  // cash, wechat, alipay, card, other
// advanced − receipt − returned: > 0 the team still holds the elder's money,
// < 0 the elder owes the team.
int64_t balance_fen(const Settlement& s);
// The amounts a settlement may carry: each 0..kMaxFen and returned ≤ advanced;
// errors name the fields.
inline constexpr int64_t kMaxFen = 100'000'000;  // 100万元
std::vector<FieldError> check_settlement(const Settlement& s);

inline constexpr int64_t kDefaultDueSeconds = 48 * 3600;
inline constexpr int64_t kMaxVolunteerMinutes = 1440;

struct Errand {
  int64_t id = 0;
  int64_t elder_id = 0;
  std::optional<int64_t> community_id;  // the elder's when received
  ErrandWork work;
  std::string note;
  ErrandState state = ErrandState::kReceived;
  std::optional<int64_t> team_id;
  std::string assign_reason;  // as OnDuty's reason, or "chosen"
  int64_t received_at = 0;
  int64_t received_by = 0;  // the staff member who took the call
  int64_t due_at = 0;
  std::optional<int64_t> assigned_at, started_at, delivered_at;
  std::string delivered_to;  // who received the goods (收货人)
  std::vector<Substitution> substitutions;
  std::optional<Settlement> settlement;
  std::optional<int64_t> worker_confirmed_by, worker_confirmed_at;
  std::optional<int64_t> volunteer_confirmed_by, volunteer_confirmed_at;
  std::optional<int64_t> volunteer_minutes;  // 0..1440, for the hours ledger
  std::optional<int64_t> cancelled_at;
  std::string cancel_reason;
  int64_t updated_at = 0;
  // Kept in tables of their own, filled by the service: the receipt photo
  // sent with the settle step (errand_receipt_store.h), and whether a family
  // member asked for it in the app (family_store.h).
  std::optional<photos::Photo> receipt_photo;
  bool from_family = false;
};

// Settled and confirmed by the team's worker and its volunteer.
bool errand_complete(const Errand& e);
// Still to be delivered: received, assigned or doing.
bool errand_undelivered(const Errand& e);
// Undelivered and past its due time at `now`.
bool errand_overdue(const Errand& e, int64_t now);
// 0 undelivered, 1 delivered or settled awaiting confirmation, 2 closed
// (complete or cancelled): the column the queues' indexes lead with.
int errand_phase(const Errand& e);

}  // namespace warmcity::eldercare
