// DeliveryService: meal delivery (送餐上门) at a canteen — the day's stops in
// route order, the saved route of each meal, the handover (by the elder's
// code or a photo) and "not home", which hands the elder to the elder-care
// visit escalation. The rules are delivery.h's. HTTP-free.
//
// Who: the canteen's staff (works_at: its keepers and admins); another
// canteen's keeper kPermissionDenied; an unknown canteen kNotFound.
//
// Orders are the orders part's (order.h, order_store.h: read with their
// lines and the elder's masked name). Every call but route() is ONE write
// job, so that
//   - the stops' read (the elders' names, addresses and phones) is audited
//     before the answer: "personal_data.read", subject canteen {id},
//     purpose "canteen_delivery", the elder ids in the detail;
//   - a change keeps the order's status, its event (canteen_order_events)
//     and its audit entry together: canteen.delivery_route,
//     canteen.delivery_handover, canteen.delivery_not_home;
//   - a wrong code is refused (kUnprocessable) yet its audit entry
//     (canteen.delivery_code_wrong) commits: the job succeeds and the answer
//     says refused. The 5th wrong code within 10 minutes for one order makes
//     the next tries kResourceExhausted until the window has passed.
// Not home: in the same job as the order's change, the visit VisitService
// records for "nobody answers" (eldercare/visit_store.h insert_visit: how
// "home", outcome "nobody_answers", the escalation open with the visit
// rules' clock, findings saying it came from the canteen's delivery, the
// elder's history event "visit" and the audit entry "elder.visit"); her
// team's due list then shows the open escalation. Both commit or neither.
// Refusals (kConflict): an order that is not booked, a month closed for
// settlement, a handover or not-home on a day other than the meal's (district
// time: a meal booked ahead is not delivered, billed, ahead). A counter order is not a
// delivery: kConflict too.
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once, on the
// writer's answering thread (or at once when refused before queueing).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "canteens/canteen.h"
#include "canteens/delivery_store.h"
#include "canteens/order.h"
#include "eldercare/visit.h"
#include "http/router.h"
#include "photos/photo_store.h"
#include "photos/photos.h"
#include "store/database.h"

namespace warmcity::canteens {

template <class T>
using DeliveryDone = std::function<void(Result<T>)>;

struct StopElder {
  int64_t elder_id = 0;
  std::string name;
  std::string address;
  double lat = 0, lon = 0;
  std::string phone;  // her first phone, whole: the courier calls it
};

struct Handover {
  std::string proof;  // code, photo
  int64_t at = 0;
};

struct NotHome {
  int64_t at = 0;
  std::optional<int64_t> visit_id;
};

struct DeliveryStop {
  int position = 0;  // 1-based
  Order order;
  StopElder elder;
  std::vector<std::string> diet;       // its dishes' tags (menu.h tag_names order)
  std::vector<std::string> allergens;  // its dishes' allergens
  std::optional<Handover> handover;
  std::optional<NotHome> not_home;
};

struct DeliveryDay {
  std::string date;
  std::string meal;
  std::vector<DeliveryStop> stops;
};

struct DeliveryRoute {
  std::string meal;
  std::vector<int64_t> elder_ids;
};

struct HandoverInput {
  std::string proof;                          // code, photo
  std::string code;                           // proof code
  std::optional<photos::CheckedPhoto> photo;  // proof photo (checked by the caller)
};

struct NotHomeAnswer {
  Order order;
  int64_t visit_id = 0;
};

class DeliveryService {
 public:
  // `photos`: where handover photos go (nullopt: photo handovers are refused, kUnavailable).
  DeliveryService(store::Database& db, std::optional<photos::PhotoStore> photos,
                  eldercare::VisitRules visit_rules = {}, std::function<int64_t()> now = nullptr)
      : db_(db), photos_(std::move(photos)), visit_rules_(visit_rules), now_(std::move(now)) {}

  // kUnprocessable for a bad date or meal.
  void deliveries(int64_t canteen_id, std::string date, std::string meal, Caller by,
                  DeliveryDone<DeliveryDay> done);
  // Read on the calling thread's reader (elder ids only: not audited).
  Result<DeliveryRoute> route(int64_t canteen_id, const std::string& meal, const Caller& by);
  // kUnprocessable for a bad meal, a repeated id or an elder with no record.
  void set_route(int64_t canteen_id, DeliveryRoute r, Caller by, DeliveryDone<DeliveryRoute> done);
  // kUnprocessable: a wrong code, an elder with no active card (proof code), a bad proof.
  void handover(int64_t canteen_id, int64_t order_id, HandoverInput in, Caller by,
                DeliveryDone<Order> done);
  // `note`: at most kMaxNotHomeNote code points (checked by the caller).
  void not_home(int64_t canteen_id, int64_t order_id, std::string note, Caller by,
                DeliveryDone<NotHomeAnswer> done);

  int64_t now() const;

 private:
  store::Database& db_;
  std::optional<photos::PhotoStore> photos_;
  eldercare::VisitRules visit_rules_;
  std::function<int64_t()> now_;
};

// The delivery routes under /api/v1/canteens/{id} (delivery_routes.cpp); the
// routes keep the service alive.
void register_delivery_routes(http::Router& router, std::shared_ptr<DeliveryService> service);

}  // namespace warmcity::canteens
