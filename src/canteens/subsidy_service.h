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
// 404 / 403); the elder's birth date and categories on the meal's day come
// from her history (eldercare/elder_timeline.h) and her masked name is
// answered, so the read is audited (personal_data.read, subject elder,
// purpose subsidy_quote) in the same write job, before the answer. Her
// categories on a day are those at the end of that day (district time): a
// change recorded during a day counts for the whole day. A closed record
// gets no subsidy for days after the one it was closed on.
//
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once, on the
// writer thread.
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

struct QuoteRequest {
  std::optional<int64_t> elder_id;  // nullopt: not an elder (full price)
  core::LocalDate date;
  Meal meal = Meal::kLunch;
  int64_t price_fen = 0;
  // Her subsidy already given that day and month: 0 until orders exist
  // (the orders will pass their sums).
  int64_t subsidised_today_fen = 0;
  int64_t subsidised_month_fen = 0;
};

struct ElderQuote {
  Quote quote;
  int64_t canteen_id = 0;
  std::optional<int64_t> elder_id;
  std::string elder_name_masked;      // "" when not an elder
  std::vector<std::string> statuses;  // her categories on the day
  bool closed = false;                // her record was closed before the day
};

class SubsidyService {
 public:
  explicit SubsidyService(store::Database& db, std::function<int64_t()> now = nullptr)
      : db_(db), now_(std::move(now)) {}

  // Every version, read on the calling thread's reader (no personal data).
  Result<SubsidyVersions> versions() const;
  // REQUIRES: check_rules(r) is empty. kUnprocessable (effective_from before
  // today), kConflict (a version has that day).
  void create(SubsidyRules r, Caller by, SubsidyDone<SubsidyRules> done);
  // kNotFound, kConflict (in force or past; another version has the day),
  // kUnprocessable (the new day is past).
  void replace(int64_t id, SubsidyRules r, Caller by, SubsidyDone<SubsidyRules> done);
  // kNotFound (canteen, elder), kPermissionDenied (not working there).
  void quote(int64_t canteen_id, QuoteRequest q, Caller by, SubsidyDone<ElderQuote> done);

  int64_t now() const;
  core::LocalDate today() const;

 private:
  store::Database& db_;
  std::function<int64_t()> now_;
};

std::vector<store::Migration> subsidy_migrations();

// GET/POST /api/v1/canteen-subsidies, PUT /api/v1/canteen-subsidies/{id},
// GET /api/v1/canteens/{id}/subsidy-quote (subsidy_routes.cpp).
void register_subsidy_routes(http::Router& router, std::shared_ptr<SubsidyService> service);

}  // namespace warmcity::canteens
