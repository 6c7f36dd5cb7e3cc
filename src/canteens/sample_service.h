// SampleService: the food-safety sample log (留样) of each canteen — record a
// sample, read a day's log, destroy a sample after its 48 hours, void a
// mistaken record (sample.h has the rules). HTTP-free.
//
// Who:
//   - records, destroys, voids: the canteen's staff (works_at: its keepers
//     and admins); another canteen's keeper kPermissionDenied;
//   - reads a day's log: the canteen's staff, and every department user (the
//     market-supervision inspectors read any canteen's log); others
//     kPermissionDenied.
// An unknown canteen, or a sample of another canteen, is kNotFound.
// Every change is one write job with its audit entry (canteen.sample_record,
// canteen.sample_destroy, canteen.sample_void; ids and figures only). The
// log holds no elder's data: a read is not audited.
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once, on the
// writer thread (or at once on the caller's thread when refused before
// queueing).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "canteens/canteen.h"
#include "canteens/sample.h"
#include "canteens/sample_store.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::canteens {

// A canteen's log of one day.
struct SampleDay {
  Canteen canteen;
  std::string date;
  std::vector<Sample> items;  // by meal, then taken_at
};

using SampleDone = std::function<void(Result<Sample>)>;
// A destroy's answer; `keep_until` is the sample's when it was found (a
// refusal before it says when the sample may go).
using DestroyDone = std::function<void(Result<Sample>, std::optional<int64_t> keep_until)>;

class SampleService {
 public:
  // The display name of a user, on the job's connection (the app passes the
  // accounts' user lookup).
  using NameOf = std::function<Result<std::string>(store::Connection&, int64_t user_id)>;

  SampleService(store::Database& db, NameOf name_of, std::function<int64_t()> now = nullptr)
      : db_(db), name_of_(std::move(name_of)), now_(std::move(now)) {}

  // kUnprocessable naming the fields that break sample.h's rules.
  void record(int64_t canteen_id, SampleInput in, Caller by, SampleDone done);
  // Read on the calling thread's reader. kUnprocessable for a bad date.
  Result<SampleDay> day(int64_t canteen_id, const std::string& date, const Caller& by);
  // kConflict before keep_until, when destroyed already, or when voided (the
  // corrected record is the one to destroy).
  void destroy(int64_t canteen_id, int64_t sample_id, Caller by, DestroyDone done);
  // kConflict when voided or destroyed already. `reason`: 1 to 200 characters (checked by
  // the caller's reader).
  void void_sample(int64_t canteen_id, int64_t sample_id, std::string reason, Caller by,
                   SampleDone done);

  int64_t now() const;

 private:
  store::Database& db_;
  NameOf name_of_;
  std::function<int64_t()> now_;
};

// Module "canteen_samples" (sample_migrations.cpp), after "facilities".
std::vector<store::Migration> sample_migrations();
// The sample log's routes under /api/v1/canteens/{id}/samples
// (sample_routes.cpp); the routes keep the service alive.
void register_sample_routes(http::Router& router, std::shared_ptr<SampleService> service);

}  // namespace warmcity::canteens
