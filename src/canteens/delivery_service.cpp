// Meal delivery's service (delivery_service.h).
#include "canteens/delivery_service.h"

#include "accounts/audit.h"
#include "canteens/delivery.h"
#include "canteens/menu.h"
#include "canteens/menu_store.h"
#include "canteens/order_store.h"
#include "core/time.h"
#include "eldercare/card_store.h"
#include "eldercare/elder_store.h"
#include "eldercare/visit_store.h"

namespace warmcity::canteens {

namespace {

constexpr const char* kCodeWrong = "canteen.delivery_code_wrong";

Status audit_delivery(store::Connection& c, const Caller& by, const char* action, const Order& o,
                      int64_t at, accounts::AuditDetail d) {
  d.add("canteen_id", o.canteen_id);
  return accounts::append_audit(
      c, audit_entry(by, action, "canteen_order", std::to_string(o.id), d.str()), at);
}

Status delivery_bad_meal() {
  return Status::Unprocessable("bad meal", {{"meal", "breakfast, lunch or dinner"}});
}

// The delivery order `order_id` of the canteen, for its staff, when it may
// still change at `at`: booked, a delivery, its month open, and `at` on the
// meal's day (district time) — a meal is handed over or found not home on
// its day, never ahead (it would be billed and no longer cancellable).
Result<Order> open_delivery(store::Connection& c, int64_t canteen_id, int64_t order_id,
                            const Caller& by, int64_t at) {
  Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
  if (!canteen.ok()) return canteen.status();
  Result<Order> o = get_order(c, canteen_id, order_id);
  if (!o.ok()) return o.status();
  if (o->kind != "delivery" || !o->elder_id) {
    return Status::Conflict("the order is a counter meal, not a delivery");
  }
  if (o->status != "booked") return Status::Conflict("the order is " + o->status + ", not booked");
  const std::string month = core::format_date(o->date).substr(0, 7);
  Result<bool> closed = month_closed(c, canteen_id, month);
  if (!closed.ok()) return closed.status();
  if (*closed) return Status::Conflict("the month " + month + " is closed for settlement");
  if (o->date != core::local_date_of(at)) {
    return Status::Conflict("the meal is on " + core::format_date(o->date) +
                            ": it is handed over or recorded not home on that day only");
  }
  return o;
}

// Booked, delivered and not_home orders are on the round; cancelled ones are not.
bool is_delivery_stop(const std::string& status) {
  return status == "booked" || status == "delivered" || status == "not_home";
}

StopElder stop_elder(const eldercare::Elder& e) {
  return {e.id, e.name, e.address, e.lat, e.lon, e.phones.empty() ? "" : e.phones.front()};
}

// The stop of one order: its elder, its dishes' flags.
Result<DeliveryStop> stop_of(store::Connection& c, Order o) {
  DeliveryStop s;
  Result<eldercare::Elder> e = eldercare::get_elder(c, *o.elder_id);
  if (!e.ok()) return e.status();
  s.elder = stop_elder(*e);
  std::vector<std::vector<std::string>> tags, allergens;
  for (const OrderLine& l : o.lines) {
    Result<Dish> d = get_dish(c, o.canteen_id, l.dish_id);
    if (!d.ok()) continue;  // a dish gone from the canteen's list carries no flags
    tags.push_back(d->tags);
    allergens.push_back(d->allergens);
  }
  s.diet = merged_codes(tags, tag_names());
  s.allergens = merged_codes(allergens, allergen_names());
  s.order = std::move(o);
  return s;
}

}  // namespace

int64_t DeliveryService::now() const { return now_ ? now_() : core::now_unix(); }

void DeliveryService::deliveries(int64_t canteen_id, std::string date, std::string meal, Caller by,
                                 DeliveryDone<DeliveryDay> done) {
  Result<core::LocalDate> day = core::parse_date(date);
  if (!day.ok()) {
    return done(Status::Unprocessable("bad date", {{"date", "a day as YYYY-MM-DD"}}));
  }
  if (!is_meal(meal)) return done(delivery_bad_meal());
  auto out = std::make_shared<DeliveryDay>();
  out->date = date;
  out->meal = meal;
  OrderFilter f;
  f.canteen_id = canteen_id;
  f.date = *day;
  f.meal = meal;
  f.kind = "delivery";
  db_.submit(
      [this, canteen_id, f, by, out](store::Connection& c) {
        Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
        if (!canteen.ok()) return canteen.status();
        Result<std::vector<Order>> orders = list_orders(c, f);
        if (!orders.ok()) return orders.status();
        Result<std::vector<int64_t>> route = saved_route(c, canteen_id, out->meal);
        if (!route.ok()) return route.status();
        std::vector<DeliveryStop> stops;
        std::vector<StopKey> keys;
        std::vector<int64_t> ids;
        for (Order& o : *orders) {
          if (!is_delivery_stop(o.status) || !o.elder_id) continue;
          Result<DeliveryStop> s = stop_of(c, std::move(o));
          if (!s.ok()) return s.status();
          keys.push_back({s->order.id, s->elder.elder_id, s->elder.name});
          ids.push_back(s->order.id);
          stops.push_back(std::move(*s));
        }
        std::vector<int64_t> event_ids;
        Result<std::vector<DeliveryEvent>> events = delivery_events(c, ids, event_ids);
        if (!events.ok()) return events.status();
        for (size_t i = 0; i < events->size(); ++i) {
          for (DeliveryStop& s : stops) {
            if (s.order.id != event_ids[i]) continue;
            const DeliveryEvent& ev = (*events)[i];
            if (ev.kind == "delivered") s.handover = Handover{ev.proof, ev.at};
            if (ev.kind == "not_home") s.not_home = NotHome{ev.at, ev.visit_id};
          }
        }
        std::vector<int64_t> elder_ids;
        for (size_t i : route_order(*route, keys)) {
          stops[i].position = static_cast<int>(out->stops.size()) + 1;
          elder_ids.push_back(stops[i].elder.elder_id);
          out->stops.push_back(std::move(stops[i]));
        }
        accounts::AuditDetail d;
        d.add_strings("fields", {"name", "address", "position", "phone"})
            .add("purpose", "canteen_delivery")
            .add("date", out->date)
            .add("meal", out->meal)
            .add_ints("elder_ids", elder_ids);
        return accounts::append_audit(
            c,
            audit_entry(by, "personal_data.read", "canteen", std::to_string(canteen_id), d.str()),
            now());
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<DeliveryRoute> DeliveryService::route(int64_t canteen_id, const std::string& meal,
                                             const Caller& by) {
  store::Connection& c = db_.reader();
  Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
  if (!canteen.ok()) return canteen.status();
  if (!is_meal(meal)) return delivery_bad_meal();
  Result<std::vector<int64_t>> ids = saved_route(c, canteen_id, meal);
  if (!ids.ok()) return ids.status();
  return DeliveryRoute{meal, std::move(*ids)};
}

void DeliveryService::set_route(int64_t canteen_id, DeliveryRoute r, Caller by,
                                DeliveryDone<DeliveryRoute> done) {
  if (!is_meal(r.meal)) return done(delivery_bad_meal());
  if (std::string why = route_ids_error(r.elder_ids); !why.empty()) {
    return done(Status::Unprocessable("bad route", {{"elder_ids", why}}));
  }
  auto out = std::make_shared<DeliveryRoute>(std::move(r));
  db_.submit(
      [this, canteen_id, by, out](store::Connection& c) {
        Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
        if (!canteen.ok()) return canteen.status();
        for (int64_t id : out->elder_ids) {
          Result<eldercare::Elder> e = eldercare::get_elder(c, id);
          if (e.status().code() == Code::kNotFound) {
            return Status::Unprocessable("bad route",
                                         {{"elder_ids", "no elder " + std::to_string(id)}});
          }
          if (!e.ok()) return e.status();
        }
        const int64_t at = now();
        if (Status s = replace_route(c, canteen_id, out->meal, out->elder_ids, at, by.user_id);
            !s.ok()) {
          return s;
        }
        accounts::AuditDetail d;
        d.add("meal", out->meal).add("stops", static_cast<int64_t>(out->elder_ids.size()));
        return accounts::append_audit(c,
                                      audit_entry(by, "canteen.delivery_route", "canteen",
                                                  std::to_string(canteen_id), d.str()),
                                      at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void DeliveryService::handover(int64_t canteen_id, int64_t order_id, HandoverInput in, Caller by,
                               DeliveryDone<Order> done) {
  if (in.proof != "code" && in.proof != "photo") {
    return done(Status::Unprocessable("bad proof", {{"proof", "code or photo"}}));
  }
  if (in.proof == "photo" && !photos_) {
    return done(Status::Unavailable("this server keeps no handover photos"));
  }
  auto out = std::make_shared<Order>();
  auto wrong = std::make_shared<bool>(false);
  db_.submit(
      [this, canteen_id, order_id, in = std::move(in), by, out, wrong](store::Connection& c) {
        const int64_t at = now();
        Result<Order> o = open_delivery(c, canteen_id, order_id, by, at);
        if (!o.ok()) return o.status();
        DeliveryEventRow ev{o->id,    "delivered",  at,           by.user_id,
                            in.proof, std::nullopt, std::nullopt, ""};
        if (in.proof == "code") {
          Result<int64_t> tries = audited_since(c, kCodeWrong, o->id, at - kWrongCodeWindow);
          if (!tries.ok()) return tries.status();
          if (*tries >= kMaxWrongCodes) {
            return Status::ResourceExhausted(
                "5 wrong codes for this order within 10 minutes: try again later, or hand "
                "over with a photo");
          }
          Result<eldercare::Card> card = eldercare::active_card(c, *o->elder_id);
          if (card.status().code() == Code::kNotFound) {
            return Status::Unprocessable("she has no active red card: hand over with a photo",
                                         {{"code", "the elder has no active card, so no code"}});
          }
          if (!card.ok()) return card.status();
          if (!code_matches(handover_code(card->number).value_or(""), in.code)) {
            *wrong = true;
            return audit_delivery(c, by, kCodeWrong, *o, at, {});
          }
        } else {
          Result<photos::Photo> saved = photos_->save(in.photo->bytes, in.photo->type);
          if (!saved.ok()) return saved.status();
          ev.photo = saved->sha256 + "." + std::string(photos::extension(in.photo->type));
        }
        if (Status s = finish_booked_order(c, o->id, "delivered", at); !s.ok()) return s;
        if (Status s = append_delivery_event(c, ev); !s.ok()) return s;
        accounts::AuditDetail d;
        d.add("proof", in.proof);
        if (Status s = audit_delivery(c, by, "canteen.delivery_handover", *o, at, std::move(d));
            !s.ok()) {
          return s;
        }
        o->status = "delivered";
        *out = std::move(*o);
        return Status::Ok();
      },
      [out, wrong, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        if (*wrong) {
          return done(Status::Unprocessable(
              "wrong code", {{"code", "not the first 4 digits of her red card's number"}}));
        }
        done(std::move(*out));
      });
}

void DeliveryService::not_home(int64_t canteen_id, int64_t order_id, std::string note, Caller by,
                               DeliveryDone<NotHomeAnswer> done) {
  auto out = std::make_shared<NotHomeAnswer>();
  db_.submit(
      [this, canteen_id, order_id, note = std::move(note), by, out](store::Connection& c) {
        const int64_t at = now();
        Result<Order> o = open_delivery(c, canteen_id, order_id, by, at);
        if (!o.ok()) return o.status();
        Result<Canteen> canteen = find_canteen(c, canteen_id);
        if (!canteen.ok()) return canteen.status();
        Result<eldercare::Elder> e = eldercare::get_elder(c, *o->elder_id);
        if (!e.ok()) return e.status();
        if (e->closed) return Status::Conflict("her record is closed: it takes no visits");
        eldercare::Visit v;
        v.elder_id = e->id;
        v.grid_id = e->grid_id;
        v.community_id = e->community_id;
        v.team_id = e->team_id;
        v.visited_by = by.user_id;
        v.visited_at = at;
        v.how = "home";
        v.outcome = "nobody_answers";
        v.findings = "长者食堂送餐无人应答（" + canteen->name + "，订单 " + std::to_string(o->id) +
                     "）" + (note.empty() ? "" : "：" + note);
        v.recorded_at = at;
        v.escalation = "open";
        v.escalation_deadline = at + visit_rules_.escalation_seconds;
        if (Status s = eldercare::insert_visit(c, v); !s.ok()) return s;
        const std::string detail = accounts::AuditDetail()
                                       .add("visit_id", v.id)
                                       .add("how", v.how)
                                       .add("outcome", v.outcome)
                                       .add("channel", "canteen_delivery")
                                       .add("order_id", o->id)
                                       .str();
        if (Status s = eldercare::insert_event(c, {0, e->id, at, by.user_id, "visit", detail});
            !s.ok()) {
          return s;
        }
        if (Status s = accounts::append_audit(
                c, audit_entry(by, "elder.visit", "elder", std::to_string(e->id), detail), at);
            !s.ok()) {
          return s;
        }
        if (Status s = finish_booked_order(c, o->id, "not_home", at); !s.ok()) return s;
        if (Status s = append_delivery_event(
                c, {o->id, "not_home", at, by.user_id, "", std::nullopt, v.id, note});
            !s.ok()) {
          return s;
        }
        accounts::AuditDetail d;
        d.add("visit_id", v.id);
        if (Status s = audit_delivery(c, by, "canteen.delivery_not_home", *o, at, std::move(d));
            !s.ok()) {
          return s;
        }
        o->status = "not_home";
        *out = {std::move(*o), v.id};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::canteens
