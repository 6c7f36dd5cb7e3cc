// SettlementService: a canteen's month of meals settled with the district's
// civil-affairs bureau (issue #17 "Settlement"; docs/canteens.md). HTTP-free.
//
// Who:
//   - reads a month (summary and lines): the canteen's staff (works_at: its
//     keepers and admins) and department users; another canteen's keeper
//     kPermissionDenied ("you do not work at this canteen");
//   - closes a month, adjusts a closed one: admins only;
//   - the meal counts of every canteen (the dashboard): admins and
//     department users.
// Months are "YYYY-MM" (kUnprocessable "month" otherwise); an unknown
// canteen is kNotFound.
// Closing is refused (kConflict, the message says which) for a month not yet
// over in district time, one closed already, and one with open deliveries
// (booked, not yet delivered, not-home or cancelled). It freezes the month's
// meals and subsidy into canteen_month_closures in the same write job as its
// audit row (canteen_settlement.close). A closed month takes adjustments
// only: append-only rows with their reason and who (canteen_settlement.adjust,
// one write job each); an open month's adjustment is kConflict.
// The summary holds no personal data and is read on the caller's reader,
// unaudited. The lines name the diners (masked on the way out): their read
// is audited (personal_data.read, subject canteen_month, purpose
// canteen_settlement) and answered after the audit row's commit.
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once: on the
// writer's answerer thread after a write job, or at once on the calling
// thread when refused before one.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "canteens/canteen.h"
#include "canteens/settlement.h"
#include "canteens/settlement_store.h"
#include "core/status.h"
#include "store/database.h"

namespace warmcity::http {
class Router;
}

namespace warmcity::canteens {

struct NamedAdjustment {
  SettlementAdjustment adjustment;
  std::string by_name;
};

struct SettlementSummary {
  Canteen canteen;
  std::string month;
  std::optional<MonthClosure> closed;
  std::string closed_by_name;  // "" while open
  MonthTotals totals;          // counted from the month's orders now
  std::vector<NamedAdjustment> adjustments;
  // The subsidy owed: the frozen subsidy of a closed month (the month's own
  // while open) plus every adjustment.
  int64_t adjusted_subsidy_fen = 0;
};

struct SettlementLines {
  SettlementSummary summary;
  std::vector<SettlementLine> lines;  // with the elders' full names: mask them
};

struct MealCounts {
  std::string month;
  std::vector<CanteenMonthCounts> canteens;
  MonthTotals totals;
};

struct AdjustmentInput {
  std::optional<int64_t> order_id;  // an order of that canteen and month
  int64_t subsidy_delta_fen = 0;    // non-zero
  std::string reason;               // 1 to kMaxAdjustmentReason characters
};

constexpr int kMaxAdjustmentReason = 200;

template <class T>
using SettlementDone = std::function<void(Result<T>)>;

class SettlementService {
 public:
  // The display name of a user, on the connection given (the accounts' user lookup).
  using NameOf = std::function<Result<std::string>(store::Connection&, int64_t user_id)>;

  SettlementService(store::Database& db, NameOf name_of, std::function<int64_t()> now = nullptr)
      : db_(db), name_of_(std::move(name_of)), now_(std::move(now)) {}

  // On the calling thread's reader.
  Result<SettlementSummary> summary(int64_t canteen_id, const std::string& month,
                                    const Caller& by) const;
  // Read on the calling thread's reader, answered after the audit row.
  void lines(int64_t canteen_id, const std::string& month, Caller by,
             SettlementDone<SettlementLines> done);
  void close(int64_t canteen_id, const std::string& month, Caller by,
             SettlementDone<SettlementSummary> done);
  // kNotFound when order_id is not an order of that canteen and month.
  void adjust(int64_t canteen_id, const std::string& month, AdjustmentInput in, Caller by,
              SettlementDone<NamedAdjustment> done);
  // On the calling thread's reader.
  Result<MealCounts> meal_counts(const std::string& month, const Caller& by) const;

  int64_t now() const;

 private:
  Result<SettlementSummary> read_summary(store::Connection& c, int64_t canteen_id,
                                         const std::string& month, const Caller& by) const;

  store::Database& db_;
  NameOf name_of_;
  std::function<int64_t()> now_;
};

// GET …/settlements/{month}, …/lines.csv, POST …/close, …/adjustments under
// /api/v1/canteens/{id}, and GET /api/v1/canteen-meal-counts
// (settlement_routes.cpp); the routes keep the service alive.
void register_settlement_routes(http::Router& router, std::shared_ptr<SettlementService> service);

}  // namespace warmcity::canteens
