// Routes of meal delivery (delivery_service.h) under /api/v1/canteens/{id}:
// the day's stops, the saved route of a meal, the handover and not-home of
// a delivery order. HTTP only: every answer comes from DeliveryService.
#include <memory>
#include <utility>

#include "canteens/delivery_json.h"
#include "canteens/delivery_service.h"
#include "canteens/order_json.h"
#include "canteens/routes.h"
#include "http/problem.h"
#include "photos/photo_text.h"

namespace warmcity::canteens {

namespace {

using nlohmann::ordered_json;

using DeliveryFn = void (*)(DeliveryService&, http::Request&, http::Reply);

Result<int64_t> delivery_order_id_of(const http::Request& req) {
  std::optional<int64_t> id = req.path_id("order_id");
  if (!id) return Status::NotFound("no order with that id");
  return *id;
}

void list_deliveries(DeliveryService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  service.deliveries(*canteen, req.query_param("date").value_or(""),
                     req.query_param("meal").value_or(""), caller_of(req),
                     [reply = std::move(reply)](Result<DeliveryDay> r) {
                       if (!r.ok()) return reply(http::problem(r.status()));
                       reply(http::json_response(delivery_dump(delivery_day_json(*r))));
                     });
}

void route_get(DeliveryService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<DeliveryRoute> r =
      service.route(*canteen, std::string(req.path_param("meal")), caller_of(req));
  if (!r.ok()) return reply(http::problem(r.status()));
  reply(http::json_response(delivery_dump(delivery_route_json(*r))));
}

void route_put(DeliveryService& service, http::Request& req, http::Reply reply) {
  Result<DeliveryRoute> in = read_route_body(req.body, std::string(req.path_param("meal")));
  if (!in.ok()) return reply(http::problem(in.status()));
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  service.set_route(*canteen, std::move(*in), caller_of(req),
                    [reply = std::move(reply)](Result<DeliveryRoute> r) {
                      if (!r.ok()) return reply(http::problem(r.status()));
                      reply(http::json_response(delivery_dump(delivery_route_json(*r))));
                    });
}

void handover_route(DeliveryService& service, http::Request& req, http::Reply reply) {
  Result<HandoverInput> in = read_handover_body(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<int64_t> order = delivery_order_id_of(req);
  if (!order.ok()) return reply(http::problem(order.status()));
  service.handover(*canteen, *order, std::move(*in), caller_of(req),
                   [reply = std::move(reply)](Result<Order> r) {
                     if (!r.ok()) return reply(http::problem(r.status()));
                     reply(http::json_response(delivery_dump(order_json(*r))));
                   });
}

void not_home_route(DeliveryService& service, http::Request& req, http::Reply reply) {
  Result<std::string> note = read_not_home_body(req.body);
  if (!note.ok()) return reply(http::problem(note.status()));
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<int64_t> order = delivery_order_id_of(req);
  if (!order.ok()) return reply(http::problem(order.status()));
  service.not_home(
      *canteen, *order, std::move(*note), caller_of(req),
      [reply = std::move(reply)](Result<NotHomeAnswer> r) {
        if (!r.ok()) return reply(http::problem(r.status()));
        ordered_json body = {{"order", order_json(r->order)}, {"visit_id", r->visit_id}};
        reply(http::json_response(delivery_dump(body)));
      });
}

}  // namespace

void register_delivery_routes(http::Router& router, std::shared_ptr<DeliveryService> service) {
  using http::Method;
  using http::Role;
  const std::string canteen = std::string(kCanteensApi) + "/{id}";
  auto bind = [service](DeliveryFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kKeeper});
  router.add(Method::kGet, canteen + "/deliveries", staff, bind(list_deliveries),
             {.summary = "A day's delivery stops in route order (?date=&meal=): the elders' "
                         "names, addresses and phones for the courier (staff; audited)"});
  router.add(Method::kGet, canteen + "/delivery-route/{meal}", staff, bind(route_get),
             {.summary = "The saved delivery route of a meal (elder ids in order)"});
  router.add(Method::kPut, canteen + "/delivery-route/{meal}", staff, bind(route_put),
             {.body_limit = 16 * 1024,
              .summary = "Save the delivery route of a meal, kept between days (audited)"});
  router.add(Method::kPost, canteen + "/orders/{order_id}/handover", staff, bind(handover_route),
             {.body_limit = photos::kMaxPhotoTextBytes + 1024,
              .summary = "Hand a delivery over: the elder's code (first 4 digits of her red "
                         "card) or a photo (audited; 5 wrong codes in 10 minutes: 429)",
              .slow = true});
  router.add(Method::kPost, canteen + "/orders/{order_id}/not-home", staff, bind(not_home_route),
             {.body_limit = 4096,
              .summary = "Nobody home: the order is not_home and her visit team gets a "
                         "nobody-answered escalation (audited)"});
}

}  // namespace warmcity::canteens
