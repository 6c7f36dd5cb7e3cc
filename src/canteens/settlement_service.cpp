// Settlement's service (settlement_service.h).
#include "canteens/settlement_service.h"

#include "accounts/audit.h"
#include "core/local_month.h"
#include "core/time.h"
#include "core/utf8.h"

namespace warmcity::canteens {

namespace {

Status settlement_bad_month() {
  return Status::Unprocessable("bad month", {{"month", "a month as YYYY-MM"}});
}

Result<core::Month> settlement_month(const std::string& month) {
  Result<core::Month> m = core::parse_month(month);
  if (!m.ok()) return settlement_bad_month();
  return m;
}

bool may_read_settlement(const Canteen& canteen, const Caller& by) {
  return works_at(canteen, by) || by.role == "department";
}

Status settlement_admins_only(const Caller& by, const char* what) {
  if (by.role == "admin") return Status::Ok();
  return Status::PermissionDenied(std::string("only admins ") + what);
}

// The canteen, for a reader of its settlement.
Result<Canteen> settlement_canteen(store::Connection& c, int64_t canteen_id, const Caller& by) {
  Result<Canteen> canteen = find_canteen(c, canteen_id);
  if (!canteen.ok()) return canteen.status();
  if (!may_read_settlement(*canteen, by)) {
    if (by.role == "keeper") return Status::PermissionDenied("you do not work at this canteen");
    return Status::PermissionDenied(
        "a canteen's settlement: its staff, admins and department users");
  }
  return canteen;
}

std::string settlement_subject(int64_t canteen_id, const std::string& month) {
  return std::to_string(canteen_id) + "/" + month;
}

}  // namespace

int64_t SettlementService::now() const { return now_ ? now_() : core::now_unix(); }

Result<SettlementSummary> SettlementService::read_summary(store::Connection& c, int64_t canteen_id,
                                                          const std::string& month,
                                                          const Caller& by) const {
  Result<Canteen> canteen = settlement_canteen(c, canteen_id, by);
  if (!canteen.ok()) return canteen.status();
  if (!settlement_month(month).ok()) return settlement_bad_month();
  SettlementSummary out;
  out.canteen = std::move(*canteen);
  out.month = month;
  Result<MonthTotals> totals = month_totals(c, canteen_id, month);
  if (!totals.ok()) return totals.status();
  out.totals = std::move(*totals);
  Result<std::optional<MonthClosure>> closed = month_closure(c, canteen_id, month);
  if (!closed.ok()) return closed.status();
  out.closed = *closed;
  if (out.closed) {
    Result<std::string> name = name_of_(c, out.closed->closed_by);
    if (!name.ok()) return name.status();
    out.closed_by_name = std::move(*name);
  }
  Result<std::vector<SettlementAdjustment>> adjustments = month_adjustments(c, canteen_id, month);
  if (!adjustments.ok()) return adjustments.status();
  out.adjusted_subsidy_fen = out.closed ? out.closed->subsidy_fen : out.totals.subsidy_fen;
  for (SettlementAdjustment& a : *adjustments) {
    Result<std::string> name = name_of_(c, a.created_by);
    if (!name.ok()) return name.status();
    out.adjusted_subsidy_fen += a.subsidy_delta_fen;
    out.adjustments.push_back({std::move(a), std::move(*name)});
  }
  return out;
}

Result<SettlementSummary> SettlementService::summary(int64_t canteen_id, const std::string& month,
                                                     const Caller& by) const {
  return read_summary(db_.reader(), canteen_id, month, by);
}

void SettlementService::lines(int64_t canteen_id, const std::string& month, Caller by,
                              SettlementDone<SettlementLines> done) {
  store::Connection& c = db_.reader();
  Result<SettlementSummary> summary = read_summary(c, canteen_id, month, by);
  if (!summary.ok()) return done(summary.status());
  Result<std::vector<SettlementLine>> lines = month_lines(c, canteen_id, month);
  if (!lines.ok()) return done(lines.status());
  auto out =
      std::make_shared<SettlementLines>(SettlementLines{std::move(*summary), std::move(*lines)});
  int64_t elders = 0;
  for (const SettlementLine& l : out->lines) elders += l.elder_id ? 1 : 0;
  const std::string detail = accounts::AuditDetail()
                                 .add_strings("fields", {"name_masked"})
                                 .add("view", "masked")
                                 .add("purpose", "canteen_settlement")
                                 .add("canteen_id", canteen_id)
                                 .add("month", month)
                                 .add("elder_lines", elders)
                                 .str();
  auto entry = std::make_shared<accounts::AuditEntry>(audit_entry(
      by, "personal_data.read", "canteen_month", settlement_subject(canteen_id, month), detail));
  db_.submit(
      [this, entry](store::Connection& w) { return accounts::append_audit(w, *entry, now()); },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void SettlementService::close(int64_t canteen_id, const std::string& month, Caller by,
                              SettlementDone<SettlementSummary> done) {
  if (Status s = settlement_admins_only(by, "close a month"); !s.ok()) return done(s);
  Result<core::Month> m = settlement_month(month);
  if (!m.ok()) return done(m.status());
  auto out = std::make_shared<SettlementSummary>();
  const int64_t until = m->until;
  db_.submit(
      [this, canteen_id, month, by, until, out](store::Connection& c) {
        const int64_t at = now();
        Result<SettlementSummary> s = read_summary(c, canteen_id, month, by);
        if (!s.ok()) return s.status();
        if (s->closed) return Status::Conflict("the month " + month + " is closed already");
        if (at < until) {
          return Status::Conflict("the month " + month +
                                  " has not ended yet (district time): close it from the 1st "
                                  "of the next month");
        }
        if (s->totals.open_deliveries > 0) {
          return Status::Conflict(std::to_string(s->totals.open_deliveries) +
                                  " deliveries of the month are still open (booked, neither "
                                  "delivered, not-home nor cancelled)");
        }
        const MonthClosure closure{s->totals.meals, s->totals.subsidy_fen, at, by.user_id};
        if (Status st = insert_closure(c, canteen_id, month, closure); !st.ok()) return st;
        const std::string detail = accounts::AuditDetail()
                                       .add("canteen_id", canteen_id)
                                       .add("month", month)
                                       .add("meals", closure.meals)
                                       .add("subsidy_fen", closure.subsidy_fen)
                                       .str();
        if (Status st =
                accounts::append_audit(c,
                                       audit_entry(by, "canteen_settlement.close", "canteen_month",
                                                   settlement_subject(canteen_id, month), detail),
                                       at);
            !st.ok()) {
          return st;
        }
        Result<std::string> name = name_of_(c, by.user_id);
        if (!name.ok()) return name.status();
        s->closed = closure;
        s->closed_by_name = std::move(*name);
        s->adjusted_subsidy_fen = closure.subsidy_fen;  // a month just closed has no adjustments
        *out = std::move(*s);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void SettlementService::adjust(int64_t canteen_id, const std::string& month, AdjustmentInput in,
                               Caller by, SettlementDone<NamedAdjustment> done) {
  if (Status s = settlement_admins_only(by, "adjust a closed month"); !s.ok()) return done(s);
  if (!settlement_month(month).ok()) return done(settlement_bad_month());
  std::vector<FieldError> errors;
  if (in.subsidy_delta_fen == 0) errors.push_back({"subsidy_delta_fen", "a non-zero integer"});
  const std::optional<size_t> chars = core::utf8_length(in.reason);
  if (!chars || *chars < 1 || *chars > static_cast<size_t>(kMaxAdjustmentReason)) {
    errors.push_back({"reason", "1 to 200 characters"});
  }
  if (!errors.empty()) {
    return done(Status::Unprocessable("the adjustment is not valid", std::move(errors)));
  }
  auto out = std::make_shared<NamedAdjustment>();
  db_.submit(
      [this, canteen_id, month, in = std::move(in), by, out](store::Connection& c) {
        Result<Canteen> canteen = find_canteen(c, canteen_id);
        if (!canteen.ok()) return canteen.status();
        Result<std::optional<MonthClosure>> closed = month_closure(c, canteen_id, month);
        if (!closed.ok()) return closed.status();
        if (!*closed) {
          return Status::Conflict("the month " + month +
                                  " is not closed: an open month is corrected in its orders, "
                                  "a closed one by adjustments");
        }
        if (in.order_id) {
          Result<bool> found = order_in_month(c, *in.order_id, canteen_id, month);
          if (!found.ok()) return found.status();
          if (!*found) {
            return Status::NotFound("no order " + std::to_string(*in.order_id) + " of " + month +
                                    " at this canteen");
          }
        }
        const int64_t at = now();
        SettlementAdjustment a{0,         canteen_id, month,     in.order_id, in.subsidy_delta_fen,
                               in.reason, at,         by.user_id};
        if (Status st = insert_adjustment(c, a); !st.ok()) return st;
        accounts::AuditDetail d;
        d.add("canteen_id", canteen_id).add("month", month);
        d.add("subsidy_delta_fen", a.subsidy_delta_fen);
        if (a.order_id) d.add("order_id", *a.order_id);
        if (Status st = accounts::append_audit(
                c,
                audit_entry(by, "canteen_settlement.adjust", "canteen_settlement_adjustment",
                            std::to_string(a.id), d.str()),
                at);
            !st.ok()) {
          return st;
        }
        Result<std::string> name = name_of_(c, by.user_id);
        if (!name.ok()) return name.status();
        *out = NamedAdjustment{std::move(a), std::move(*name)};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<MealCounts> SettlementService::meal_counts(const std::string& month,
                                                  const Caller& by) const {
  if (by.role != "admin" && by.role != "department") {
    return Status::PermissionDenied("the canteens' meal counts: admins and department users");
  }
  if (!settlement_month(month).ok()) return settlement_bad_month();
  Result<std::vector<CanteenMonthCounts>> canteens = month_counts(db_.reader(), month);
  if (!canteens.ok()) return canteens.status();
  MealCounts out{month, std::move(*canteens), {}};
  for (const CanteenMonthCounts& k : out.canteens) {
    out.totals.meals += k.totals.meals;
    out.totals.subsidised_meals += k.totals.subsidised_meals;
    out.totals.full_price_meals += k.totals.full_price_meals;
    out.totals.subsidy_fen += k.totals.subsidy_fen;
    out.totals.deliveries += k.totals.deliveries;
    out.totals.not_home += k.totals.not_home;
    out.totals.open_deliveries += k.totals.open_deliveries;
  }
  return out;
}

}  // namespace warmcity::canteens
