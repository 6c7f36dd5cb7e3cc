// The volunteers benchmark's district, seeded from one seed into a new
// SQLite database in $WARMCITY_BENCH_DIR (default /tmp), removed at close
// (kept when WARMCITY_BENCH_KEEP is set, for EXPLAIN). WARMCITY_BENCH_DB
// names a database to use instead — a SQLite file or a postgresql:// URL,
// migrated to this build's schema, seeded when it holds no volunteer team,
// reused as it is otherwise (the write benchmarks add to it); it is never
// removed. What is in it (seed.h and its parts say more):
//   4 sub-districts of 6 communities (24 community organisations, a worker
//   each); 400 volunteer teams (a leader each, their certificate facts
//   set), every team in one community;
//   20,000 volunteers (three in four with a user account), 50 a team, one
//   in ten also in a second team, 2 % left; active in four bands drawn
//   at random (0.5 % serve 100 times as often as the quietest 69.5 %, 5 %
//   20 times, 25 % 4 times), so the 100 busiest served 790–940 times in
//   two years, a volunteer 26 on average;
//   2,000 shifts (1,900 over the last 24 months, 100 in the next two weeks)
//   on activity occurrences of the communities and teams, with sign-ups,
//   check-ins and check-outs, and their outcomes;
//   500,000 ledger records over 24 months: the shifts' check-outs, 50,000
//   errands, the rest manual; confirmed but for 2 % of the older ones and
//   half of the last two weeks'; 2,500 corrections, 300 disputes;
//   20,000 certificates issued over 24 months, one in twenty reissued.
// Written in one write job through the module's store functions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "store/database.h"
#include "volunteers/certificate_service.h"
#include "volunteers/record_service.h"
#include "volunteers/shift_service.h"
#include "volunteers/volunteer_service.h"

namespace warmcity::volunteers::bench {

constexpr int64_t kNow = 1780045200;  // 2026-05-29 17:00 +08:00, a Friday

// An organisation and the one user on its staff (a team's leader, a
// community organisation's worker).
struct Staffed {
  int64_t org_id = 0;
  int64_t user_id = 0;
};

struct World {
  std::string dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<accounts::AuditLog> audit;
  std::unique_ptr<VolunteerService> volunteers;
  std::unique_ptr<RecordService> records;
  std::unique_ptr<ShiftService> shifts;
  std::unique_ptr<CertificateService> certificates;  // all on the clock kNow

  std::vector<Staffed> teams;            // by id
  std::vector<Staffed> communities;      // the community organisations, by id
  std::vector<int64_t> volunteer_users;  // the accounts of the volunteers who have one
  std::vector<int64_t> busiest_users;    // of the 100 with the most records (an account each)
  std::vector<std::string> numbers;      // every certificate's, superseded ones too

  // Opens (and seeds) the database and reads back what the benchmarks ask
  // about (progress on stderr). false, with the reason on stderr, when it
  // cannot.
  bool open();
  void close();

 private:
  bool read_back();
};

}  // namespace warmcity::volunteers::bench
