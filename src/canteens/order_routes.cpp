// Routes of the canteens' meal orders (order_service.h; docs/canteens.md
// "Orders"): the diner lookup, an order's preview, ringing up or booking a
// meal, the day's orders and a cancellation. HTTP only: every answer comes
// from OrderService.
#include <memory>
#include <utility>

#include "canteens/order_json.h"
#include "canteens/order_service.h"
#include "canteens/routes.h"
#include "canteens/subsidy_json.h"
#include "eldercare/card_number.h"
#include "http/problem.h"
#include "http/router.h"

namespace warmcity::canteens {

namespace {

using OrderRouteFn = void (*)(OrderService&, http::Request&, http::Reply);
// The handlers share the service: it lives as long as the router's routes.
http::Handler order_handler(const std::shared_ptr<OrderService>& service, OrderRouteFn f) {
  return
      [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
}

OrderDone<Order> answer_order(http::Reply reply, int status, bool stored = true) {
  return [reply = std::move(reply), status, stored](Result<Order> o) {
    if (!o.ok()) return reply(http::problem(o.status()));
    reply(http::json_response(dump_json(order_json(*o, stored)), status));
  };
}

// ?card= | ?phone= | ?name=, exactly one.
Result<DinerQuery> read_diner_query(const http::Request& req) {
  DinerQuery q;
  std::optional<std::string> card = req.query_param("card");
  q.phone = req.query_param("phone");
  q.name = req.query_param("name");
  const int given = (card ? 1 : 0) + (q.phone ? 1 : 0) + (q.name ? 1 : 0);
  if (given != 1) {
    return Status::Unprocessable("name the diner one way",
                                 {{"card", "exactly one of card, phone and name"}});
  }
  if (card) {
    q.card = eldercare::parse_card_number(*card);
    if (!q.card) {
      return Status::Unprocessable(
          "bad diner lookup",
          {{"card", "not a card number: ten digits whose last is a check digit"}});
    }
  }
  if (q.name && (q.name->empty() || q.name->size() > 120)) {
    return Status::Unprocessable("bad diner lookup", {{"name", "her full name"}});
  }
  return q;
}

// ?date= (default today) &meal= &kind=.
Result<OrderFilter> read_order_filter(const http::Request& req, core::LocalDate today) {
  std::vector<FieldError> errors;
  OrderFilter f;
  f.date = today;
  if (std::optional<std::string> date = req.query_param("date")) {
    Result<core::LocalDate> d = core::parse_date(*date);
    if (d.ok()) {
      f.date = *d;
    } else {
      errors.push_back({"date", "a date YYYY-MM-DD"});
    }
  }
  f.meal = req.query_param("meal");
  if (f.meal && !is_meal(*f.meal)) errors.push_back({"meal", "breakfast, lunch or dinner"});
  f.kind = req.query_param("kind");
  if (f.kind && !is_order_kind(*f.kind)) errors.push_back({"kind", "counter or delivery"});
  if (!errors.empty()) return Status::Unprocessable("bad order filter", std::move(errors));
  return f;
}

void diner_lookup(OrderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<DinerQuery> q = read_diner_query(req);
  if (!q.ok()) return reply(http::problem(q.status()));
  service.diners(*id, std::move(*q), caller_of(req),
                 [reply = std::move(reply)](Result<std::vector<DinerView>> r) {
                   if (!r.ok()) return reply(http::problem(r.status()));
                   reply(http::json_response(dump_json(diners_json(*r))));
                 });
}

void order_preview(OrderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<OrderRequest> in = read_order_request(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.preview(*id, std::move(*in), caller_of(req), answer_order(std::move(reply), 200, false));
}

void order_create(OrderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<OrderRequest> in = read_order_request(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.create(*id, std::move(*in), caller_of(req), answer_order(std::move(reply), 201));
}

void order_list(OrderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<OrderFilter> f = read_order_filter(req, service.today());
  if (!f.ok()) return reply(http::problem(f.status()));
  service.list(*id, std::move(*f), caller_of(req),
               [reply = std::move(reply)](Result<std::vector<Order>> r) {
                 if (!r.ok()) return reply(http::problem(r.status()));
                 reply(http::json_response(dump_json(orders_json(*r))));
               });
}

void order_cancel(OrderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<std::string> note = read_cancel_note(req.body);
  if (!note.ok()) return reply(http::problem(note.status()));
  std::optional<int64_t> order_id = req.path_id("order_id");
  if (!order_id) return reply(http::problem(Status::NotFound("no order with that id")));
  service.cancel(*id, *order_id, std::move(*note), caller_of(req),
                 answer_order(std::move(reply), 200));
}

}  // namespace

void register_order_routes(http::Router& router, std::shared_ptr<OrderService> service) {
  using http::Method;
  using http::Role;
  const std::string canteen = std::string(kCanteensApi) + "/{id}";
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kKeeper});
  router.add(Method::kGet, canteen + "/diners", staff, order_handler(service, diner_lookup),
             {.summary = "Find a diner by card, phone or full name, masked (its staff; audited)"});
  router.add(Method::kPost, canteen + "/orders/preview", staff,
             order_handler(service, order_preview),
             {.body_limit = 8192, .summary = "Price an order as it would be now; nothing stored"});
  router.add(
      Method::kPost, canteen + "/orders", staff, order_handler(service, order_create),
      {.body_limit = 8192, .summary = "Ring up a counter meal or book a delivery (its staff)"});
  router.add(Method::kGet, canteen + "/orders", staff, order_handler(service, order_list),
             {.summary = "A canteen's orders of a day, newest first (?date=&meal=&kind=)"});
  router.add(Method::kPost, canteen + "/orders/{order_id}/cancel", staff,
             order_handler(service, order_cancel),
             {.body_limit = 4096, .summary = "Cancel an order (its staff)"});
}

}  // namespace warmcity::canteens
