// Activities and their series (activity_service.h).
#include "activities/activity_service.h"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "activities/new_activity.h"
#include "activities/places.h"
#include "core/time.h"
#include "store/turn.h"

namespace warmcity::activities {

using accounts::audit_entry;

namespace {

constexpr int64_t kShownBefore = int64_t{30} * 86400;  // GET: from 30 days ago
constexpr int64_t kShownAfter = int64_t{183} * 86400;  // … to 6 months ahead
constexpr char kActivityCancelledNote[] = "活动取消";
constexpr char kOccurrenceCancelledNote[] = "本场活动取消";

std::string activity_audit_detail(const ActivityRecord& a, size_t occurrences, size_t skipped) {
  return nlohmann::json{{"title", a.title},
                        {"organiser_org_id", a.organiser_org_id},
                        {"occurrences", occurrences},
                        {"skipped", skipped}}
      .dump();
}

// Reloads the occurrences by id, in the order given.
Status activity_reload(store::Connection& c, std::vector<OccurrenceRecord>& list) {
  for (OccurrenceRecord& o : list) {
    Result<OccurrenceRecord> fresh = load_occurrence(c, o.id);
    if (!fresh.ok()) return fresh.status();
    o = std::move(*fresh);
  }
  return Status::Ok();
}

Status activity_offer_raised(store::Connection& c, int64_t occurrence_id, int64_t now) {
  if (Status s = hold_occurrence(c, occurrence_id); !s.ok()) return s;
  Result<std::vector<Offer>> offers = offer_free_places(c, occurrence_id, now);
  return offers.status();
}

// Holds the occurrences in id order, each once.
Status activity_hold_all(store::Connection& c, std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (int64_t id : ids)
    if (Status s = hold_occurrence(c, id); !s.ok()) return s;
  return Status::Ok();
}

}  // namespace

ActivityService::ActivityService(store::Database& db, accounts::AuditLog& audit,
                                 CalendarSource calendar, std::function<int64_t()> now)
    : db_(db), audit_(audit), calendar_(std::move(calendar)), now_(std::move(now)) {}

int64_t ActivityService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate ActivityService::today() const { return core::local_date_of(now()); }

std::shared_ptr<const core::Calendar> ActivityService::calendar() const {
  if (calendar_) {
    if (std::shared_ptr<const core::Calendar> c = calendar_()) return c;
  }
  static const std::shared_ptr<const core::Calendar> none = std::make_shared<core::Calendar>();
  return none;
}

void ActivityService::write(std::function<Status(store::Connection&, ActivityWritten&)> job,
                            ActivityDone done) {
  auto out = std::make_shared<ActivityWritten>();
  db_.submit([job = std::move(job), out](store::Connection& c) { return job(c, *out); },
             [out, done = std::move(done)](const Status& s) { done(s, std::move(*out)); });
}

Result<std::vector<Organiser>> ActivityService::organisers(const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (by.is_resident()) return Status::PermissionDenied("residents do not organise activities");
  return organisers_of(db_.reader(), by);
}

Result<ActivityWritten> ActivityService::get(int64_t id) {
  store::Connection& c = db_.reader();
  ActivityWritten out;
  Result<ActivityRecord> a = load_activity(c, id);
  if (!a.ok()) return a.status();
  out.activity = std::move(*a);
  const int64_t t = now();
  Result<std::vector<OccurrenceRecord>> os =
      occurrences_of(c, id, t - kShownBefore, t + kShownAfter);
  if (!os.ok()) return os.status();
  out.occurrences = std::move(*os);
  return out;
}

Result<std::vector<ActivityRecord>> ActivityService::organiser_activities(const std::string& status,
                                                                          const Caller& by) {
  store::Connection& c = db_.reader();
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (by.is_admin()) return activities_of(c, std::nullopt, status);
  Result<std::vector<Organiser>> orgs = organisers_of(c, by);
  if (!orgs.ok()) return orgs.status();
  if (orgs->empty()) return Status::PermissionDenied("only organiser staff and admins");
  std::vector<int64_t> ids;
  for (const Organiser& o : *orgs) ids.push_back(o.id);
  return activities_of(c, ids, status);
}

Result<OccurrencePage> ActivityService::find(OccurrenceFilter f) {
  Result<std::vector<OccurrenceItem>> items = find_occurrences(db_.reader(), f);
  if (!items.ok()) return items.status();
  OccurrencePage page;
  page.items = std::move(*items);
  if (static_cast<int>(page.items.size()) > f.limit) {
    page.items.resize(f.limit);
    page.next = std::make_pair(page.items.back().o.starts_at, page.items.back().o.id);
  }
  return page;
}

Result<OccurrenceRecord> ActivityService::occurrence(int64_t id) {
  return load_occurrence(db_.reader(), id);
}

void ActivityService::create(ActivityFields f, Caller by, ActivityDone done) {
  write(
      [this, f = std::move(f), by](store::Connection& c, ActivityWritten& out) mutable -> Status {
        Result<int64_t> organiser = organiser_for_new(c, by, f.organiser_org_id, "activities");
        if (!organiser.ok()) return organiser.status();
        Result<std::optional<VenueRecord>> venue = place_of_new(c, f);
        if (!venue.ok()) return venue.status();
        Result<std::vector<core::LocalDate>> dates = series_dates(f.series);
        if (!dates.ok()) return dates.status();
        if (*venue)
          if (Status s = hold_venue(c, (*venue)->id); !s.ok()) return s;
        const std::shared_ptr<const core::Calendar> cal = calendar();
        struct Planned {
          core::LocalDate date;
          int64_t starts_at, ends_at;
        };
        std::vector<Planned> planned;
        for (core::LocalDate d : *dates) {
          const int64_t s = occurrence_start(d, f.start_minute);
          const int64_t e = s + int64_t{f.duration_minutes} * 60;
          if (*venue) {
            Result<std::optional<Clash>> clash =
                clash_of(c, **venue, core::format_date(d), s, e, {}, *cal);
            if (!clash.ok()) return clash.status();
            if (*clash) {
              (f.skip_clashes ? out.skipped : out.clashes).push_back(std::move(**clash));
              continue;
            }
          }
          planned.push_back({d, s, e});
        }
        if (!out.clashes.empty()) return Status::Conflict("clash");
        if (planned.empty()) {
          out.clashes = std::move(out.skipped);
          out.skipped.clear();
          return Status::Conflict("clash");
        }
        const int64_t t = now();
        Result<int64_t> id = insert_activity(c, f, *organiser, by.user_id, t);
        if (!id.ok()) return id.status();
        int64_t seq = 0;
        for (const Planned& p : planned) {
          Result<int64_t> oid =
              insert_occurrence(c, *id, ++seq, p.date, p.starts_at, p.ends_at, f.capacity, t);
          if (!oid.ok()) return oid.status();
          OccurrenceRecord o;
          o.id = *oid;
          out.occurrences.push_back(o);
        }
        if (Status s = activity_reload(c, out.occurrences); !s.ok()) return s;
        Result<ActivityRecord> a = load_activity(c, *id);
        if (!a.ok()) return a.status();
        out.activity = std::move(*a);
        return audit_.append_job(audit_entry(
            by, "activity.create", "activity", std::to_string(*id),
            activity_audit_detail(out.activity, out.occurrences.size(), out.skipped.size())))(c);
      },
      std::move(done));
}

void ActivityService::update(int64_t id, SeriesPatch p, Caller by, ActivityDone done) {
  write(
      [this, id, p = std::move(p), by](store::Connection& c, ActivityWritten& out) -> Status {
        Result<ActivityRecord> old = load_activity(c, id);
        if (!old.ok()) return old.status();
        if (Status s = require_organiser(c, by, old->organiser_org_id); !s.ok()) return s;
        if (old->status == "cancelled") return Status::Conflict("activity_cancelled");
        ActivityRecord a = *old;
        if (p.title) a.title = *p.title;
        if (p.description) a.description = *p.description;
        if (p.capacity) a.capacity = *p.capacity;
        if (p.age_min) a.age_min = *p.age_min;
        if (p.age_max) a.age_max = *p.age_max;
        if (a.age_min && a.age_max && *a.age_max < *a.age_min)
          return Status::Unprocessable("bad ages", {{"age_max", "at least age_min"}});
        if (p.offer_window_minutes) a.offer_window_minutes = *p.offer_window_minutes;
        if (p.start_minute) a.start_minute = *p.start_minute;
        if (p.duration_minutes) a.duration_minutes = *p.duration_minutes;
        std::optional<VenueRecord> venue;
        // Occurrences use the activity's venue: a new one applies to every
        // date ahead, the detached ones too, and none may be skipped.
        const bool venue_changed = (p.venue_id && p.venue_id != old->venue_id) ||
                                   (p.address && (old->venue_id || *p.address != old->address));
        if (venue_changed && p.skip_clashes)
          return Status::Unprocessable(
              "a new venue applies to every date",
              {{"skip_clashes",
                "not with a change of venue: move or cancel the dates that clash"}});
        if (p.venue_id) {
          Result<std::optional<VenueRecord>> v = venue_named(c, p.venue_id);
          if (!v.ok()) return v.status();
          venue = std::move(**v);
          a.venue_id = venue->id;
          a.address.clear();
          a.community_id = venue->community_id ? venue->community_id : old->community_id;
        } else if (p.address) {
          a.venue_id.reset();
          a.address = *p.address;
        } else if (a.venue_id) {
          Result<std::optional<VenueRecord>> v = venue_named(c, a.venue_id);
          if (!v.ok()) return v.status();
          venue = std::move(**v);
        }
        const int64_t t = now();
        Result<std::vector<OccurrenceRecord>> ahead =
            occurrences_of(c, id, t + 1, std::numeric_limits<int64_t>::max());
        if (!ahead.ok()) return ahead.status();
        const bool moved = p.start_minute || p.duration_minutes || p.venue_id;
        // The venue's turn before the occurrences' (one order everywhere).
        if (venue && moved)
          if (Status s = hold_venue(c, venue->id); !s.ok()) return s;
        // Their places are read under their turns (a sign-up on another
        // instance cannot pass the capacity check), taken in id order.
        std::vector<int64_t> to_hold;
        for (const OccurrenceRecord& o : *ahead)
          if (o.status == "scheduled" && !o.detached) to_hold.push_back(o.id);
        if (Status s = activity_hold_all(c, std::move(to_hold)); !s.ok()) return s;
        Result<std::vector<OccurrenceRecord>> all =
            occurrences_of(c, id, t + 1, std::numeric_limits<int64_t>::max());
        if (!all.ok()) return all.status();
        const std::shared_ptr<const core::Calendar> cal = calendar();
        std::vector<OccurrenceRecord> change;
        std::vector<int64_t> raised;
        std::vector<std::string> past;
        for (OccurrenceRecord o : *all) {
          if (o.status != "scheduled") continue;
          if (o.detached) {
            // Its own date and times stay; only the new venue is checked.
            if (venue && venue_changed) {
              Result<std::optional<Clash>> clash =
                  clash_of(c, *venue, o.date, o.starts_at, o.ends_at, {id, std::nullopt}, *cal);
              if (!clash.ok()) return clash.status();
              if (*clash) out.clashes.push_back(std::move(**clash));
            }
            continue;
          }
          Result<core::LocalDate> d = core::parse_date(o.date);
          if (!d.ok()) return d.status();
          const int64_t before_capacity = o.capacity;
          o.starts_at = occurrence_start(*d, a.start_minute);
          o.ends_at = o.starts_at + int64_t{a.duration_minutes} * 60;
          o.capacity = a.capacity;
          if (o.starts_at <= t) {
            past.push_back(o.date);
            continue;
          }
          if (o.taken > o.capacity) out.capacity_below_taken.push_back(o.date);
          if (venue && moved) {
            Result<std::optional<Clash>> clash =
                clash_of(c, *venue, o.date, o.starts_at, o.ends_at, {id, std::nullopt}, *cal);
            if (!clash.ok()) return clash.status();
            if (*clash) {
              (p.skip_clashes ? out.skipped : out.clashes).push_back(std::move(**clash));
              continue;
            }
          }
          if (o.capacity > before_capacity) raised.push_back(o.id);
          change.push_back(o);
        }
        if (!past.empty()) {
          std::string dates;
          for (const std::string& d : past) dates += (dates.empty() ? "" : ", ") + d;
          return Status::Unprocessable("in the past",
                                       {{"start_time", "the new start has passed on " + dates}});
        }
        if (!out.clashes.empty()) return Status::Conflict("clash");
        if (!out.capacity_below_taken.empty()) return Status::Conflict("capacity_below_taken");
        a.updated_at = t;
        if (Status s = save_activity(c, a); !s.ok()) return s;
        for (const OccurrenceRecord& o : change)
          if (Status s = save_occurrence(c, o, t); !s.ok()) return s;
        for (int64_t occurrence_id : raised)
          if (Status s = activity_offer_raised(c, occurrence_id, t); !s.ok()) return s;
        out.occurrences = std::move(change);
        if (Status s = activity_reload(c, out.occurrences); !s.ok()) return s;
        Result<ActivityRecord> fresh = load_activity(c, id);
        if (!fresh.ok()) return fresh.status();
        out.activity = std::move(*fresh);
        return audit_.append_job(audit_entry(
            by, "activity.update", "activity", std::to_string(id),
            activity_audit_detail(out.activity, out.occurrences.size(), out.skipped.size())))(c);
      },
      std::move(done));
}

void ActivityService::cancel(int64_t id, std::string note, Caller by, ActivityDone done) {
  write(
      [this, id, note = std::move(note), by](store::Connection& c, ActivityWritten& out) -> Status {
        Result<ActivityRecord> a = load_activity(c, id);
        if (!a.ok()) return a.status();
        if (Status s = require_organiser(c, by, a->organiser_org_id); !s.ok()) return s;
        if (a->status == "cancelled") return Status::Conflict("already_cancelled");
        const int64_t t = now();
        if (Status s = cancel_activity_row(c, id, note, t); !s.ok()) return s;
        Result<std::vector<OccurrenceRecord>> all =
            occurrences_of(c, id, t + 1, std::numeric_limits<int64_t>::max());
        if (!all.ok()) return all.status();
        std::vector<int64_t> to_hold;
        for (const OccurrenceRecord& o : *all)
          if (o.status == "scheduled") to_hold.push_back(o.id);
        if (Status s = activity_hold_all(c, std::move(to_hold)); !s.ok()) return s;
        for (const OccurrenceRecord& o : *all) {
          if (o.status != "scheduled") continue;
          if (Status s =
                  cancel_occurrence_row(c, o.id, note, kActivityCancelledNote, by.user_id, t);
              !s.ok())
            return s;
        }
        Result<std::vector<OccurrenceRecord>> shown =
            occurrences_of(c, id, t - kShownBefore, t + kShownAfter);
        if (!shown.ok()) return shown.status();
        out.occurrences = std::move(*shown);
        Result<ActivityRecord> fresh = load_activity(c, id);
        if (!fresh.ok()) return fresh.status();
        out.activity = std::move(*fresh);
        return audit_.append_job(audit_entry(by, "activity.cancel", "activity", std::to_string(id),
                                             nlohmann::json{{"note", note}}.dump()))(c);
      },
      std::move(done));
}

void ActivityService::update_occurrence(int64_t id, OccurrencePatch p, Caller by,
                                        ActivityDone done) {
  write(
      [this, id, p, by](store::Connection& c, ActivityWritten& out) -> Status {
        // The venue's turn first, then the occurrence's (one order everywhere).
        Result<OccurrenceRecord> first = load_occurrence(c, id);
        if (!first.ok()) return first.status();
        Result<ActivityRecord> first_activity = load_activity(c, first->activity_id);
        if (!first_activity.ok()) return first_activity.status();
        if (first_activity->venue_id)
          if (Status s = hold_venue(c, *first_activity->venue_id); !s.ok()) return s;
        if (Status s = hold_occurrence(c, id); !s.ok()) return s;
        Result<OccurrenceRecord> old = load_occurrence(c, id);
        if (!old.ok()) return old.status();
        Result<ActivityRecord> a = load_activity(c, old->activity_id);
        if (!a.ok()) return a.status();
        if (Status s = require_organiser(c, by, a->organiser_org_id); !s.ok()) return s;
        const int64_t t = now();
        if (old->status == "cancelled") return Status::Conflict("occurrence_cancelled");
        if (old->starts_at <= t) return Status::Conflict("occurrence_started");
        Result<core::LocalDate> was = core::parse_date(old->date);
        if (!was.ok()) return was.status();
        OccurrenceRecord o = *old;
        const core::LocalDate date = p.date.value_or(*was);
        const int start_minute = p.start_minute.value_or(
            static_cast<int>((old->starts_at - core::local_midnight_unix(*was)) / 60));
        const int duration =
            p.duration_minutes.value_or(static_cast<int>((old->ends_at - old->starts_at) / 60));
        o.date = core::format_date(date);
        o.starts_at = occurrence_start(date, start_minute);
        o.ends_at = o.starts_at + int64_t{duration} * 60;
        if (p.capacity) o.capacity = *p.capacity;
        o.detached = true;
        if (o.starts_at <= t)
          return Status::Unprocessable("in the past", {{"start_time", "the new start has passed"}});
        if (o.taken > o.capacity) {
          out.capacity_below_taken.push_back(o.date);
          return Status::Conflict("capacity_below_taken");
        }
        Result<std::optional<VenueRecord>> venue = venue_named(c, a->venue_id);
        if (!venue.ok()) return venue.status();
        if (*venue) {
          const std::shared_ptr<const core::Calendar> cal = calendar();
          Result<std::optional<Clash>> clash =
              clash_of(c, **venue, o.date, o.starts_at, o.ends_at, {std::nullopt, id}, *cal);
          if (!clash.ok()) return clash.status();
          if (*clash) {
            if (!p.skip_clashes) {
              out.clashes.push_back(std::move(**clash));
              return Status::Conflict("clash");
            }
            out.skipped.push_back(std::move(**clash));
            out.activity = std::move(*a);
            out.occurrences.push_back(*old);
            return Status::Ok();
          }
        }
        if (Status s = save_occurrence(c, o, t); !s.ok()) return s;
        if (o.capacity > old->capacity)
          if (Status s = activity_offer_raised(c, id, t); !s.ok()) return s;
        out.occurrences.push_back(o);
        if (Status s = activity_reload(c, out.occurrences); !s.ok()) return s;
        out.activity = std::move(*a);
        return audit_.append_job(audit_entry(by, "occurrence.update", "activity_occurrence",
                                             std::to_string(id),
                                             nlohmann::json{{"activity_id", o.activity_id},
                                                            {"date", o.date},
                                                            {"starts_at", o.starts_at},
                                                            {"ends_at", o.ends_at},
                                                            {"capacity", o.capacity}}
                                                 .dump()))(c);
      },
      std::move(done));
}

void ActivityService::cancel_occurrence(int64_t id, std::string note, Caller by,
                                        ActivityDone done) {
  write(
      [this, id, note = std::move(note), by](store::Connection& c, ActivityWritten& out) -> Status {
        Result<OccurrenceRecord> o = load_occurrence(c, id);
        if (!o.ok()) return o.status();
        Result<ActivityRecord> a = load_activity(c, o->activity_id);
        if (!a.ok()) return a.status();
        if (Status s = require_organiser(c, by, a->organiser_org_id); !s.ok()) return s;
        const int64_t t = now();
        if (o->status == "cancelled") return Status::Conflict("occurrence_cancelled");
        if (o->starts_at <= t) return Status::Conflict("occurrence_started");
        if (Status s = cancel_occurrence_row(c, id, note, kOccurrenceCancelledNote, by.user_id, t);
            !s.ok())
          return s;
        out.occurrences.push_back(*o);
        if (Status s = activity_reload(c, out.occurrences); !s.ok()) return s;
        out.activity = std::move(*a);
        return audit_.append_job(
            audit_entry(by, "occurrence.cancel", "activity_occurrence", std::to_string(id),
                        nlohmann::json{{"activity_id", o->activity_id}, {"note", note}}.dump()))(c);
      },
      std::move(done));
}

}  // namespace warmcity::activities
