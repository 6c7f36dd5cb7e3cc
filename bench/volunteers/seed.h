// The seeding of the volunteers benchmark's district (world.h), in three
// parts run in this order inside one write job, each through the module's
// store functions (and accounts', areas' and activities' for what they own):
//   seed_people        areas, organisations, users, teams, volunteers and
//                      their memberships (seed_people.cpp);
//   seed_ledger        activities, shifts, sign-ups, check-ins and outs,
//                      outcomes, the ledger's records in the order they
//                      were written, corrections, disputes (seed_ledger.cpp);
//   seed_certificates  certificates over 24 months, some reissued
//                      (seed_certificates.cpp).
// One random stream from one seed, so every run makes the same district
// (but the certificates' numbers: the store draws them).
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "world.h"

namespace warmcity::volunteers::bench {

constexpr int64_t kDay = 86400;
constexpr int kSubdistricts = 4, kCommunitiesPerSubdistrict = 6, kTeams = 400;
constexpr int kCommunities = kSubdistricts * kCommunitiesPerSubdistrict;
constexpr int kVolunteers = 20000, kPastShifts = 1900, kComingShifts = 100;
constexpr int kRecords = 500000, kErrands = 50000, kCorrections = 2500, kDisputes = 300;
constexpr int kCertificates = 20000;
constexpr int64_t kLedgerStart = kNow - 730 * kDay;  // the ledger's 24 months

struct DistrictCommunity {
  int64_t area_id = 0;
  int64_t org_id = 0;  // its residents' committee (kind community)
  int64_t worker_user = 0;
  std::string name;
};

struct DistrictTeam {
  int64_t org_id = 0;
  int64_t leader_user = 0;
  int community = 0;  // index
  std::string name;
  std::string leader_name;
  std::string phone;  // the team's contact phone
};

struct DistrictVolunteer {
  int64_t id = 0;
  std::optional<int64_t> user_id;
  int team = 0;               // the home team (index), joined at `joined`
  int second_team = -1;       // also this one from `second_joined`
  bool moved = false;         // left the home team at second_joined
  int64_t joined = 0;         // registered
  int64_t second_joined = 0;  //
  int64_t until = kNow;       // left volunteering then (kNow: still active)
  int weight = 1;             // how much they serve: 100, 20, 4 or 1
  std::string name, volunteer_no, id_masked;

  // The team they served with on `t` (the home team or the second one).
  int team_on(int64_t t, bool prefer_second) const;
};

struct District {
  std::vector<DistrictCommunity> communities;
  std::vector<DistrictTeam> teams;
  std::vector<DistrictVolunteer> volunteers;
  std::vector<int> draw;  // volunteer indexes, each `weight` times: who served
  std::unordered_map<int64_t, std::string> org_names;
  std::unordered_map<int64_t, int64_t> org_staff;  // organisation → its staff user
  std::mt19937_64 rng{20261206};

  double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); }
  int64_t between(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  }
  // A volunteer (index) drawn by how much they serve.
  int someone() {
    return draw[static_cast<size_t>(between(0, static_cast<int64_t>(draw.size()) - 1))];
  }
  int64_t community_org_of(int team) const {
    return communities[static_cast<size_t>(teams[static_cast<size_t>(team)].community)].org_id;
  }
};

// "YYYY-MM-DD" of the district day holding `t`.
std::string date_of(int64_t t);

Status seed_people(store::Connection& c, District& d);
Status seed_ledger(store::Connection& c, District& d);
Status seed_certificates(store::Connection& c, District& d);

}  // namespace warmcity::volunteers::bench
