// FacilityService: saving facilities (with their change history and audit
// entries) and the snapshot the nearby query reads.
//
// Every write is ONE write job: the facility row, a facility_changes row and
// an audit entry ("facility.create" / "facility.update", detail {"fields"})
// commit or roll back together. The permission check of an update runs
// inside that job against the row as stored, so a keeper cannot edit a
// facility whose keeper changed meanwhile. The area (sub-district,
// community, grid) is derived from the location on every save through the
// Locator. After the commit, on the writer thread, the saved facility is put
// into the nearby index (live_index.h: a new snapshot sharing the big base,
// the change in a small overlay) before `done` runs, so the next nearby query
// sees the change.
//
// Parking occupancy (occupancy.h): report_free_spaces() is one write job
// (no audit entry: reports are frequent); after its commit the in-memory
// board is updated before `done` runs. The board is loaded in open().
//
// Gate devices (gate_tokens.h): issue_gate_token() and revoke_gate_token()
// are each one write job with an audit entry; report_free_spaces_from_gate()
// checks the token inside its write job, so a token revoked a moment before
// is refused.
//
// Station notices and receptions (stations.h): add_notice(),
// remove_notice() and set_receptions() are each one write job holding the
// change and an audit entry ("facility.notice_add", "facility.notice_delete",
// "facility.receptions_set"); the keeper and kind checks run inside it.
//
// Import (facility_import.h plans it; import_rows.cpp writes it): the rows
// go in chunks of kImportChunk, each one write job holding its facilities
// and their facility_changes rows; the last job also holds the one audit
// entry "facility.import" {format, rows, imported, skipped}. A chunk is
// submitted when the one before it has committed, so other writes
// interleave. If a chunk fails, one more job deletes what the earlier ones
// wrote and `done` gets the failure. After the last commit the snapshot is
// rebuilt once from the store and swapped in, then `done` gets the new ids.
//
// Relocation (relocate.cpp): the area ids are stored with each facility, so
// when the areas change (a boundary redrawn, a community moved to another
// sub-district) relocate_all() derives them again for every facility, in
// chunks of 2,000 by id, each one write job that reads its rows, locates
// them and updates those that moved (other writes interleave; a save in
// between derives its own). Runs that are asked for while one is going are
// folded into one more run after it.
//
// Reads (facility_reads.cpp): get(), list(), kept(), changes(),
// gate_tokens(), pending_notices(), station_fields(), export_file() and
// plan_import() read on the calling thread's reader connection and see
// every committed write; they are what the routes ask, so no route reaches
// a store. plan_import() asks the function set by check_organisations_with()
// (the accounts service) which keeper organisations exist.
//
// Slow work (slow_work()): one thread of the service's own checks import
// files and builds exports, so that an I/O thread never computes for
// seconds. stop() drops what is queued there once serving has stopped.
//
// Lifetime: REQUIRES `db` and `audit` to outlive the service, and the
// service to outlive serving (write callbacks refer to it).
// Threads: snapshot() is one atomic load, never waiting for a writer, from
// any thread;
// occupancy() from any thread (the board locks briefly);
// create()/update()/report_free_spaces() from any thread; `done` runs once,
// on the writer's answerer thread (or at once on the caller's thread when refused
// before queueing).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "areas/areas.h"
#include "core/status.h"
#include "core/work_pool.h"
#include "facilities/changes.h"
#include "facilities/facility.h"
#include "facilities/facility_import.h"
#include "facilities/facility_patch.h"
#include "facilities/facility_store.h"
#include "facilities/gate_tokens.h"
#include "facilities/live_index.h"
#include "facilities/occupancy.h"
#include "facilities/snapshot.h"
#include "facilities/stations.h"
#include "store/database.h"

namespace warmcity::facilities {

// Where a point lies; a null Locator leaves the area ids null.
using Locator = std::function<areas::Location(double lat, double lon)>;

// Who saves, and what they may touch: admins every facility, keepers those
// whose keeper organisation is one of theirs.
struct Editor {
  int64_t user_id = 0;
  bool admin = false;
  std::vector<int64_t> organisation_ids;
  std::string client_address;

  bool keeps(const std::optional<int64_t>& org) const;
  bool may_edit(const Facility& f) const { return admin || keeps(f.keeper_org_id); }
};

inline constexpr size_t kImportChunk = 500;

// The change feed's topics (store/change_feed.h): a saved facility (its id;
// 0 after an import) and a lot's reported free spaces (the lot's id).
inline constexpr const char* kFacilitiesTopic = "facilities";
inline constexpr const char* kOccupancyTopic = "occupancy";

// What the import's audit entry says besides the count imported.
struct ImportCounts {
  std::string format;  // "csv" | "geojson"
  size_t rows = 0;     // rows in the file
  size_t skipped = 0;  // invalid rows left out
};

class FacilityService {
 public:
  using Done = std::function<void(Result<Facility>)>;
  using OccupancyDone = std::function<void(Result<Occupancy>)>;
  using NoticeDone = std::function<void(Result<Notice>)>;
  using StatusDone = std::function<void(const Status&)>;
  // A new gate token: the record and the token itself, shown once.
  struct IssuedGate {
    GateToken record;
    std::string token;
  };
  using GateDone = std::function<void(Result<IssuedGate>)>;
  using ImportDone = std::function<void(Result<std::vector<int64_t>>)>;
  using ImportProgress = std::function<void(size_t written, size_t total)>;

  // Builds the first snapshot from the stored facilities (active, or
  // suspended until a time) and the occupancy board from facility_occupancy.
  static Result<std::unique_ptr<FacilityService>> open(store::Database& db,
                                                       accounts::AuditLog& audit, Locator locate);
  FacilityService(const FacilityService&) = delete;
  FacilityService& operator=(const FacilityService&) = delete;

  std::shared_ptr<const Snapshot> snapshot() const { return index_->current(); }
  LiveIndex& index() { return *index_; }
  const OccupancyBoard& occupancy() const { return *occupancy_; }
  // Where routes run what takes long (a file's checks, an export).
  core::WorkPool& slow_work() { return *slow_; }
  // After serving has stopped: drops queued slow work, joins its thread.
  void stop() { slow_->shutdown(); }

  // Saves a new facility. REQUIRES: its fields were validated.
  // kPermissionDenied unless by.may_edit(f); kUnprocessable (field
  // keeper_org_id) when that organisation does not exist.
  void create(Facility f, Editor by, Done done);
  // kNotFound; kPermissionDenied unless `by` may edit the stored facility and
  // the patched one; kUnprocessable from apply_patch.
  void update(int64_t id, Patch patch, Editor by, Done done);
  // Records the free spaces of lot `id`, reported now by `by`. kNotFound;
  // kPermissionDenied unless by.may_edit(the stored lot); then
  // check_free_spaces (kConflict, kUnprocessable).
  void report_free_spaces(int64_t id, int64_t free_spaces, Editor by, OccupancyDone done);
  // The same report from a gate device: kUnauthenticated when `token` is not
  // a live gate token; then check_free_spaces against the token's lot.
  void report_free_spaces_from_gate(std::string token, int64_t free_spaces, OccupancyDone done);
  // kNotFound; kPermissionDenied unless by.may_edit(the lot); kConflict
  // unless it is a parking lot. REQUIRES: label validated.
  void issue_gate_token(int64_t facility_id, std::string label, Editor by, GateDone done);
  // As issue_gate_token; kNotFound also when the lot has no such live token.
  void revoke_gate_token(int64_t facility_id, int64_t token_id, Editor by, StatusDone done);
  // For each: kNotFound; kPermissionDenied unless by.may_edit(the stored
  // facility); kConflict for the wrong kind (check_notice_kind,
  // check_reception_kind). REQUIRES: the input was validated.
  // Posts notice `n` (text and window; id and creation set here).
  void add_notice(Notice n, Editor by, NoticeDone done);
  // kNotFound also when the facility has no such notice.
  void remove_notice(int64_t facility_id, int64_t notice_id, Editor by, StatusDone done);
  // Replaces the whole reception schedule of facility `id`.
  void set_receptions(int64_t id, std::vector<Reception> schedule, Editor by, StatusDone done);
  // Writes new facilities `rows` (see Import above). REQUIRES: each was
  // validated (facility_import.h). kPermissionDenied unless `by` may edit
  // every one; `progress` (may be null) runs on the writer thread after
  // each chunk's commit.
  void import(std::vector<Facility> rows, ImportCounts counts, Editor by, ImportProgress progress,
              ImportDone done);
  // Derives the stored area ids of every facility again (see Relocation
  // above); from any thread, returns at once.
  void relocate_all();
  // Another instance saved facilities `ids` (0: imported many): reads them
  // and puts them into the nearby index (or takes them out). From the
  // change feed's thread.
  Status follow(const std::vector<int64_t>& ids);
  // Another instance recorded free spaces: reads the board's rows again.
  Status follow_occupancy(const std::vector<int64_t>& lot_ids);

  // What a station shows besides its row (stations.h): a love station's
  // notices in force, a liaison station's or service centre's receptions;
  // nullopt for the other kinds.
  struct StationFields {
    std::optional<std::vector<Notice>> notices;
    std::optional<std::vector<Reception>> receptions;
  };
  // Reads (see above). kNotFound when there is no such facility.
  Result<Facility> get(int64_t id) const;
  // Newest first (facility_store.h's ListFilter).
  Result<std::vector<Facility>> list(const ListFilter& filter) const;
  // Facility `id` when `by` may edit it: kNotFound, or kPermissionDenied
  // "only an admin or a keeper of this facility may read <what>".
  Result<Facility> kept(int64_t id, const Editor& by, const std::string& what) const;
  // The change history of facility `id`, newest first.
  Result<std::vector<Change>> changes(int64_t id, std::optional<int64_t> before_id,
                                      int limit) const;
  // Every gate token of lot `id`, newest first.
  Result<std::vector<GateToken>> gate_tokens(int64_t id) const;
  // The notices of facility `id` in force or to come at `now`.
  Result<std::vector<Notice>> pending_notices(int64_t id, int64_t now) const;
  Result<StationFields> station_fields(const Facility& f, int64_t now) const;
  // Every facility as one file (facility_export.h).
  Result<std::string> export_file(ImportFormat format) const;
  // Checks every row of an import file (facility_import.h); slow for a big
  // file, so call it off the I/O threads.
  Result<ImportPlan> plan_import(std::string_view body, const ImportOptions& options) const;
  // Which keeper organisations exist, for plan_import(). Set once, before
  // serving; without it an unknown keeper_org_id is refused only when the
  // rows are written (the whole import fails).
  void check_organisations_with(MissingOrganisations f) { missing_orgs_ = std::move(f); }

 private:
  FacilityService(store::Database& db, accounts::AuditLog& audit, Locator locate,
                  std::shared_ptr<const Snapshot> initial, std::unique_ptr<OccupancyBoard> board)
      : db_(db),
        audit_(audit),
        locate_(std::move(locate)),
        index_(std::make_unique<LiveIndex>(std::move(initial))),
        occupancy_(std::move(board)),
        slow_(std::make_unique<core::WorkPool>(1)) {}

  struct ImportRun;  // import_rows.cpp

  void derive_area(Facility& f) const;
  // Writes `after` (new when before is null) with its change row and audit
  // entry, on the writer's connection.
  Status save(store::Connection& c, const Facility* before, Facility& after,
              const Editor& by) const;
  // Writes `after` and its change row (no audit entry); `changes` receives
  // what changed, empty when nothing did (then nothing is written).
  Status record(store::Connection& c, const Facility* before, Facility& after, const Editor& by,
                FieldChanges& changes) const;
  static Status audit(store::Connection& c, const Editor& by, std::string action,
                      std::string subject_id, std::string detail, int64_t now);
  // The snapshot of every active facility stored on `c`.
  static Result<std::shared_ptr<const Snapshot>> load_snapshot(store::Connection& c);
  // After the commit, on the store's answerer thread (takes follow_mu_).
  void publish(const Facility& f);
  void publish_locked(const Facility& f);  // holds follow_mu_
  // Queues the occupancy write of `report` once `check` (on the writer's
  // connection) has filled in who and when and given the lot; then updates
  // the board.
  void record_occupancy(std::shared_ptr<Occupancy> report,
                        std::function<Result<Facility>(store::Connection&, Occupancy&)> check,
                        OccupancyDone done);
  // Rebuilds the snapshot from the store (after an import; or the change
  // feed's "reload all"). If the store cannot be read, the old snapshot
  // stays and the failure is returned.
  Status reload_snapshot();
  Status reload_snapshot_locked();  // holds follow_mu_
  // Submits the next chunk of `run` (import_rows.cpp).
  void import_chunk(std::shared_ptr<ImportRun> run);
  // Relocates the facilities with ids above `after` (relocate.cpp).
  void relocate_chunk(int64_t after, size_t moved_before);

  store::Database& db_;
  accounts::AuditLog& audit_;
  Locator locate_;
  MissingOrganisations missing_orgs_;
  std::unique_ptr<LiveIndex> index_;
  std::unique_ptr<OccupancyBoard> occupancy_;
  // Held from a read of stored rows to its publication (the index or the occupancy board): the
  // writer's publication after a commit and the change feed's read of an earlier change land
  // in the order they read, so an older row never replaces a newer one.
  std::mutex follow_mu_;
  std::mutex relocate_mu_;
  bool relocating_ = false;               // guarded by relocate_mu_
  bool relocate_again_ = false;           // guarded by relocate_mu_
  std::unique_ptr<core::WorkPool> slow_;  // last: its tasks use the members above
};

}  // namespace warmcity::facilities
