// OrderService: a canteen's meal orders (order.h) — the counter's meals and
// the booked deliveries, their preview, the day's list, a cancellation, and
// the diner lookup the counter names her by. HTTP-free.
//
// Every call is for the canteen's staff (canteen.h canteen_for_staff: 404 /
// 403). An order is one write job: read her record and the day's menu,
// check the day and the slot, price it (SubsidyService's price_for_elder
// under the version in force on the meal's day, with her subsidy already
// given that day and month summed from canteen_orders), insert the order,
// its lines, its 'created' event and the audit row
// (canteen_order.create) — the writer runs one job at a time, so two tills
// cannot both give the subsidised meal of one slot; several instances on one
// PostgreSQL are kept apart by her turn (store/turn.h wait_turn on
// "canteen_orders.elder:ID"), taken before her slot and sums are read.
// A diner named by elder_id must be known to the canteen (order_store.h
// elder_known_here) unless an admin asks: else kNotFound. A cancellation is one
// write job too (canteen_order.cancel, its event naming who and when). A
// month closed for settlement takes no new meals and no cancellations
// (kConflict).
//
// Personal data: the preview naming an elder, the day's list with elders in
// it and every diner lookup that finds someone are audited
// (personal_data.read; purposes canteen_order_preview, canteen_orders,
// canteen_diner_lookup) before the answer. Names, phones and card numbers
// are answered masked.
//
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once: on the
// writer's answerer thread after a write job, or on the calling thread when
// nothing is written.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "canteens/canteen.h"
#include "canteens/order.h"
#include "canteens/order_store.h"
#include "core/status.h"
#include "store/database.h"

namespace warmcity::http {
class Router;
}

namespace warmcity::canteens {

template <class T>
using OrderDone = std::function<void(Result<T>)>;

inline constexpr int kDinersMax = 10;

// Exactly one of the three (the routes check it): the full card number, a
// phone (any form caller_id_form takes), a full name.
struct DinerQuery {
  std::optional<std::string> card;
  std::optional<std::string> phone;
  std::optional<std::string> name;
};

struct DinerView {
  int64_t elder_id = 0;
  std::string name_masked;
  std::string phone_masked;  // her first phone
  std::string card_masked;   // her active card, all but its last 4 digits hidden; "" for none
};

class OrderService {
 public:
  explicit OrderService(store::Database& db, std::function<int64_t()> now = nullptr)
      : db_(db), now_(std::move(now)) {}

  int64_t now() const;
  core::LocalDate today() const;

  // Open records only, at most kDinersMax. kUnprocessable "phone" for a
  // phone that is no phone.
  void diners(int64_t canteen_id, DinerQuery q, Caller by, OrderDone<std::vector<DinerView>> done);
  // The order as create() would make it now; nothing stored (id 0).
  void preview(int64_t canteen_id, OrderRequest r, Caller by, OrderDone<Order> done);
  // kNotFound (canteen, card, elder), kPermissionDenied, kUnprocessable
  // (date, diner, lines), kConflict (the month is closed).
  void create(int64_t canteen_id, OrderRequest r, Caller by, OrderDone<Order> done);
  // The day's orders, newest first (filter.canteen_id is set here).
  void list(int64_t canteen_id, OrderFilter filter, Caller by, OrderDone<std::vector<Order>> done);
  // cancel_status's rules; kConflict also for a closed month.
  void cancel(int64_t canteen_id, int64_t order_id, std::string note, Caller by,
              OrderDone<Order> done);

 private:
  // The order `r` would be at `at`, read and priced on `c`. `to_write`: `c` is
  // the writer's, in the job that inserts it — her turn is taken first.
  Result<Order> build(store::Connection& c, int64_t canteen_id, const OrderRequest& r,
                      const Caller& by, int64_t at, bool to_write) const;
  Result<std::vector<DinerView>> find_diners(store::Connection& c, const DinerQuery& q) const;

  store::Database& db_;
  std::function<int64_t()> now_;
};

// The order routes under /api/v1/canteens/{id} (order_routes.cpp).
void register_order_routes(http::Router& router, std::shared_ptr<OrderService> service);

}  // namespace warmcity::canteens
