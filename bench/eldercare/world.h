// The elder-care benchmark's district, seeded from one seed into a new
// SQLite database in $WARMCITY_BENCH_DIR (default /tmp), removed at close
// (kept when WARMCITY_BENCH_KEEP is set, for EXPLAIN). WARMCITY_BENCH_DB
// names a database to use instead — a SQLite file or a postgresql:// URL,
// migrated to this build's schema, seeded when it holds no teams, reused as
// it is otherwise; it is never removed:
//   3 sub-districts (ids 1–3) holding 14 communities (101–114: 5, 5 and 4)
//   of 3 grids each (1001–1042); 2 teams per grid (84; worker user
//   5000 + t, volunteer 6000 + t);
//   10,000 elders (2 % closed), spread over the grids and paired with one of
//   their grid's teams; tiers high 10 %, priority 30 %, general 60 %; phones
//   13900000000 + i; 5 % opened in the last 60 days and not yet visited;
//   200,000 errands received over the year before `kNow`, in every state:
//   older ones settled 91.5 % (94 % of those confirmed by both: complete),
//   cancelled 7 %, delivered 0.5 %, undelivered 1 % (overdue), the last
//   three days' spread over received … settled;
//   500,000 visits over two years, weighted by tier (high 8, priority 3,
//   general 1); a fifth of the elders not seen for 8–200 days (due);
//   nobody answers 2 % (escalations of the last day left open); 40 changes
//   reported in the last three days.
// Written in one write job through the module's store functions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eldercare/elder_service.h"
#include "eldercare/team_store.h"
#include "store/database.h"

namespace warmcity::eldercare::bench {

constexpr int64_t kNow = 1780045200;  // 2026-05-29 17:00 +08:00, a Friday
constexpr int kSubdistricts = 3, kCommunities = 14, kGrids = 42, kTeamsPerGrid = 2;
constexpr int kElders = 10000, kErrands = 200000, kVisits = 500000;

constexpr int64_t community_of_grid(int g) { return 101 + g / 3; }            // g: 0..41
constexpr int64_t subdistrict_of_community(int c) { return 1 + c * 3 / 14; }  // c: 0..13

struct World {
  std::string dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<ElderService> elders;
  std::vector<Team> teams;          // by index: grid g's are 2g and 2g + 1
  std::vector<std::string> phones;  // elder i's (id i + 1), as entered

  // Creates the database and fills it (progress on stderr). false, with the
  // reason on stderr, when it cannot.
  bool open();
  void close();

 private:
  bool read_back();
};

}  // namespace warmcity::eldercare::bench
