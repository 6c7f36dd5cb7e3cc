// SubsidyService: the district's meal-subsidy rule versions (subsidy_rule.h)
// and the quote a canteen's counter asks for (subsidy_engine.h). HTTP-free.
//
// Rules the service keeps (formats are the reader's, subsidy_json.h):
//   - past days' prices never change: a version is created only for today or
//     a later day, and changed (replaced whole) only while its day has not
//     come — a version in force or past is kConflict; the new day, too, must
//     be today or later (kUnprocessable "effective_from");
//   - one version per day (kConflict "effective_from" when another has it);
//   - writes are one write job with their audit entry
//     (canteen_subsidy.create / canteen_subsidy.replace).
// The quote: the canteen named must be one the caller works at (canteen.h:
// 404 / 403); the meal's day is today to kQuoteDaysAhead days ahead
// (delivery is booked ahead; kUnprocessable "date" otherwise). The diner is
// named by the card she shows at the counter (her red proxy card's number,
// eldercare/card_store.h), never by a record id: an unknown number and a
// revoked card are the same kNotFound "no elder with that card". Her birth
// date and categories on the meal's day come from her history
// (eldercare/elder_timeline.h), her subsidy so far that day and month from
// her orders (canteen_orders); the answer has her masked name, the tier,
// the amounts and the reason, never her categories or age. Everything is
// read on the calling thread's reader; the read is audited
// (personal_data.read, subject elder, purpose subsidy_quote) as the only
// write job, and the answer waits for its commit. Her categories on a day
// are those at the end of that day (district time): a change recorded
// during a day counts for the whole day. A closed record gets no subsidy
// for days after the one it was closed on.
//
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once: on the
// writer's answerer thread after a write job, or on the calling thread when
// nothing is written (an error before it, or a quote for no elder).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "canteens/canteen.h"
#include "canteens/subsidy_engine.h"
#include "canteens/subsidy_rule.h"
#include "core/status.h"
#include "eldercare/elder_timeline.h"
#include "store/database.h"

namespace warmcity::http {
class Router;
}

namespace warmcity::canteens {

template <class T>
using SubsidyDone = std::function<void(Result<T>)>;

struct SubsidyVersions {
  core::LocalDate today;
  std::vector<SubsidyRules> versions;  // latest effective_from first
  std::optional<int64_t> in_force_id;  // the one in force today
};

// The days a quote may be for: today to this many days ahead.
constexpr int kQuoteDaysAhead = 14;

struct QuoteRequest {
  // Her card's number (eldercare parse_card_number); nullopt: not an elder
  // (full price).
  std::optional<std::string> card;
  core::LocalDate date;
  Meal meal = Meal::kLunch;
  int64_t price_fen = 0;
};

struct ElderQuote {
  Quote quote;
  int64_t canteen_id = 0;
  std::optional<int64_t> elder_id;  // for the audit; never answered
  std::string elder_name_masked;    // "" when not an elder
  bool closed = false;              // her record was closed before the day
  // Her subsidy already given that day and month (orders not cancelled, at
  // every canteen; order_store.h subsidy_so_far), which the caps count.
  int64_t subsidised_today_fen = 0;
  int64_t subsidised_month_fen = 0;
};

class SubsidyService {
 public:
  // `now`: the clock (default: the system's). `seed_today`, for seeding only
  // (src/demo): the day create() and replace() take as today, while their
  // created_at, updated_at and audit rows keep the clock's time.
  explicit SubsidyService(store::Database& db, std::function<int64_t()> now = nullptr,
                          std::optional<core::LocalDate> seed_today = std::nullopt)
      : db_(db), now_(std::move(now)), seed_today_(seed_today) {}

  // Every version, read on the calling thread's reader (no personal data).
  Result<SubsidyVersions> versions() const;
  // REQUIRES: check_rules(r) is empty. kUnprocessable (effective_from not
  // after today), kConflict (a version has that day).
  void create(SubsidyRules r, Caller by, SubsidyDone<SubsidyRules> done);
  // kNotFound, kConflict (in force or past; another version has the day),
  // kUnprocessable (the new day is not after today).
  void replace(int64_t id, SubsidyRules r, Caller by, SubsidyDone<SubsidyRules> done);
  // kNotFound (canteen; no active card with that number),
  // kPermissionDenied (not working there), kUnprocessable "date".
  void quote(int64_t canteen_id, QuoteRequest q, Caller by, SubsidyDone<ElderQuote> done);

  int64_t now() const;
  core::LocalDate today() const;

 private:
  // The quote without its audit entry, on the calling thread's reader.
  Result<ElderQuote> read_quote(int64_t canteen_id, const QuoteRequest& q, const Caller& by) const;

  // The day the rules' checks take as today at `at`.
  core::LocalDate rules_today(int64_t at) const;

  store::Database& db_;
  std::function<int64_t()> now_;
  std::optional<core::LocalDate> seed_today_;
};

// The elder whose active card has `number`, read on `c`; an unknown number
// and a revoked card are the same kNotFound "no elder with that card".
Result<eldercare::ElderTimeline> elder_by_card(store::Connection& c, const std::string& number);

// `meal` priced for elder `t` on `c` (the quote's rules above, the orders'
// too): the version in force on the meal's day, her age and categories that
// day; a record closed before the day pays the full price. The caller
// passes her subsidy so far in `meal`. Sets quote, elder_id and
// elder_name_masked (not canteen_id).
Result<ElderQuote> price_for_elder(store::Connection& c, const eldercare::ElderTimeline& t,
                                   const MealToPrice& meal);

std::vector<store::Migration> subsidy_migrations();

// GET/POST /api/v1/canteen-subsidies, PUT /api/v1/canteen-subsidies/{id},
// GET /api/v1/canteens/{id}/subsidy-quote (subsidy_routes.cpp).
void register_subsidy_routes(http::Router& router, std::shared_ptr<SubsidyService> service);

}  // namespace warmcity::canteens
