#include "appeals/appeal_service.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <tuple>
#include <utility>

#include "accounts/tokens.h"
#include "appeals/appeal_store.h"
#include "appeals/category_store.h"
#include "appeals/deadlines.h"
#include "appeals/steps.h"
#include "core/geo.h"
#include "core/phone.h"
#include "core/time.h"
#include "core/utf8.h"
#include "photos/photos.h"
#include "rates/rates.h"
#include "rates/rollup.h"
#include "rates/stamped_cache.h"
#include "store/job_runs.h"
#include "store/turn.h"

namespace warmcity::appeals {

namespace {

constexpr int kSweepBatch = 500;
constexpr size_t kMaxDescription = 4000;
constexpr int kMaxSimilar = 20;

bool holds(const std::vector<int64_t>& ids, const std::optional<int64_t>& id) {
  return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

// Whether the appeal lies in, or is assigned to, one of `areas`.
bool in_any_area(const Appeal& a, const std::vector<int64_t>& areas) {
  return holds(areas, a.subdistrict_id) || holds(areas, a.community_id) ||
         holds(areas, a.grid_id) || holds(areas, a.assigned_area_id);
}

// The field rules of a new appeal that need no database.
std::vector<FieldError> check_fields(const NewAppeal& in) {
  std::vector<FieldError> errors;
  std::optional<size_t> length = core::utf8_length(in.description);
  if (!length || *length < 1 || *length > kMaxDescription) {
    errors.push_back({"description", "1 to 4000 characters of plain text"});
  }
  if (in.lat.has_value() != in.lon.has_value()) {
    errors.push_back({in.lat ? "lon" : "lat", "lat and lon go together"});
  } else if (in.lat && (!core::valid_lat(*in.lat) || !core::valid_lon(*in.lon))) {
    errors.push_back({"lat", "not a WGS-84 position"});
  }
  if (in.address) {
    std::optional<size_t> n = core::utf8_length(*in.address);
    if (!n || *n < 1 || *n > 200) errors.push_back({"address", "1 to 200 characters"});
  }
  if (!in.lat && !in.address)
    errors.push_back({"lat", "a point (lat, lon) or an address is required"});
  if (in.anonymous && in.contact) {
    errors.push_back({"contact", "an anonymous appeal carries no contact"});
  }
  if (!in.anonymous) {
    if (!in.contact) {
      errors.push_back({"contact", "required unless anonymous is true"});
    } else {
      std::optional<size_t> n = core::utf8_length(in.contact->name);
      if (!n || *n < 1 || *n > 32) errors.push_back({"contact.name", "1 to 32 characters"});
      if (!core::is_valid_phone(in.contact->phone)) {
        errors.push_back({"contact.phone", "a mainland mobile or a landline with area code"});
      }
    }
  }
  return errors;
}

// Who takes an assignee's step on an appeal dispatched to an area, for the
// refusal of anybody else ("" for other steps and appeals).
std::string who_takes(const Appeal& a, Step step) {
  const Transition* t = find_transition(a.state, step);
  if (!t || t->by != std::vector<Party>{Party::kAssignee} || assignee_areas(a).empty()) return "";
  return ": an appeal dispatched to an area is started, returned and replied to by the workers "
         "of that area or of an area containing it (its community, its sub-district), not by "
         "other grids or district staff";
}

std::optional<int64_t> id_of(const std::optional<areas::AreaRef>& ref) {
  return ref ? std::optional<int64_t>(ref->id) : std::nullopt;
}

// How many tracking codes a submission draws before it gives up.
constexpr int kCodeDraws = 5;

// Runs a submission's write job; when the tracking code it drew was taken
// (the job failed, its rows rolled back to its savepoint), runs it again as a
// new job, which draws another, up to `draws` jobs in all.
void submit_drawing_codes(store::Database& db, std::shared_ptr<const store::Database::WriteJob> job,
                          bool replayable, store::Database::Done done, int draws) {
  store::Database::WriteJob run = [job](store::Connection& c) { return (*job)(c); };
  if (replayable) run = store::Replayable{std::move(run)};
  db.submit(std::move(run), [&db, job, replayable, done = std::move(done), draws](const Status& s) {
    if (draws > 1 && tracking_code_taken(s)) {
      return submit_drawing_codes(db, job, replayable, done, draws - 1);
    }
    done(s);
  });
}

}  // namespace

AppealService::AppealService(store::Database& db, accounts::AuditLog& audit, Config config,
                             Locator locate, CalendarSource calendar, photos::PhotoStore photos)
    : db_(db),
      audit_(audit),
      config_(std::move(config)),
      locate_(std::move(locate)),
      calendar_(std::move(calendar)),
      photos_(std::move(photos)),
      counts_cache_(std::make_unique<CountsCache>()) {}

Result<std::unique_ptr<AppealService>> AppealService::open(store::Database& db,
                                                           accounts::AuditLog& audit, Config config,
                                                           Locator locate,
                                                           CalendarSource calendar) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  if (config.photo_dir.empty()) return Status::InvalidArgument("appeals: no photo directory");
  Result<photos::PhotoStore> photos =
      photos::PhotoStore::open(config.photo_dir, config.photo_quota_bytes);
  if (!photos.ok()) return photos.status();
  const int interval = config.sweep_interval_s;
  std::unique_ptr<AppealService> s(new AppealService(
      db, audit, std::move(config), std::move(locate), std::move(calendar), std::move(*photos)));
  if (Status loaded = s->reload_categories(); !loaded.ok()) return loaded;
  if (interval > 0) s->sweeper_ = std::thread([p = s.get()] { p->sweeper(); });
  return s;
}

AppealService::~AppealService() { stop(); }

void AppealService::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  slow_->shutdown();  // queued submissions have nobody left to answer
}

void AppealService::sweeper() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::seconds(config_.sweep_interval_s));
    if (stopping_) break;
    lock.unlock();
    sweep(now(), [](Result<int64_t>) {});
    lock.lock();
  }
}

int64_t AppealService::now() const { return config_.now ? config_.now() : core::now_unix(); }

std::shared_ptr<const core::Calendar> AppealService::calendar() const {
  std::shared_ptr<const core::Calendar> c = calendar_ ? calendar_() : nullptr;
  return c ? c : std::make_shared<const core::Calendar>();
}

// --- permissions ---------------------------------------------------------

std::vector<Party> AppealService::parties(const Appeal& a, const Caller& by) const {
  const bool member = holds(by.organisation_ids, a.assigned_org_id);
  const std::vector<int64_t> serving = assignee_areas(a);
  const bool serves_area = std::any_of(serving.begin(), serving.end(),
                                       [&](int64_t id) { return holds(by.area_ids, id); });
  const bool reporter = by.user_id && a.reporter_user_id == by.user_id;
  // A worker outside the appeal's areas takes no staff part in it.
  const bool outside = by.role == "worker" && !works_on(a, by);
  return parties_of(outside ? std::string_view() : std::string_view(by.role), member, serves_area,
                    reporter);
}

bool AppealService::works_on(const Appeal& a, const Caller& by) const {
  return by.works_everywhere() || (by.role == "worker" && in_any_area(a, by.area_ids));
}

bool AppealService::records_callback(const Appeal& a, const Caller& by) const {
  if (by.user_id && a.reporter_user_id == by.user_id) return true;
  return by.works_everywhere() || (by.role == "worker" && holds(by.area_ids, a.community_id));
}

bool AppealService::may_read(const Appeal& a, const Caller& by) const {
  if (by.user_id && a.reporter_user_id == by.user_id) return true;
  return reads_internal_events(a, by);
}

bool AppealService::reads_internal_events(const Appeal& a, const Caller& by) const {
  if (works_on(a, by)) return true;
  return by.role == "department" && holds(by.organisation_ids, a.assigned_org_id);
}

ContactView AppealService::contact_view(const Appeal& a, const Caller& by) const {
  if (!a.contact) return ContactView::kNone;
  if (by.user_id && a.reporter_user_id == by.user_id) return ContactView::kFull;
  return ContactView::kMasked;
}

std::vector<Step> AppealService::allowed(const Appeal& a, const Caller& by) const {
  std::vector<Step> steps = allowed_steps(a.state, parties(a, by));
  if (!records_callback(a, by)) std::erase(steps, Step::kCallback);
  return steps;
}

// --- writes --------------------------------------------------------------

void AppealService::submit(NewAppeal in, Caller by, Done<Appeal> done) {
  if (staff_channel(in.channel) && !by.is_staff()) {
    return done(Status::PermissionDenied(
        "only staff record appeals taken by phone, at a liaison station or on a visit"));
  }
  std::vector<FieldError> errors = check_fields(in);
  Result<Category> cat = category(in.category_code);
  if (!cat.ok() && cat.status().code() != Code::kNotFound) return done(cat.status());
  if (!cat.ok() || !cat->active) {
    errors.push_back({"category", "no such appeal category"});
  }
  std::string answers = "{}";
  if (cat.ok() && cat->active) {
    Result<std::string> checked = check_answers(*cat, in.answers);
    if (!checked.ok()) {
      for (const FieldError& e : checked.status().field_errors()) errors.push_back(e);
    } else {
      answers = std::move(*checked);
    }
  }
  if (!errors.empty()) return done(Status::Unprocessable("invalid appeal", std::move(errors)));

  auto a = std::make_shared<Appeal>();
  a->category_id = cat->id;
  a->channel = in.channel;
  a->state = State::kSubmitted;
  a->description = std::move(in.description);
  a->attributes_json = std::move(answers);
  a->lat = in.lat;
  a->lon = in.lon;
  a->address = std::move(in.address);
  if (in.lat && locate_) {
    areas::Location where = locate_(*in.lat, *in.lon);
    a->subdistrict_id = id_of(where.subdistrict);
    a->community_id = id_of(where.community);
    a->grid_id = id_of(where.grid);
  }
  a->reporter_user_id = by.user_id;
  a->anonymous = in.anonymous;
  if (!in.anonymous) a->contact = std::move(in.contact);
  const int64_t at = now();
  const Deadlines d = deadlines_for(cat->response_hours, cat->resolution_days, at, *calendar());
  a->submitted_at = at;
  a->response_due = d.response_due;
  a->resolution_due = d.resolution_due;
  const Clock clock = make_clock(at, d.response_due);
  a->clock_start = clock.start;
  a->due_at = clock.due;
  a->nearly_at = clock.nearly;
  a->updated_at = at;
  // Without a row of its own to write in the same job, a submission is
  // Replayable (store/job_runs.h): each run draws its code and token afresh,
  // and a batch's submissions reach PostgreSQL in one round trip.
  const bool replayable = !in.in_same_write;
  auto job = std::make_shared<const store::Database::WriteJob>(
      [this, a, by = std::move(by), also = std::move(in.in_same_write)](store::Connection& c) {
        // Every failure below is passed up as it came (also in_same_write's,
        // Open311's request row), so that the engine may hold the appeal's,
        // the photo token's and the event's INSERTs back and send them
        // together (the appeal's id is written when they are sent).
        c.defer_rowless_statements();
        a->tracking_code.clear();  // a fresh one each draw
        if (Status s = insert_appeal(c, *a); !s.ok()) return s;
        // Photos follow, one request each (add_photo), with this token.
        a->photo_token = accounts::new_token();
        if (Status s =
                insert_photo_token_of(c, a->tracking_code, accounts::hash_token(a->photo_token),
                                      a->submitted_at + kPhotoTokenSeconds);
            !s.ok()) {
          return s;
        }
        Event e;
        e.at = a->submitted_at;
        e.actor_user_id = by.user_id;
        e.actor_role = actor_role(by);
        e.action = "submit";
        e.to_state = State::kSubmitted;
        e.is_public = true;
        e.detail_json = accounts::AuditDetail().add("channel", channel_name(a->channel)).str();
        // The "submit" event (actor, role, channel) is the record of a
        // submission; the audit log keeps sign-ins, changes by staff and
        // personal-data reads, not every public submission.
        if (Status s = insert_event_of(c, a->tracking_code, e); !s.ok()) return s;
        if (!also) return Status::Ok();
        // The row in the same write needs the appeal's id now.
        if (Status s = store::send_held(c); !s.ok()) return s;
        return also(c, *a);
      });
  submit_drawing_codes(
      db_, std::move(job), replayable,
      [a, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*a);
      },
      kCodeDraws);
}

void AppealService::take_step(int64_t id, StepRequest req, Caller by, Done<Appeal> done) {
  auto out = std::make_shared<Appeal>();
  db_.submit(
      [this, id, out, req = std::move(req), by = std::move(by)](store::Connection& c) {
        Result<Appeal> a = get_appeal(c, id);
        if (!a.ok()) return a.status();
        // Every party may read the appeal; anyone else learns nothing of it
        // (not its state, not the steps it allows).
        if (!may_read(*a, by)) {
          return Status::PermissionDenied(
              "only staff of the appeal's areas, the assigned department and the reporter act "
              "on an appeal; a grid's appeal is worked by the workers of that grid, its community "
              "or its sub-district");
        }
        const std::vector<Party> who = parties(*a, by);
        if (std::optional<Refusal> no = check_step(a->state, req.step, who)) {
          const std::string allowed = steps_text(allowed_steps(a->state, who));
          const std::string step(step_name(req.step));
          if (*no == Refusal::kIllegalHere) {
            return Status::Conflict("step " + step + " is not possible while the appeal is " +
                                    std::string(state_name(a->state)) +
                                    "; allowed steps: " + allowed);
          }
          return Status::PermissionDenied("step " + step + " is not yours to take" +
                                          who_takes(*a, req.step) + "; allowed steps: " + allowed);
        }
        if (req.step == Step::kCallback && !records_callback(*a, by)) {
          return Status::PermissionDenied(
              "a callback is recorded by the appeal's own community or by district staff");
        }
        const int64_t at = now();
        std::shared_ptr<const core::Calendar> cal = calendar();
        StepContext ctx{c, by, at, *cal};
        if (Status s = apply_step(ctx, *a, req); !s.ok()) {
          // A merge target or organisation that does not exist.
          if (s.code() == Code::kConflict) {
            return Status::Unprocessable("invalid step",
                                         {{req.area_id ? "area_id" : "org_id", "no such target"}});
          }
          return s;
        }
        if (req.step == Step::kCallback && a->satisfaction == Satisfaction::kDissatisfied) {
          if (Status s = reopen_by_system(ctx, *a); !s.ok()) return s;
        }
        *out = std::move(*a);
        return audit_appeal(c, by, "appeal." + std::string(step_name(req.step)), id,
                            accounts::AuditDetail().add("state", state_name(out->state)).str(), at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*out);
      });
}

void AppealService::follow(int64_t id, Caller by, Done<int64_t> done) {
  if (!by.user_id) return done(Status::Unauthenticated("sign in to follow an appeal"));
  auto count = std::make_shared<int64_t>(0);
  db_.submit(
      [this, id, count, by = std::move(by)](store::Connection& c) {
        Result<Appeal> a = get_appeal(c, id);
        if (!a.ok()) return a.status();
        // The same words for a closed and a merged appeal, to readers and
        // to residents who found it nearby alike: no state, no merge target.
        if (!is_open(a->state)) return Status::Conflict("this appeal no longer takes followers");
        const int64_t at = now();
        Result<bool> added = add_follower(c, id, *by.user_id, at);
        if (!added.ok()) return added.status();
        *count = a->followers;
        if (!*added) return Status::Ok();
        a->followers += 1;
        a->updated_at = at;
        *count = a->followers;
        if (Status s = update_appeal(c, *a); !s.ok()) return s;
        return audit_appeal(c, by, "appeal.follow", id, "{}", at);
      },
      [count, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*count);
      });
}

void AppealService::add_photo(int64_t id, std::string bytes, std::optional<std::string> token,
                              Caller by, Done<Appeal> done) {
  Result<photos::CheckedPhoto> checked = photos::check_photo(bytes);
  if (!checked.ok()) return done(checked.status());
  auto out = std::make_shared<Appeal>();
  db_.submit(
      [this, id, out, checked = std::move(*checked), token = std::move(token),
       by = std::move(by)](store::Connection& c) -> Status {
        Result<Appeal> a = get_appeal(c, id);
        if (!a.ok()) return a.status();
        const int64_t at = now();
        bool allowed = by.user_id && a->reporter_user_id == by.user_id && is_open(a->state);
        if (!allowed && token) {
          Result<std::optional<PhotoToken>> held = find_photo_token(c, id);
          if (!held.ok()) return held.status();
          allowed =
              *held && (*held)->expires_at > at &&
              accounts::constant_time_equal(accounts::hash_token(*token), (*held)->token_hash);
        }
        if (!allowed) {
          return Status::PermissionDenied(
              "photos are added by the appeal's reporter while it is open, or within an hour of "
              "submitting with the photo_token of the submission's answer");
        }
        if (a->photos.size() >= kMaxPhotos) {
          return Status::Conflict("an appeal has at most 4 photos");
        }
        Result<Photo> saved = photos_.save(checked.bytes, checked.type);
        if (!saved.ok()) return saved.status();
        a->photos.push_back(std::move(*saved));
        if (Status s = set_photos(c, id, a->photos, at); !s.ok()) return s;
        *out = std::move(*a);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void AppealService::reveal_contact(int64_t id, Caller by, Done<Contact> done) {
  auto contact = std::make_shared<Contact>();
  db_.submit(
      [this, id, contact, by = std::move(by)](store::Connection& c) {
        Result<Appeal> a = get_appeal(c, id);
        if (!a.ok()) return a.status();
        std::vector<Party> who = parties(*a, by);
        const bool may = std::any_of(who.begin(), who.end(), [](Party p) {
          return p == Party::kDispatcher || p == Party::kAssignee;
        });
        if (!may) {
          return Status::PermissionDenied(
              "only dispatching staff and the assigned department see the contact");
        }
        if (!a->contact) return Status::NotFound("the appeal is anonymous: it has no contact");
        *contact = *a->contact;
        return audit_appeal(
            c, by, "personal_data.read", id,
            accounts::AuditDetail().add_strings("fields", {"contact_name", "contact_phone"}).str(),
            now());
      },
      [contact, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*contact);
      });
}

void AppealService::sweep(int64_t at, Done<int64_t> done) {
  auto count = std::make_shared<int64_t>(0);
  db_.submit(
      [at, count](store::Connection& c) {
        Result<bool> mine = store::take_turn(c, "appeals.sweep");
        if (!mine.ok()) return mine.status();
        if (!*mine) return Status::Ok();  // another instance sweeps now
        Result<std::vector<Appeal>> due = due_for_escalation(c, at, kSweepBatch);
        if (!due.ok()) return due.status();
        for (Appeal& a : *due) {
          const Urgency u = urgency_at(make_clock(*a.clock_start, *a.due_at), at);
          const int level = u == Urgency::kOverdue ? 2 : u == Urgency::kNearlyDue ? 1 : 0;
          if (level <= a.escalation) continue;
          a.escalation = level;
          if (Status s = update_appeal(c, a); !s.ok()) return s;
          Event e;
          e.appeal_id = a.id;
          e.at = at;
          e.actor_role = "system";
          e.action = "escalate";
          e.from_state = a.state;
          e.to_state = a.state;
          e.note = level == 2 ? "已超期,督办 (overdue)" : "即将超期,督办 (nearly due)";
          e.detail_json = accounts::AuditDetail()
                              .add("level", level == 2 ? "overdue" : "nearly_due")
                              .add("due_at", *a.due_at)
                              .str();
          if (Status s = insert_event(c, e); !s.ok()) return s;
          ++*count;
        }
        // The month aggregates catch up here too, so that submissions with
        // no step after them do not pile up for every read to add.
        return rates::roll_up(c);
      },
      [count, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*count);
      });
}

// --- reads -----------------------------------------------------------------

Result<Appeal> AppealService::get(int64_t id) const { return get_appeal(db_.reader(), id); }

Result<Appeal> AppealService::by_tracking_code(const std::string& code) const {
  return get_appeal_by_code(db_.reader(), code);
}

Result<std::vector<Event>> AppealService::events(int64_t id, bool public_only) const {
  return list_events(db_.reader(), id, public_only);
}

Result<std::map<int64_t, std::string>> AppealService::latest_public_notes(
    const std::vector<int64_t>& ids) const {
  return appeals::latest_public_notes(db_.reader(), ids);
}

Result<std::vector<Appeal>> AppealService::list(const AppealFilter& f) const {
  return list_appeals(db_.reader(), f);
}

namespace {

std::vector<int64_t> sorted_unique(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

// Whole months' counts by dimension and by what the caller may see (no
// narrowing, a department's organisations, a worker's areas), one row per cell.
struct AppealService::CountsCache {
  using Key = std::tuple<int64_t, CountBy, std::vector<int64_t>, std::vector<int64_t>>;
  rates::StampedCache<Key, std::vector<CountCell>> cells{
      {}, [](const std::vector<CountCell>& v) { return v.size(); }};
};

Result<std::vector<CountCell>> AppealService::counts(const CountQuery& q) const {
  store::Connection& c = db_.reader();
  const rates::Month month = rates::month_of(q.from);
  if (month.from != q.from || month.until != q.until) return count_appeals(c, q);
  Result<rates::RollupStamp> stamp = rates::rollup_stamp(c);
  if (!stamp.ok()) return stamp.status();
  using Cache = decltype(counts_cache_->cells);
  Result<Cache::Value> cells = counts_cache_->cells.get(
      {month.from, q.by, sorted_unique(q.assigned_org_ids), sorted_unique(q.area_ids)}, *stamp,
      [&]() -> Result<Cache::Computed> {
        Result<std::vector<CountCell>> read = count_appeals(c, q);
        if (!read.ok()) return read.status();
        Result<rates::RollupStamp> after = rates::rollup_stamp(c);
        if (!after.ok()) return after.status();
        return Cache::Computed{std::make_shared<const std::vector<CountCell>>(std::move(*read)),
                               *after == *stamp};
      });
  if (!cells.ok()) return cells.status();
  return **cells;
}

Result<std::vector<Appeal>> AppealService::supervision(
    int64_t now, const std::vector<int64_t>& org_ids, const std::vector<int64_t>& area_ids,
    const std::optional<SupervisionCursor>& after, int limit) const {
  return supervision_list(db_.reader(), now, org_ids, area_ids, after, limit);
}

Result<std::vector<Similar>> AppealService::similar(int64_t category_id, double lat, double lon,
                                                    Precision precision) const {
  const bool exact = precision == Precision::kExact;
  const double r = config_.similar_radius_m;
  // A published position lies up to ~8 m from the stored one: widen the box.
  const double dlat = (r + (exact ? 0 : 20)) / 111000.0 * 1.01;
  const double dlon = dlat / std::max(0.01, std::cos(lat * M_PI / 180.0));
  const int64_t since = now() - static_cast<int64_t>(config_.similar_days) * 86400;
  Result<std::vector<Appeal>> near =
      open_near(db_.reader(), category_id, since, lat, lon, dlat, dlon);
  if (!near.ok()) return near.status();
  std::vector<Similar> out;
  for (Appeal& a : *near) {
    const core::LatLon at{*a.lat, *a.lon};
    double d = core::distance_m({lat, lon}, exact ? at : core::public_position(at));
    if (d > r) continue;
    if (!exact) d = std::round(d / 10) * 10;
    out.push_back({std::move(a), d});
  }
  std::sort(out.begin(), out.end(),
            [](const Similar& x, const Similar& y) { return x.distance_m < y.distance_m; });
  if (out.size() > static_cast<size_t>(kMaxSimilar)) out.resize(kMaxSimilar);
  return out;
}

}  // namespace warmcity::appeals
