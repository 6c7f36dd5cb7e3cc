// AreaService: the areas' writes and the snapshot locate() reads.
//
// Every write (create, update, remove, import) is ONE write job holding the
// rows and their audit entry (area.create|update|delete|import), so both or
// neither are durable. Parent rules and code uniqueness are checked inside
// the job (area_store.h), against what is committed. After the commit the
// done callback builds the next snapshot from the current one and swaps it
// in, then answers: a reply that says "saved" means locate() sees it.
//
// Reads (list, all, get, find_code, stored_codes) run on the calling
// thread's reader connection and see every committed write.
//
// Threads: snapshot()/locate() are one atomic load, from any thread. Reads
// and writes may be called from any thread; a write's `done` runs once, on
// the writer thread.
// Lifetime: REQUIRES `db` to outlive the service and the service to outlive
// serving (handlers and write callbacks refer to it).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "areas/area_import.h"
#include "areas/area_store.h"
#include "areas/snapshot.h"
#include "store/database.h"

namespace warmcity::areas {

// Who writes, for the audit log.
struct Editor {
  int64_t user_id = 0;
  std::string client_address;
};

struct NewArea {
  Level level = Level::kSubdistrict;
  std::string name;
  std::optional<std::string> code;
  std::optional<int64_t> parent_id;
  Geometry geometry;
};

// What a PATCH changes; absent members stay. code: nullopt inside clears it.
// parent_id moves the area under another parent of the level above (a
// community to another sub-district, a grid to another community); its own
// children move with it.
struct AreaPatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> code;
  std::optional<int64_t> parent_id;
  std::optional<Geometry> geometry;
};

struct ImportOutcome {
  std::vector<AreaRecord> created;  // file order
  std::vector<SkippedFeature> skipped;
};

// The change feed's topic (store/change_feed.h): any area write.
inline constexpr const char* kAreasTopic = "areas";

class AreaService {
 public:
  template <class T>
  using Done = std::function<void(Result<T>)>;

  // Reads every area and builds the first snapshot.
  static Result<std::unique_ptr<AreaService>> open(store::Database& db);

  AreaService(const AreaService&) = delete;
  AreaService& operator=(const AreaService&) = delete;

  std::shared_ptr<const Snapshot> snapshot() const { return snapshot_.load(); }

  // A page of areas, newest id first, without boundaries.
  Result<std::vector<AreaRecord>> list(const AreaQuery& q) const;
  // Every area with its boundary, by id.
  Result<std::vector<AreaRecord>> all() const;
  // kNotFound when there is no such area.
  Result<AreaRecord> get(int64_t id) const;
  // The id and level of the area with `code`; nullopt when none has it.
  Result<std::optional<std::pair<int64_t, Level>>> find_code(const std::string& code) const;
  // The code lookup plan_import() checks a file against, reading the stored
  // areas on the thread that calls it.
  CodeLookup stored_codes() const;

  void create(NewArea a, Editor by, Done<AreaRecord> done);
  // kNotFound; kConflict when the new code is taken; kUnprocessable (field
  // parent_id) when the new parent is missing or of the wrong level.
  void update(int64_t id, AreaPatch p, Editor by, Done<AreaRecord> done);
  // kNotFound; kConflict while the area has children. Gives the deleted row.
  void remove(int64_t id, Editor by, Done<AreaRecord> done);
  // Imports plan.features in order (all or none); plan.invalid are reported
  // as skipped. kConflict when a parent or code changed since planning.
  void import(ImportPlan plan, Editor by, Done<ImportOutcome> done);
  // `f` runs on the store's answerer thread after every committed change, once the
  // new snapshot is in and before the write's own callback (facilities
  // derive their stored areas again). Set once, before serving.
  void on_change(std::function<void()> f) { changed_ = std::move(f); }
  // Another instance changed areas: reads them all again (from the change
  // feed's thread; on_change's function is that instance's to run).
  Status follow(const std::vector<int64_t>& items);

 private:
  AreaService(store::Database& db, std::shared_ptr<const Snapshot> initial)
      : db_(db), audit_(db), snapshot_(std::move(initial)) {}

  // A write's own rows; returns its audit entry (actor and address are filled in).
  using Job = std::function<Result<accounts::AuditEntry>(store::Connection&)>;
  // After the commit: the areas to put into and remove from the snapshot.
  using Changes = std::function<void(std::vector<AreaShape>& put, std::vector<int64_t>& removed)>;

  // Runs `job` and its audit entry in one write job; after the commit swaps
  // in the changed snapshot, then calls done.
  void write(Job job, const Editor& by, Changes changes, std::function<void(const Status&)> done);

  store::Database& db_;
  accounts::AuditLog audit_;
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
  std::mutex swap_mutex_;  // serialises read-modify-store of snapshot_ (a follow's read too)
  std::function<void()> changed_;
};

}  // namespace warmcity::areas
