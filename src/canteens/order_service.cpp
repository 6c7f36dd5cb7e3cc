// The meal orders' service (order_service.h).
#include "canteens/order_service.h"

#include <utility>

#include "accounts/audit.h"
#include "canteens/menu_store.h"
#include "canteens/subsidy_engine.h"
#include "canteens/subsidy_service.h"
#include "core/phone.h"
#include "eldercare/card_store.h"
#include "eldercare/elder.h"
#include "eldercare/elder_store.h"
#include "eldercare/elder_timeline.h"
#include "store/turn.h"

namespace warmcity::canteens {

namespace {

// A personal-data read of elder `elder_id` for `purpose`. canteen_id stays
// the detail's last key: elder_known_here finds a lookup's row by it.
accounts::AuditEntry order_read_audit(const Caller& by, int64_t elder_id, int64_t canteen_id,
                                      const std::vector<std::string>& fields, const char* purpose,
                                      const char* via) {
  return audit_entry(by, "personal_data.read", "elder", std::to_string(elder_id),
                     accounts::AuditDetail()
                         .add_strings("fields", fields)
                         .add("view", "masked")
                         .add("purpose", purpose)
                         .add("via", via)
                         .add("canteen_id", canteen_id)
                         .str());
}

// Appends `entries` in one write job, then answers `value`.
template <class T>
void order_audit_then_answer(store::Database& db, std::vector<accounts::AuditEntry> entries,
                             int64_t at, T value, OrderDone<T> done) {
  auto out = std::make_shared<T>(std::move(value));
  auto rows = std::make_shared<std::vector<accounts::AuditEntry>>(std::move(entries));
  db.submit(
      [rows, at](store::Connection& c) {
        for (const accounts::AuditEntry& e : *rows) {
          if (Status s = accounts::append_audit(c, e, at); !s.ok()) return s;
        }
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

std::string order_mask_card(const std::string& number) {
  if (number.size() <= 4) return std::string(number.size(), '*');
  return std::string(number.size() - 4, '*') + number.substr(number.size() - 4);
}

// The diner's record: by card, by id, or none (not an elder). By id only for
// an elder this canteen already has a link to (order_store.h
// elder_known_here), or for an admin: a cashier cannot reach a stranger's
// record by trying ids (the same NotFound as an unknown id).
Result<std::optional<eldercare::ElderTimeline>> order_diner_of(store::Connection& c,
                                                               int64_t canteen_id, const Diner& d,
                                                               const Caller& by) {
  if (d.card) {
    Result<eldercare::ElderTimeline> t = elder_by_card(c, *d.card);
    if (!t.ok()) return t.status();
    return std::optional<eldercare::ElderTimeline>(std::move(*t));
  }
  if (d.elder_id) {
    if (by.role != "admin") {
      Result<bool> known = elder_known_here(c, canteen_id, *d.elder_id);
      if (!known.ok()) return known.status();
      if (!*known) return Status::NotFound("no elder with that id");
    }
    Result<eldercare::ElderTimeline> t = eldercare::elder_timeline(c, *d.elder_id);
    if (!t.ok()) {
      return t.status().code() == Code::kNotFound ? Status::NotFound("no elder with that id")
                                                  : t.status();
    }
    return std::optional<eldercare::ElderTimeline>(std::move(*t));
  }
  return std::optional<eldercare::ElderTimeline>();
}

Status order_month_open(store::Connection& c, int64_t canteen_id, core::LocalDate date) {
  const std::string month = core::format_date(date).substr(0, 7);
  Result<bool> closed = month_closed(c, canteen_id, month);
  if (!closed.ok()) return closed.status();
  if (*closed) return Status::Conflict("the month " + month + " is closed for settlement");
  return Status::Ok();
}

std::string order_detail(const Order& o) {
  accounts::AuditDetail d;
  d.add("canteen_id", o.canteen_id)
      .add("kind", o.kind)
      .add("date", core::format_date(o.date))
      .add("meal", o.meal)
      .add("status", o.status)
      .add("price_fen", o.price_fen)
      .add("subsidy_fen", o.subsidy_fen);
  if (o.elder_id) d.add("elder_id", *o.elder_id);
  return d.str();
}

}  // namespace

int64_t OrderService::now() const { return now_ ? now_() : core::now_unix(); }
core::LocalDate OrderService::today() const { return core::local_date_of(now()); }

Result<Order> OrderService::build(store::Connection& c, int64_t canteen_id, const OrderRequest& r,
                                  const Caller& by, int64_t at, bool to_write) const {
  Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
  if (!canteen.ok()) return canteen.status();
  if (Status s = check_order_request(r, at); !s.ok()) return s;
  if (Status s = order_month_open(c, canteen->id, r.date); !s.ok()) return s;
  Result<std::vector<MealPrice>> menu = meal_prices(c, canteen->id, r.date, r.meal);
  if (!menu.ok()) return menu.status();
  Result<std::vector<OrderLine>> lines = order_lines(r.lines, *menu);
  if (!lines.ok()) return lines.status();
  Result<std::optional<eldercare::ElderTimeline>> diner =
      order_diner_of(c, canteen->id, r.diner, by);
  if (!diner.ok()) return diner.status();

  Order o;
  o.canteen_id = canteen->id;
  o.kind = r.kind;
  o.date = r.date;
  o.meal = r.meal;
  o.status = r.kind == "counter" ? "served" : "booked";
  o.lines = std::move(*lines);
  o.created_at = o.updated_at = at;
  o.created_by = by.user_id;
  MealToPrice meal{r.date, parse_meal(r.meal).value_or(Meal::kLunch), lines_price(o.lines), 0, 0};
  Quote q;
  if (!*diner) {
    q = quote(nullptr, std::nullopt, meal);
  } else {
    const eldercare::ElderTimeline& her = **diner;
    if (r.kind == "delivery" && her.closed) {
      return Status::Unprocessable("her record is closed", {{"diner", "her record is closed"}});
    }
    o.elder_id = her.id;
    o.elder_name_masked = core::mask_name(her.name);
    if (to_write) {
      // Another instance's till ringing her up now commits before we read.
      if (Status s = store::wait_turn(c, "canteen_orders.elder:" + std::to_string(her.id));
          !s.ok()) {
        return s;
      }
    }
    Result<bool> taken = slot_taken(c, her.id, r.date, r.meal);
    if (!taken.ok()) return taken.status();
    if (*taken) {
      q = quote(nullptr, std::nullopt, meal);
      q.reason = "同一餐次第二份，按原价";
      o.flag = "second_in_slot";
    } else {
      Result<SubsidySoFar> so_far = subsidy_so_far(c, her.id, r.date);
      if (!so_far.ok()) return so_far.status();
      meal.subsidised_today_fen = so_far->day_fen;
      meal.subsidised_month_fen = so_far->month_fen;
      Result<ElderQuote> priced = price_for_elder(c, her, meal);
      if (!priced.ok()) return priced.status();
      q = std::move(priced->quote);
    }
  }
  o.price_fen = q.price_fen;
  o.subsidy_fen = q.subsidy_fen;
  o.pays_fen = q.pays_fen;
  o.subsidy_version_id = q.version_id;
  o.tier = q.tier.value_or("");
  o.reason = q.reason;
  return o;
}

void OrderService::preview(int64_t canteen_id, OrderRequest r, Caller by, OrderDone<Order> done) {
  const int64_t at = now();
  Result<Order> o = build(db_.reader(), canteen_id, r, by, at, false);
  if (!o.ok() || !o->elder_id) return done(std::move(o));
  std::vector<accounts::AuditEntry> rows{
      order_read_audit(by, *o->elder_id, o->canteen_id, {"name_masked", "birth_date", "categories"},
                       "canteen_order_preview", r.diner.card ? "card" : "elder_id")};
  order_audit_then_answer<Order>(db_, std::move(rows), at, std::move(*o), std::move(done));
}

void OrderService::create(int64_t canteen_id, OrderRequest r, Caller by, OrderDone<Order> done) {
  auto out = std::make_shared<Order>();
  auto in = std::make_shared<OrderRequest>(std::move(r));
  db_.submit(
      [this, canteen_id, in, by, out](store::Connection& c) {
        const int64_t at = now();
        Result<Order> o = build(c, canteen_id, *in, by, at, true);
        if (!o.ok()) return o.status();
        *out = std::move(*o);
        if (Status s = insert_order(c, *out); !s.ok()) return s;
        if (Status s = insert_order_event(c, out->id, "created", at, by.user_id, ""); !s.ok()) {
          return s;
        }
        return accounts::append_audit(c,
                                      audit_entry(by, "canteen_order.create", "canteen_order",
                                                  std::to_string(out->id), order_detail(*out)),
                                      at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void OrderService::list(int64_t canteen_id, OrderFilter filter, Caller by,
                        OrderDone<std::vector<Order>> done) {
  store::Connection& c = db_.reader();
  Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
  if (!canteen.ok()) return done(canteen.status());
  filter.canteen_id = canteen->id;
  Result<std::vector<Order>> orders = list_orders(c, filter);
  if (!orders.ok()) return done(orders.status());
  int64_t elders = 0;
  for (const Order& o : *orders) elders += o.elder_id ? 1 : 0;
  if (elders == 0) return done(std::move(orders));
  std::vector<accounts::AuditEntry> rows{
      audit_entry(by, "personal_data.read", "canteen", std::to_string(canteen->id),
                  accounts::AuditDetail()
                      .add_strings("fields", {"name_masked"})
                      .add("view", "masked")
                      .add("purpose", "canteen_orders")
                      .add("date", core::format_date(filter.date))
                      .add("elder_orders", elders)
                      .str())};
  order_audit_then_answer<std::vector<Order>>(db_, std::move(rows), now(), std::move(*orders),
                                              std::move(done));
}

void OrderService::cancel(int64_t canteen_id, int64_t order_id, std::string note, Caller by,
                          OrderDone<Order> done) {
  auto out = std::make_shared<Order>();
  auto why = std::make_shared<std::string>(std::move(note));
  db_.submit(
      [this, canteen_id, order_id, why, by, out](store::Connection& c) {
        const int64_t at = now();
        Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
        if (!canteen.ok()) return canteen.status();
        Result<Order> o = get_order(c, canteen->id, order_id);
        if (!o.ok()) return o.status();
        if (Status s = order_month_open(c, canteen->id, o->date); !s.ok()) return s;
        Result<std::string> status = cancel_status(*o, at);
        if (!status.ok()) return status.status();
        apply_cancel(*o, *status, at);
        *out = std::move(*o);
        if (Status s = update_order_outcome(c, *out); !s.ok()) return s;
        if (Status s = insert_order_event(c, out->id, out->status, at, by.user_id, *why); !s.ok()) {
          return s;
        }
        return accounts::append_audit(c,
                                      audit_entry(by, "canteen_order.cancel", "canteen_order",
                                                  std::to_string(out->id), order_detail(*out)),
                                      at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<std::vector<DinerView>> OrderService::find_diners(store::Connection& c,
                                                         const DinerQuery& q) const {
  std::vector<int64_t> ids;
  if (q.card) {
    Result<eldercare::ElderTimeline> t = elder_by_card(c, *q.card);
    if (t.ok() && !t->closed) ids.push_back(t->id);
    if (!t.ok() && t.status().code() != Code::kNotFound) return t.status();
  } else if (q.phone) {
    std::optional<std::string> form = eldercare::caller_id_form(*q.phone);
    if (!form) {
      return Status::Unprocessable("bad diner lookup", {{"phone", "not a phone number"}});
    }
    Result<std::vector<int64_t>> found = eldercare::elders_with_phone(c, *form);
    if (!found.ok()) return found.status();
    ids = std::move(*found);
  } else if (q.name) {
    Result<std::vector<int64_t>> found = open_elders_named(c, *q.name, kDinersMax);
    if (!found.ok()) return found.status();
    ids = std::move(*found);
  }
  if (ids.size() > static_cast<size_t>(kDinersMax)) ids.resize(kDinersMax);
  std::vector<DinerView> out;
  for (int64_t id : ids) {
    Result<eldercare::Elder> e = eldercare::get_elder(c, id);
    if (!e.ok()) return e.status();
    if (e->closed) continue;
    DinerView v;
    v.elder_id = e->id;
    v.name_masked = core::mask_name(e->name);
    if (!e->phones.empty()) v.phone_masked = core::mask_phone(e->phones.front());
    Result<eldercare::Card> card = eldercare::active_card(c, id);
    if (card.ok()) {
      v.card_masked = order_mask_card(card->number);
    } else if (card.status().code() != Code::kNotFound) {
      return card.status();
    }
    out.push_back(std::move(v));
  }
  return out;
}

void OrderService::diners(int64_t canteen_id, DinerQuery q, Caller by,
                          OrderDone<std::vector<DinerView>> done) {
  store::Connection& c = db_.reader();
  Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
  if (!canteen.ok()) return done(canteen.status());
  Result<std::vector<DinerView>> found = find_diners(c, q);
  if (!found.ok() || found->empty()) return done(std::move(found));
  const char* via = q.card ? "card" : q.phone ? "phone" : "name";
  std::vector<accounts::AuditEntry> rows;
  for (const DinerView& v : *found) {
    rows.push_back(order_read_audit(by, v.elder_id, canteen->id,
                                    {"name_masked", "phone_masked", "card_masked"},
                                    "canteen_diner_lookup", via));
  }
  order_audit_then_answer<std::vector<DinerView>>(db_, std::move(rows), now(), std::move(*found),
                                                  std::move(done));
}

}  // namespace warmcity::canteens
