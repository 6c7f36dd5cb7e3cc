// The subsidy rules' service (subsidy_service.h).
#include "canteens/subsidy_service.h"

#include <utility>

#include "accounts/audit.h"
#include "canteens/order_store.h"
#include "canteens/subsidy_store.h"
#include "core/phone.h"
#include "eldercare/card_store.h"
#include "eldercare/elder.h"
#include "eldercare/elder_timeline.h"

namespace warmcity::canteens {

namespace {

// A version takes effect at a day's start: never today (its morning's meals
// are sold) nor a past day.
Status after_today(const SubsidyRules& r, core::LocalDate today) {
  if (r.effective_from > today) return Status::Ok();
  const core::LocalDate tomorrow = core::civil_from_days(core::days_from_civil(today) + 1);
  return Status::Unprocessable(
      "a day's prices never change once it has begun",
      {{"effective_from", "must be after today (" + core::format_date(today) +
                              "): " + core::format_date(tomorrow) + " or later"}});
}

// The meal's day: today to kQuoteDaysAhead days ahead.
Status quotable(core::LocalDate day, core::LocalDate today) {
  const int64_t ahead = core::days_from_civil(day) - core::days_from_civil(today);
  if (ahead >= 0 && ahead <= kQuoteDaysAhead) return Status::Ok();
  const core::LocalDate last =
      core::civil_from_days(core::days_from_civil(today) + kQuoteDaysAhead);
  return Status::Unprocessable(
      "bad quote parameters",
      {{"date", "from today (" + core::format_date(today) + ") to " + core::format_date(last)}});
}

// Another version already effective from r's day (not r itself).
Status day_free(store::Connection& c, const SubsidyRules& r) {
  Result<std::optional<int64_t>> other = subsidy_version_from(c, r.effective_from);
  if (!other.ok()) return other.status();
  if (*other && **other != r.id) {
    return Status::Conflict("effective_from: version " + std::to_string(**other) +
                            " is already effective from " + core::format_date(r.effective_from));
  }
  return Status::Ok();
}

std::string audit_detail(const SubsidyRules& r) {
  return accounts::AuditDetail()
      .add("effective_from", core::format_date(r.effective_from))
      .add("tiers", static_cast<int64_t>(r.tiers.size()))
      .str();
}

// The elder on the meal's day, from her history; her categories those at
// the day's end (district time).
ElderOnDay elder_on(const eldercare::ElderTimeline& t, core::LocalDate day) {
  ElderOnDay e;
  const std::optional<int64_t> born = eldercare::birth_date_days(t.birth_date);
  e.birth_date = core::civil_from_days(born.value_or(0));
  const int64_t day_end = core::local_midnight_unix(day) + core::kSecondsPerDay - 1;
  e.statuses = eldercare::categories_at(t, day_end);
  return e;
}

}  // namespace

Result<eldercare::ElderTimeline> elder_by_card(store::Connection& c, const std::string& number) {
  static constexpr char kNoElder[] = "no elder with that card";
  Result<eldercare::Card> card = eldercare::card_by_number(c, number);
  if (!card.ok()) {
    return card.status().code() == Code::kNotFound ? Status::NotFound(kNoElder) : card.status();
  }
  if (!card->active) return Status::NotFound(kNoElder);
  Result<eldercare::ElderTimeline> t = eldercare::elder_timeline(c, card->elder_id);
  if (!t.ok() && t.status().code() == Code::kNotFound) return Status::NotFound(kNoElder);
  return t;
}

Result<ElderQuote> price_for_elder(store::Connection& c, const eldercare::ElderTimeline& t,
                                   const MealToPrice& meal) {
  Result<std::optional<SubsidyRules>> version = subsidy_version_on(c, meal.date);
  if (!version.ok()) return version.status();
  ElderQuote out;
  out.elder_id = t.id;
  out.elder_name_masked = core::mask_name(t.name);
  out.closed = t.closed && t.closed_at < core::local_midnight_unix(meal.date);
  if (out.closed) {
    out.quote = canteens::quote(nullptr, std::nullopt, meal);
    out.quote.reason = "服务对象记录已关闭，按原价";
  } else {
    out.quote = canteens::quote(*version ? &**version : nullptr, elder_on(t, meal.date), meal);
  }
  return out;
}

int64_t SubsidyService::now() const { return now_ ? now_() : core::now_unix(); }
core::LocalDate SubsidyService::today() const { return core::local_date_of(now()); }
core::LocalDate SubsidyService::rules_today(int64_t at) const {
  return seed_today_.value_or(core::local_date_of(at));
}

Result<SubsidyVersions> SubsidyService::versions() const {
  Result<std::vector<SubsidyRules>> all = list_subsidy_versions(db_.reader());
  if (!all.ok()) return all.status();
  SubsidyVersions out;
  out.today = today();
  if (const SubsidyRules* v = in_force(*all, out.today)) out.in_force_id = v->id;
  out.versions = std::move(*all);
  return out;
}

void SubsidyService::create(SubsidyRules r, Caller by, SubsidyDone<SubsidyRules> done) {
  auto out = std::make_shared<SubsidyRules>(std::move(r));
  db_.submit(
      [this, by, out](store::Connection& c) {
        const int64_t at = now();
        if (Status s = after_today(*out, rules_today(at)); !s.ok()) return s;
        if (Status s = day_free(c, *out); !s.ok()) return s;
        out->created_at = out->updated_at = at;
        out->created_by = out->updated_by = by.user_id;
        if (Status s = insert_subsidy_version(c, *out); !s.ok()) return s;
        return accounts::append_audit(c,
                                      audit_entry(by, "canteen_subsidy.create", "canteen_subsidy",
                                                  std::to_string(out->id), audit_detail(*out)),
                                      at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void SubsidyService::replace(int64_t id, SubsidyRules r, Caller by,
                             SubsidyDone<SubsidyRules> done) {
  auto out = std::make_shared<SubsidyRules>(std::move(r));
  out->id = id;
  db_.submit(
      [this, by, out](store::Connection& c) {
        const int64_t at = now();
        const core::LocalDate today = rules_today(at);
        Result<SubsidyRules> old = get_subsidy_version(c, out->id);
        if (!old.ok()) return old.status();
        if (old->effective_from <= today) {
          return Status::Conflict("version " + std::to_string(old->id) + " is in force since " +
                                  core::format_date(old->effective_from) +
                                  ": a version is changed only before its day; make a new one");
        }
        if (Status s = after_today(*out, today); !s.ok()) return s;
        if (Status s = day_free(c, *out); !s.ok()) return s;
        out->created_at = old->created_at;
        out->created_by = old->created_by;
        out->updated_at = at;
        out->updated_by = by.user_id;
        if (Status s = replace_subsidy_version(c, *out); !s.ok()) return s;
        return accounts::append_audit(c,
                                      audit_entry(by, "canteen_subsidy.replace", "canteen_subsidy",
                                                  std::to_string(out->id), audit_detail(*out)),
                                      at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<ElderQuote> SubsidyService::read_quote(int64_t canteen_id, const QuoteRequest& q,
                                              const Caller& by) const {
  store::Connection& c = db_.reader();
  Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
  if (!canteen.ok()) return canteen.status();
  if (Status s = quotable(q.date, today()); !s.ok()) return s;
  ElderQuote out;
  out.canteen_id = canteen->id;
  MealToPrice meal{q.date, q.meal, q.price_fen, 0, 0};
  if (!q.card) {
    out.quote = canteens::quote(nullptr, std::nullopt, meal);
    return out;
  }
  Result<eldercare::ElderTimeline> t = elder_by_card(c, *q.card);
  if (!t.ok()) return t.status();
  Result<SubsidySoFar> so_far = subsidy_so_far(c, t->id, q.date);
  if (!so_far.ok()) return so_far.status();
  meal.subsidised_today_fen = so_far->day_fen;
  meal.subsidised_month_fen = so_far->month_fen;
  Result<ElderQuote> priced = price_for_elder(c, *t, meal);
  if (!priced.ok()) return priced;
  priced->canteen_id = canteen->id;
  priced->subsidised_today_fen = so_far->day_fen;
  priced->subsidised_month_fen = so_far->month_fen;
  return priced;
}

void SubsidyService::quote(int64_t canteen_id, QuoteRequest q, Caller by,
                           SubsidyDone<ElderQuote> done) {
  Result<ElderQuote> read = read_quote(canteen_id, q, by);
  if (!read.ok() || !read->elder_id) return done(std::move(read));
  auto out = std::make_shared<ElderQuote>(std::move(*read));
  const std::string detail = accounts::AuditDetail()
                                 .add_strings("fields", {"name_masked", "birth_date", "categories"})
                                 .add("view", "masked")
                                 .add("purpose", "subsidy_quote")
                                 .add("via", "card")
                                 .add("canteen_id", out->canteen_id)
                                 .str();
  auto entry = std::make_shared<accounts::AuditEntry>(
      audit_entry(by, "personal_data.read", "elder", std::to_string(*out->elder_id), detail));
  db_.submit(
      [this, entry](store::Connection& c) { return accounts::append_audit(c, *entry, now()); },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::canteens
