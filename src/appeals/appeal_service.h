// AppealService: everything that changes an appeal or a category, and the
// reads the routes and the Open311 module build on. HTTP-free.
//
// Writes: every change is ONE write job on the store's single writer: the
// appeal row, its event row(s) and (for all but a submission, whose "submit"
// event is its record) an audit entry ("appeal.<step>", "appeal.follow",
// "appeal_category.create|update|delete", "personal_data.read") commit together, and `done` runs
// only after the commit is durable. The step checks (workflow.h) run inside the job against the
// stored row, so two racing steps cannot both pass. Photos are sniffed and stripped on the caller's
// thread (pure CPU) and written + fsynced inside the appeal's write job, before its COMMIT
// (photo_store.h), so a committed appeal never names a missing file.
//
// Supervision: a background thread (Config::sweep_interval_s) runs sweep(),
// which records each threshold an appeal's clock crosses (nearly due at 80 %,
// overdue) once as an internal "escalate" event. The supervision list itself
// is computed from the clock columns at read time, so it is always current;
// only the events lag by up to one interval.
//
// Lifetime: REQUIRES `db` and `audit` to outlive the service, and the service
// to outlive serving. stop() (or the destructor) ends the sweeper; call it
// before Database::stop(). Threads: everything may be called from any thread;
// `done` runs once, on the writer's answerer thread (or at once on the caller's thread
// when refused before queueing). Reads run on the calling thread's reader.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "accounts/audit.h"
#include "appeals/appeal.h"
#include "appeals/appeal_counts.h"
#include "appeals/appeal_filter.h"
#include "appeals/category.h"
#include "appeals/category_targets.h"
#include "areas/areas.h"
#include "core/calendar.h"
#include "core/work_pool.h"
#include "photos/photo_store.h"
#include "store/database.h"

namespace warmcity::appeals {

// Where a point lies; a null Locator leaves the area ids null.
using Locator = std::function<areas::Location(double lat, double lon)>;
// The official calendar now (CalendarService::current); null: plain weeks.
using CalendarSource = std::function<std::shared_ptr<const core::Calendar>()>;

// How long the photo_token of a submission's answer admits photos.
inline constexpr int64_t kPhotoTokenSeconds = 3600;

struct Config {
  std::string photo_dir;  // REQUIRED: where photos go (app: "<db>-photos")
  int64_t photo_quota_bytes =
      photos::PhotoStore::kDefaultQuota;  // the directory holds at most this
  double similar_radius_m = 50;           // duplicates: distance …
  int similar_days = 30;                  // … and age
  int sweep_interval_s = 60;              // 0: no background sweep (tests call sweep())
  std::function<int64_t()> now;           // null: core::now_unix
};

// Who is calling (from the session, or nobody).
struct Caller {
  std::optional<int64_t> user_id;
  std::string role;  // "resident" … "admin"; "" without a session
  std::vector<int64_t> organisation_ids;
  std::string client_address;
  // The areas the caller's organisations serve. A worker with areas works
  // the appeals in (or assigned to) those areas; without any, the district's.
  std::vector<int64_t> area_ids = {};

  bool is_staff() const { return role == "admin" || role == "worker"; }
  // Admins and district workers (bound to no area) work every appeal.
  bool works_everywhere() const {
    return role == "admin" || (role == "worker" && area_ids.empty());
  }
};

struct NewAppeal {
  std::string category_code;
  Channel channel = Channel::kWeb;
  std::string description;
  Answers answers;
  std::optional<double> lat, lon;  // WGS-84, both or neither
  std::optional<std::string> address;
  bool anonymous = false;
  std::optional<Contact> contact;  // required unless anonymous
  // Runs inside the appeal's own write job after its rows (Open311 stores
  // its request row here), so both commit or neither; an error rolls back
  // the appeal too.
  std::function<Status(store::Connection&, const Appeal&)> in_same_write = {};
};

// One workflow step with its step-specific fields.
struct StepRequest {
  Step step = Step::kAccept;
  std::string note = {};                    // required for return and reply (the reason / answer)
  std::optional<bool> is_public = {};       // default per step (docs/appeals.md)
  std::optional<int64_t> org_id = {};       // dispatch: an organisation …
  std::optional<int64_t> area_id = {};      // … or an area; default from category and location
  std::optional<std::string> outcome = {};  // reply: "solved" | "not_solvable"
  std::optional<bool> contacted = {}, solved = {};  // callback
  std::optional<Satisfaction> satisfaction = {};    // callback
  std::optional<int64_t> into_id = {};              // merge: the appeal kept
};

struct Similar {
  Appeal appeal;
  double distance_m = 0;
};

// How a caller sees the reporter's contact on an appeal.
enum class ContactView { kNone, kMasked, kFull };

// The change feed's topic (store/change_feed.h): a saved category (its id).
inline constexpr const char* kCategoriesTopic = "appeal_categories";

class AppealService {
 public:
  template <class T>
  using Done = std::function<void(Result<T>)>;

  static Result<std::unique_ptr<AppealService>> open(store::Database& db, accounts::AuditLog& audit,
                                                     Config config, Locator locate,
                                                     CalendarSource calendar);
  ~AppealService();  // stop()s
  AppealService(const AppealService&) = delete;
  AppealService& operator=(const AppealService&) = delete;
  void stop();
  // Runs `task` on the service's own thread for slow work — reading a large
  // submission and stripping its photos — so that no I/O thread computes for
  // long (http/session.cpp). False when that queue is full: answer 503.
  [[nodiscard]] bool post_slow(std::function<void()> task) {
    return slow_->try_post(std::move(task));
  }

  // --- categories -------------------------------------------------------
  // From an in-memory copy of the (few) categories, loaded in open() and
  // replaced after every committed category write; lock-free.
  Result<Category> category(const std::string& code) const;  // kNotFound
  Result<Category> category_by_id(int64_t id) const;         // kNotFound
  // By group, then code.
  std::vector<Category> categories(bool include_inactive) const;
  // check_category, then one job with audit. kConflict: code taken (create);
  // kUnprocessable (department_org_id): no such organisation.
  void create_category(Category c, Caller by, Done<Category> done);
  // Replaces everything but the code; kNotFound.
  void update_category(const std::string& code, Category c, Caller by, Done<Category> done);
  // Deactivates (appeals keep their category): new appeals refuse it.
  void deactivate_category(const std::string& code, Caller by, Done<Category> done);

  // --- appeals ----------------------------------------------------------
  // Validates (kUnprocessable with field errors; kUnsupportedMedia for a
  // photo that is not JPEG/PNG/WebP; kTooLarge for one over 5 MB;
  // kPermissionDenied for a staff channel from a non-staff caller), locates,
  // computes the deadlines, stores photos and the appeal with its "submit"
  // event. `by` becomes the reporter when signed in.
  void submit(NewAppeal in, Caller by, Done<Appeal> done);
  // One workflow step. kNotFound; kPermissionDenied, naming neither state
  // nor steps, when the caller may not read the appeal (see may_read); then
  // kConflict when the step is illegal in the current state,
  // kPermissionDenied when it is legal but not the caller's (both messages
  // name the caller's allowed steps); kUnprocessable for missing/bad step
  // fields. A dissatisfied callback is followed, in the
  // same job, by the system's reopen (重办).
  void take_step(int64_t id, StepRequest step, Caller by, Done<Appeal> done);
  // The signed-in caller follows an open appeal instead of filing a
  // duplicate; the answer is the follower count. The caller need not be
  // able to read the appeal (it was found through similar()). kConflict,
  // saying only that it takes no followers, when closed or merged.
  void follow(int64_t id, Caller by, Done<int64_t> done);
  // The full contact, for dispatchers and the assignee, audited
  // ("personal_data.read") before `done`. kPermissionDenied otherwise,
  // kNotFound when the appeal has none (anonymous).
  void reveal_contact(int64_t id, Caller by, Done<Contact> done);
  // Attaches one photo (sniffed and stripped here: call it off the I/O
  // threads, see post_slow) for the reporter while the appeal is open, or for
  // whoever holds the submission's photo_token within kPhotoTokenSeconds.
  // kNotFound; kPermissionDenied; kConflict beyond kMaxPhotos; kTooLarge,
  // kUnsupportedMedia for the bytes; kStorageFull at the photo quota. The
  // answer is the appeal with its photos, the new one last.
  void add_photo(int64_t id, std::string bytes, std::optional<std::string> token, Caller by,
                 Done<Appeal> done);
  // Records escalations due at `now` (at most 500 per call); the count.
  // Then rolls up the month aggregates (rates/rollup.h, one batch).
  // With several instances on one database one sweeps at a time
  // (store/turn.h); the others count 0 meanwhile.
  void sweep(int64_t now, Done<int64_t> done);
  // Another instance saved categories: reads them all again (from the
  // change feed's thread).
  Status follow_categories(const std::vector<int64_t>& ids);

  // --- reads (calling thread's reader) ----------------------------------
  Result<Appeal> get(int64_t id) const;
  Result<Appeal> by_tracking_code(const std::string& code) const;
  Result<std::vector<Event>> events(int64_t id, bool public_only) const;
  // appeal_store.h latest_public_notes: what each appeal's public trail says last.
  Result<std::map<int64_t, std::string>> latest_public_notes(const std::vector<int64_t>& ids) const;
  // The appeals `f` asks for, newest first (appeal_filter.h). The caller
  // narrows `f` to what the caller may read.
  Result<std::vector<Appeal>> list(const AppealFilter& f) const;
  // The appeals submitted in q's period by q's dimension and state, in
  // q's visibility (appeal_counts.h): one GROUP BY, never a page. A whole
  // month's cells are kept, by dimension and visibility, until an appeal
  // changes (rates/stamped_cache.h), so that the dashboards asking for it
  // read the appeals once: a city's month by grid is 15,000 cells, a
  // department's month a recount of the month's rows.
  Result<std::vector<CountCell>> counts(const CountQuery& q) const;
  // Supervision (督办): appeals whose clock runs and is at least nearly due
  // at `now`, by nearly_at then id, after the cursor, at most `limit`;
  // `org_ids` / `area_ids` (when not empty) keep those assigned to one of the
  // organisations / lying in or assigned to one of the areas.
  Result<std::vector<Appeal>> supervision(int64_t now, const std::vector<int64_t>& org_ids,
                                          const std::vector<int64_t>& area_ids,
                                          const std::optional<SupervisionCursor>& after,
                                          int limit) const;
  // A resident's own appeals (resident_appeals.h): reported by `user_id` or
  // made with `phone` as the contact, ids below before_id, newest first.
  Result<std::vector<Appeal>> resident_appeals(int64_t user_id,
                                               const std::optional<std::string>& phone,
                                               std::optional<int64_t> before_id, int limit) const;
  // Active categories whose default target reaches nobody (category_targets.h).
  Result<std::vector<StrandedCategory>> stranded_categories() const;
  // Open appeals of the category within similar_radius_m of the point,
  // submitted in the last similar_days; nearest first, at most 20. For a
  // caller who may not read the appeals (kPublic) both the radius test and
  // the distance use each appeal's published position (core::public_position,
  // what Open311 shows) and distances come in whole tens of metres, so no
  // sequence of queries locates an appeal closer than Open311 does.
  enum class Precision { kExact, kPublic };
  Result<std::vector<Similar>> similar(int64_t category_id, double lat, double lon,
                                       Precision precision) const;

  // Who the caller is to the appeal, what they may read, and which steps.
  std::vector<Party> parties(const Appeal& a, const Caller& by) const;
  bool may_read(const Appeal& a, const Caller& by) const;
  // Whether the caller works the appeal (staff, or the department it is
  // dispatched to) and so reads internal events and who took each step;
  // the reporter reads the public events without staff identities.
  bool reads_internal_events(const Appeal& a, const Caller& by) const;
  // Admins; workers of the district (no areas) or of one of the appeal's
  // areas. Only they take staff steps and read it as staff.
  bool works_on(const Appeal& a, const Caller& by) const;
  // The satisfaction callback (回访) feeds the 满意率: the reporter, admins,
  // district workers and the workers of the appeal's own community only.
  bool records_callback(const Appeal& a, const Caller& by) const;
  ContactView contact_view(const Appeal& a, const Caller& by) const;
  std::vector<Step> allowed(const Appeal& a, const Caller& by) const;

  int64_t now() const;
  const photos::PhotoStore& photos() const { return photos_; }

 private:
  AppealService(store::Database& db, accounts::AuditLog& audit, Config config, Locator locate,
                CalendarSource calendar, photos::PhotoStore photos);
  std::shared_ptr<const core::Calendar> calendar() const;
  // Reads every category into categories_ (on the calling thread's reader).
  Status reload_categories();
  void save_category(std::optional<std::string> code, Category c, Caller by, bool deactivate,
                     Done<Category> done);
  void sweeper();

  store::Database& db_;
  accounts::AuditLog& audit_;
  Config config_;
  Locator locate_;
  CalendarSource calendar_;
  photos::PhotoStore photos_;
  std::atomic<std::shared_ptr<const std::vector<Category>>> categories_;
  // Held from a reload's read to its store: the writer's reload after a commit and the change
  // feed's reload of an earlier change store in the order they read, so an older list never
  // replaces a newer one.
  std::mutex reload_mu_;

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread sweeper_;
  struct CountsCache;  // appeal_service.cpp
  std::unique_ptr<CountsCache> counts_cache_;
  // Last: its queued tasks use the members above.
  std::unique_ptr<core::WorkPool> slow_ = std::make_unique<core::WorkPool>(1);
};

}  // namespace warmcity::appeals
