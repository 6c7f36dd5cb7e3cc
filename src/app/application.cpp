#include "app/application.h"

#include "accounts/resident_codes.h"
#include "accounts/user_roles.h"
#include "accounts/user_store.h"
#include "afterschool/afterschool_tables.h"
#include "afterschool/forget.h"
#include "app/data_paths.h"
#include "appeals/appeal_input.h"
#include "appeals/appeals.h"
#include "appeals/resident_appeals.h"
#include "areas/area_service.h"
#include "areas/area_store.h"
#include "calendar/calendar_module.h"
#include "canteens/delivery_service.h"
#include "canteens/menus.h"
#include "canteens/order_service.h"
#include "canteens/order_tables.h"
#include "canteens/sample_service.h"
#include "canteens/settlement_service.h"
#include "canteens/subsidy_service.h"
#include "clinics/clinic_store.h"
#include "clinics/module.h"
#include "eldercare/count_routes.h"
#include "eldercare/eldercare.h"
#include "eldercare/visit_raise.h"
#include "facilities/facilities.h"
#include "feedback/feedback.h"
#include "jobs/jobs.h"
#include "open311/open311.h"
#include "rates/rates_module.h"
#include "system/system.h"
#include "volunteers/duty_feed.h"
#include "volunteers/errand_feed.h"
#include "volunteers/module.h"

namespace warmcity::app {

accounts::PasswordCost password_cost_from_name(const std::string& name) {
  if (name == "moderate") return accounts::PasswordCost::kModerate;
  if (name == "minimum") return accounts::PasswordCost::kMinimum;
  return accounts::PasswordCost::kInteractive;
}

namespace {

// An appeal raised from a visit's finding (eldercare/visit_raise.h): read and
// submitted by the appeals module as POST /api/v1/appeals would, with her as
// the contact when the body names none. Never placed at her home: appeals are
// public (Open311), so the body must say where (the appeals module's 422). The
// visit's link commits in the appeal's own write job.
eldercare::AppealRaiser appeal_raiser(appeals::AppealService& service) {
  return [&service](std::string body, eldercare::AppealDefaults d, eldercare::Caller by,
                    eldercare::RaiseLink link, eldercare::Done<int64_t> done) {
    Result<appeals::NewAppeal> in = appeals::read_new_appeal(body, false);
    if (!in.ok()) return done(in.status());
    if (!in->contact && !in->anonymous) {
      in->contact = appeals::Contact{d.contact_name, d.contact_phone};
    }
    in->in_same_write = [link = std::move(link)](store::Connection& c, const appeals::Appeal& a) {
      return link(c, a.id);
    };
    appeals::Caller caller;
    caller.user_id = by.user_id;
    caller.role = by.role;
    caller.client_address = by.client_address;
    caller.area_ids = by.area_ids;
    service.submit(std::move(*in), std::move(caller),
                   [done = std::move(done)](Result<appeals::Appeal> a) {
                     if (!a.ok()) return done(a.status());
                     done(a->id);
                   });
  };
}

// The name the sample log shows for a user (canteens/sample_service.h): the
// display name, else the username.
Result<std::string> display_name_of(store::Connection& c, int64_t user_id) {
  Result<std::optional<accounts::UserRecord>> u = accounts::find_user_by_id(c, user_id);
  if (!u.ok()) return u.status();
  if (!*u) return Status::NotFound("no user " + std::to_string(user_id));
  return (*u)->display_name.empty() ? (*u)->username : (*u)->display_name;
}

}  // namespace

std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> migrations = store::change_feed_migrations();
  for (auto& m : accounts::migrations()) migrations.push_back(std::move(m));
  for (auto& m : feedback::migrations()) migrations.push_back(std::move(m));
  for (auto& m : calendar::migrations()) migrations.push_back(std::move(m));
  for (auto& m : areas::migrations()) migrations.push_back(std::move(m));
  for (auto& m : facilities::migrations()) migrations.push_back(std::move(m));
  for (auto& m : canteens::sample_migrations()) migrations.push_back(std::move(m));
  for (auto& m : canteens::menu_migrations()) migrations.push_back(std::move(m));
  for (auto& m : appeals::migrations()) migrations.push_back(std::move(m));
  for (auto& m : appeals::resident_migrations()) migrations.push_back(std::move(m));
  for (auto& m : open311::migrations()) migrations.push_back(std::move(m));
  for (auto& m : eldercare::migrations()) migrations.push_back(std::move(m));
  for (auto& m : eldercare::errand_migrations()) migrations.push_back(std::move(m));
  for (auto& m : eldercare::errand_count_migrations()) migrations.push_back(std::move(m));
  for (auto& m : eldercare::errand_receipt_migrations()) migrations.push_back(std::move(m));
  for (auto& m : eldercare::family_migrations()) migrations.push_back(std::move(m));
  for (auto& m : eldercare::visit_migrations()) migrations.push_back(std::move(m));
  for (auto& m : eldercare::visit_raise_migrations()) migrations.push_back(std::move(m));
  for (auto& m : canteens::subsidy_migrations()) migrations.push_back(std::move(m));
  for (auto& m : canteens::order_migrations()) migrations.push_back(std::move(m));
  for (auto& m : jobs::job_migrations()) migrations.push_back(std::move(m));
  for (auto& m : activities::activity_migrations()) migrations.push_back(std::move(m));
  for (auto& m : clinics::clinic_migrations()) migrations.push_back(std::move(m));
  for (auto& m : afterschool::afterschool_migrations()) migrations.push_back(std::move(m));
  for (auto& m : volunteers::volunteer_migrations()) migrations.push_back(std::move(m));
  return migrations;
}

Status record_errand_hours(store::Connection& c, const eldercare::CompletedErrand& e) {
  return volunteers::record_completed_errand(
      c,
      volunteers::ErrandCompletion{e.errand_id, e.volunteer_user_id, e.volunteer_minutes,
                                   e.delivered_on, e.community_id, e.confirmed_by, e.confirmed_at});
}

Status record_duty_hours(store::Connection& c, const afterschool::ConfirmedDuty& d) {
  return volunteers::record_confirmed_duty(
      c, volunteers::DutyCompletion{d.confirmation_id, d.volunteer_user_ids, d.programme_name,
                                    d.organiser_org_id, d.place, d.service_date, d.minutes,
                                    d.confirmed_by, d.confirmed_at});
}

Result<std::unique_ptr<Application>> Application::open(const AppConfig& config) {
  Result<std::string> photo_dir = photo_dir_for(config.db_path, config.data_dir, config.photo_dir);
  if (!photo_dir.ok()) return photo_dir.status();
  if (Status made = make_data_dir(config.data_dir); !made.ok()) return made;
  store::Options options;
  options.path = config.db_path;
  options.max_batch = config.writer_max_batch;
  auto db = store::Database::open(options, all_migrations());
  if (!db.ok()) return db.status();

  std::unique_ptr<Application> app(new Application());
  app->db_ = std::move(*db);
  if (config.follow_changes) {
    // Before any snapshot is read, so that no change after it is missed.
    app->feed_ = std::make_unique<store::ChangeFeed>(*app->db_);
    if (Status s = app->feed_->mark(); !s.ok()) return s;
  }
  accounts::Config accounts_config = config.accounts;
  // An organisation may serve a community, sub-district or grid area.
  accounts_config.area_level = [](store::Connection& c, int64_t id) -> Result<std::string> {
    Result<areas::AreaRecord> area = areas::get_area(c, id);
    if (!area.ok()) return area.status();
    return std::string(areas::level_name(area->level));
  };
  app->accounts_ = std::make_unique<accounts::Accounts>(*app->db_, accounts_config);
  accounts::ResidentConfig residents_config = config.residents;
  residents_config.session_ttl_seconds = config.accounts.session_ttl_seconds;
  residents_config.secure_cookie = config.accounts.secure_cookie;
  // In the deletion's one job: the appeals made anonymous, the clinics'
  // health notes (sensitive, PIPL art. 28) deleted, the resident no longer a
  // guardian of any child (a child left with none erased: afterschool/forget.h).
  residents_config.forget_appeals = [](store::Connection& c, int64_t user_id,
                                       const std::optional<std::string>& phone,
                                       int64_t now) -> Result<int64_t> {
    Result<int64_t> appeals = appeals::forget_resident(c, user_id, phone, now);
    if (!appeals.ok()) return appeals;
    Result<int64_t> notes = clinics::forget_health_notes(c, user_id, phone);
    if (!notes.ok()) return notes.status();
    if (Status s = afterschool::forget_guardian(c, user_id, now); !s.ok()) return s;
    return appeals;
  };
  auto residents = accounts::Residents::open(*app->db_, std::move(residents_config));
  if (!residents.ok()) return residents.status();
  app->residents_ = std::move(*residents);
  auto calendar =
      calendar::CalendarService::open(*app->db_, app->accounts_->audit(), config.calendar_dir);
  if (!calendar.ok()) return calendar.status();
  app->calendar_ = std::move(*calendar);
  auto areas = areas::Areas::open(*app->db_);
  if (!areas.ok()) return areas.status();
  app->areas_ = std::move(*areas);
  auto facilities = facilities::FacilityService::open(
      *app->db_, app->accounts_->audit(),
      [areas = app->areas_.get()](double lat, double lon) { return areas->locate(lat, lon); });
  if (!facilities.ok()) return facilities.status();
  app->facilities_ = std::move(*facilities);
  app->facilities_->check_organisations_with(
      [accounts = app->accounts_.get()](const std::vector<int64_t>& ids) {
        return accounts->missing_organisations(ids);
      });
  // Facilities keep the areas they lie in: a changed area re-derives them.
  app->areas_->service().on_change(
      [facilities = app->facilities_.get()] { facilities->relocate_all(); });
  appeals::Config appeals_config;
  appeals_config.photo_dir = *photo_dir;
  appeals_config.photo_quota_bytes = config.photo_quota_mb << 20;
  appeals_config.sweep_interval_s = config.appeals_sweep_interval_s;
  appeals_config.similar_radius_m = config.appeals_similar_radius_m;
  appeals_config.similar_days = config.appeals_similar_days;
  auto appeals = appeals::AppealService::open(
      *app->db_, app->accounts_->audit(), std::move(appeals_config),
      [areas = app->areas_.get()](double lat, double lon) { return areas->locate(lat, lon); },
      [calendar = app->calendar_.get()] { return calendar->current(); });
  if (!appeals.ok()) return appeals.status();
  app->appeals_ = std::move(*appeals);
  auto elders = eldercare::ElderService::open(
      *app->db_,
      [areas = app->areas_.get()](double lat, double lon) { return areas->locate(lat, lon); });
  if (!elders.ok()) return elders.status();
  app->elders_ = std::move(*elders);
  app->activities_ = std::make_unique<activities::Module>(
      *app->db_, app->accounts_->audit(),
      activities::ModuleConfig{config.activities_sweep_interval_s});
  // Clashes with a venue's hours see the official holidays (PH).
  app->activities_->use_calendar([calendar = app->calendar_.get()] { return calendar->current(); });
  // A team belongs to a grid; its members are users of the right roles.
  app->elders_->use_teams({[db = app->db_.get()](int64_t area_id) -> Result<eldercare::GridRef> {
                             Result<areas::AreaRecord> area =
                                 areas::get_area(db->reader(), area_id);
                             if (!area.ok()) return area.status();
                             if (area->level != areas::Level::kGrid)
                               return Status::Unprocessable("not a grid");
                             return eldercare::GridRef{area->id, area->parent_id};
                           },
                           accounts::active_user_role,
                           [calendar = app->calendar_.get()] { return calendar->current(); }});
  // After-school care (issue #19): session days on the official calendar,
  // pickup adults' photos in the appeals' photo store (one directory, one
  // quota), late-pickup alerts texted through the residents' SMS sender.
  afterschool::ModuleConfig afterschool_config;
  afterschool_config.sweep_interval_s = config.afterschool_sweep_interval_s;
  afterschool_config.calendar = [calendar = app->calendar_.get()] { return calendar->current(); };
  afterschool_config.on_duty_confirmed = record_duty_hours;
  afterschool_config.notify = [residents = app->residents_.get()](const std::string& phone,
                                                                  const std::string& text) {
    // Handed over once (the alert is marked notified); the http sender logs
    // a gateway that refuses or cannot be reached.
    if (!accounts::is_mobile(phone)) return;
    residents->sms_sender().send({phone, text, ""}, [](accounts::SmsResult) {});
  };
  app->afterschool_ = std::make_unique<afterschool::Module>(
      *app->db_, app->accounts_->audit(), app->appeals_->photos(), std::move(afterschool_config));
  if (app->feed_) {
    if (Status s = app->follow_other_instances(); !s.ok()) return s;
  }

  http::Router& router = app->router_;
  router.set_authenticator(app->accounts_->authenticator());
  router.limit_anonymous_writes(config.anonymous_writes);
  system::register_routes(router, *app->db_, app->metrics_, config.metrics_token,
                          [calendar = app->calendar_.get()] { return calendar->current(); });
  system::register_web_config(router, config.web);
  app->accounts_->register_routes(router);
  app->residents_->register_routes(router);
  feedback::register_routes(router, *app->db_);
  calendar::register_routes(router, *app->calendar_);
  app->areas_->register_routes(router);
  facilities::register_routes(router, *app->facilities_, *app->calendar_);
  appeals::register_routes(router, *app->appeals_);
  appeals::register_resident_routes(router, *app->appeals_,
                                    [residents = app->residents_.get()](int64_t user_id) {
                                      return residents->phone_of(user_id);
                                    });
  open311::register_routes(router, *app->db_, *app->appeals_);
  rates::register_routes(router, *app->db_, config.rates_weights);
  eldercare::register_routes(router, *app->elders_);
  // Due as configured (48 hours by default); receipt photos in the appeals' photo store
  // (one directory, one quota); linked family members ask for and follow errands.
  eldercare::ErrandOptions errand_options;
  errand_options.due_seconds = config.errand_due_seconds;
  errand_options.receipt_photos = app->appeals_->photos();
  errand_options.family = true;
  // A completed errand credits the team's volunteer in the hours ledger (issue #20).
  errand_options.on_complete = record_errand_hours;
  auto errands =
      eldercare::ErrandService::open(*app->db_, *app->elders_, std::move(errand_options));
  if (!errands.ok()) return errands.status();
  eldercare::ErrandService& errand_service = **errands;  // the routes keep it alive
  eldercare::register_errand_routes(router, std::move(*errands));
  eldercare::register_family_routes(
      router, std::make_shared<eldercare::FamilyService>(*app->db_, accounts::active_user_role));
  // The tiers' intervals and the escalation clock as configured (visit.h's
  // defaults unless `serve` was told otherwise); the dashboard's counts and
  // the meal deliveries' not-home escalation follow the same rules.
  auto visits = eldercare::VisitService::open(*app->db_, config.visit_rules);
  if (!visits.ok()) return visits.status();
  const eldercare::VisitRules visit_rules = (*visits)->rules();
  eldercare::register_visit_routes(router, std::move(*visits));
  // The dashboard's numbers (not audited): errands by state, due visits.
  eldercare::register_errand_count_routes(router, *app->db_, *app->elders_);
  eldercare::register_visit_count_routes(router, *app->db_, *app->elders_, visit_rules);
  eldercare::register_visit_raise_routes(
      router,
      eldercare::VisitRaiseService::open(*app->db_, errand_service, appeal_raiser(*app->appeals_)));
  // The elders' meal-subsidy rules and the counter's quote (canteens/subsidy_service.h).
  canteens::register_subsidy_routes(router, std::make_shared<canteens::SubsidyService>(*app->db_));
  // Canteens (issue #17): the food-safety sample log (留样), with the names of
  // who took and destroyed samples as the accounts have them.
  canteens::register_sample_routes(
      router, std::make_shared<canteens::SampleService>(*app->db_, display_name_of));
  // Canteens (issue #17): dishes and the published menus.
  canteens::register_menu_routes(
      router, std::make_shared<canteens::MenuService>(*app->db_, app->accounts_->audit()));
  // Canteens (issue #17): meal delivery — the round's stops in route order, the
  // saved routes, the handover (her code, or a photo kept in the appeals' photo
  // store) and not-home handed to the visits' escalation (the same rules).
  canteens::register_delivery_routes(router, std::make_shared<canteens::DeliveryService>(
                                                 *app->db_, app->appeals_->photos(), visit_rules));
  // Canteens (issue #17): the meals rung up at the counter and booked for
  // delivery, priced by the subsidy engine, and the counter's diner lookup.
  canteens::register_order_routes(router, std::make_shared<canteens::OrderService>(*app->db_));
  // Canteens (issue #17): the month's settlement with the civil-affairs bureau,
  // the names of who closed and adjusted as the accounts have them.
  canteens::register_settlement_routes(
      router, std::make_shared<canteens::SettlementService>(*app->db_, display_name_of));
  // Job posts (issue #18): the posts, their review (four eyes), the public
  // list and its Chinese search.
  jobs::register_job_routes(router,
                            std::make_shared<jobs::JobService>(*app->db_, app->accounts_->audit()));
  // Job posts (issue #18): the job desk — verified employers, the admins'
  // publishers list, complaints on posts and the dashboard's counts.
  jobs::register_employer_routes(router, std::make_shared<jobs::EmployerService>(*app->db_));
  jobs::register_publisher_routes(router, std::make_shared<jobs::PublisherService>(*app->db_));
  jobs::register_complaint_routes(router, std::make_shared<jobs::ComplaintService>(*app->db_));
  jobs::register_job_counts_routes(router, *app->db_);
  // Activities (issue #18): activities and their series, sign-ups with the
  // waitlist, attendance, calendar feeds.
  app->activities_->register_routes(router);
  // Free clinics (issue #18, service 9): sessions on the activities, slots
  // booked with a health note and its consent, the dashboard's counts.
  clinics::register_routes(router, *app->db_, app->accounts_->audit(),
                           [calendar = app->calendar_.get()] { return calendar->current(); });
  // After-school care (issue #19, service 10): programmes and their staff,
  // children and pickup adults, proxies, the day's check-in and check-out,
  // the roster, the counts.
  app->afterschool_->register_routes(router);
  // Volunteers (issue #20): volunteers and teams, shifts, outcomes, the hours
  // ledger, certificates anyone can verify, the dashboard's counts.
  volunteers::register_routes(router, *app->db_, app->accounts_->audit());

  std::vector<std::string> labels;
  for (const auto& r : router.routes()) labels.push_back(r->pattern);
  app->metrics_.set_routes(labels);
  system::add_writer_metrics(app->metrics_, *app->db_);
  return app;
}

Status Application::follow_other_instances() {
  store::ChangeFeed& feed = *feed_;
  facilities::FacilityService& f = *facilities_;
  feed.follow(facilities::kFacilitiesTopic, [&f](const auto& ids) { return f.follow(ids); });
  feed.follow(facilities::kOccupancyTopic,
              [&f](const auto& ids) { return f.follow_occupancy(ids); });
  feed.follow(areas::kAreasTopic,
              [a = &areas_->service()](const auto& ids) { return a->follow(ids); });
  feed.follow(calendar::kCalendarTopic,
              [c = calendar_.get()](const auto& years) { return c->follow(years); });
  feed.follow(appeals::kCategoriesTopic,
              [a = appeals_.get()](const auto& ids) { return a->follow_categories(ids); });
  return feed.start();
}

Application::~Application() {
  // Nothing follows other instances once the modules start going away.
  if (feed_) feed_->stop();
  // The late-pickup sweeper first: it texts through the residents' sender.
  if (afterschool_) afterschool_->stop();
  // Finish every queued write before the modules that queued them go away.
  if (accounts_) accounts_->stop();
  if (residents_) residents_->stop();
  if (appeals_) appeals_->stop();
  if (activities_) activities_->stop();
  if (facilities_) facilities_->stop();
  if (db_) db_->stop();
  afterschool_.reset();
  elders_.reset();
  appeals_.reset();
  facilities_.reset();
  areas_.reset();
  calendar_.reset();
  residents_.reset();
  accounts_.reset();
  db_.reset();
}

}  // namespace warmcity::app
