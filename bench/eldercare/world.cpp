#include "world.h"

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "accounts/accounts.h"
#include "eldercare/elder_store.h"
#include "eldercare/eldercare.h"
#include "eldercare/errand_store.h"
#include "eldercare/visit_store.h"

namespace warmcity::eldercare::bench {
namespace {

constexpr int64_t kDay = 86400;

std::string make_dir() {
  const char* base = std::getenv("WARMCITY_BENCH_DIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                        "/warmcity_eldercare_bench_XXXXXX";
  return ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
}

// Elders lie in the grid they are placed in; the bench never locates anyone.
areas::Location no_locate(double, double) { return {}; }

class Seeder {
 public:
  Seeder(store::Connection& c, World& w) : c_(c), w_(w) {}

  Status run() {
    if (Status s = seed_teams(); !s.ok()) return s;
    if (Status s = seed_elders(); !s.ok()) return s;
    if (Status s = seed_errands(); !s.ok()) return s;
    return seed_visits();
  }

 private:
  double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }
  int64_t between(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }

  Status seed_teams() {
    for (int t = 0; t < kGrids * kTeamsPerGrid; ++t) {
      const int g = t / kTeamsPerGrid;
      Team team{0,        1001 + g,      community_of_grid(g), "结对帮扶组",      5000 + t,
                6000 + t, "13903580001", "Mo-Fr 08:30-17:30",  kNow - 800 * kDay, 1};
      if (Status s = insert_team(c_, team); !s.ok()) return s;
      w_.teams.push_back(team);
    }
    return Status::Ok();
  }

  Status seed_elders() {
    const std::vector<std::string>& codes = category_codes();
    for (int i = 0; i < kElders; ++i) {
      const int g = i % kGrids;
      Elder e;
      e.name = "测试老人";
      e.phones = {"139" + std::to_string(10000000 + i)};
      e.address = "交通路 12 号";
      e.lat = 37.52;
      e.lon = 111.14;
      e.grid_id = 1001 + g;
      e.community_id = community_of_grid(g);
      e.subdistrict_id = subdistrict_of_community(g / 3);
      e.birth_date = "1941-03-08";
      for (size_t k = 0; k < codes.size(); ++k) {
        if (uniform() < 0.2) e.categories.push_back(codes[k]);
      }
      const double tier = uniform();
      e.risk_tier = tier < 0.1 ? "high" : tier < 0.4 ? "priority" : "general";
      e.consent = {"consent", "本人口头同意", 1, kNow - 800 * kDay};
      const bool recent = uniform() < 0.05;
      e.created_at = e.updated_at =
          recent ? kNow - between(0, 60 * kDay) : kNow - between(2 * 365 * kDay, 3 * 365 * kDay);
      e.consent.recorded_at = e.created_at;
      e.team_id = w_.teams[g * kTeamsPerGrid + (i / kGrids) % kTeamsPerGrid].id;
      if (uniform() < 0.02) {
        e.closed = true;
        e.closed_reason = "moved_out";
        e.closed_at = kNow - between(0, 300 * kDay);
      }
      if (Status s = insert_elder(c_, e); !s.ok()) return s;
      w_.phones.push_back(e.phones.front());
      elders_.push_back(std::move(e));
    }
    std::fprintf(stderr, "  %d elders, %zu teams\n", kElders, w_.teams.size());
    return Status::Ok();
  }

  // The state an errand received `age` seconds before kNow is in now.
  ErrandState state_at_age(int64_t age) {
    const double r = uniform();
    if (age > 3 * kDay) {
      return r < 0.915   ? ErrandState::kSettled
             : r < 0.985 ? ErrandState::kCancelled
             : r < 0.99  ? ErrandState::kDelivered
             : r < 0.995 ? ErrandState::kDoing
                         : ErrandState::kAssigned;
    }
    if (age < kDay) {
      return r < 0.05   ? ErrandState::kReceived
             : r < 0.5  ? ErrandState::kAssigned
             : r < 0.75 ? ErrandState::kDoing
             : r < 0.9  ? ErrandState::kDelivered
             : r < 0.95 ? ErrandState::kSettled
                        : ErrandState::kCancelled;
    }
    return r < 0.1    ? ErrandState::kAssigned
           : r < 0.2  ? ErrandState::kDoing
           : r < 0.5  ? ErrandState::kDelivered
           : r < 0.95 ? ErrandState::kSettled
                      : ErrandState::kCancelled;
  }

  Status seed_errands() {
    const int64_t span = 365 * kDay;
    for (int k = 0; k < kErrands; ++k) {
      const Elder& elder = elders_[static_cast<size_t>(between(0, kElders - 1))];
      const Team& team = team_of(elder);
      Errand e;
      e.elder_id = elder.id;
      e.community_id = elder.community_id;
      e.received_at = kNow - span + span * k / kErrands;
      e.received_by = team.worker_user_id;
      e.due_at = e.received_at + 2 * kDay;
      e.updated_at = e.received_at;
      switch (k % 3) {
        case 0:
          e.work = {"shopping", {{"西葫芦", 2, 600}, {"胡萝卜", 1, 300}}, "", "", ""};
          break;
        case 1:
          e.work = {"medicine", {}, "社区卫生服务站", "降压药 一个月", ""};
          break;
        default:
          e.work = {"task", {}, "", "", "交水费"};
      }
      e.state = state_at_age(kNow - e.received_at);
      if (e.state != ErrandState::kReceived) {
        e.team_id = team.id;
        e.assign_reason = "her_team";
        e.assigned_at = e.received_at + 60;
      }
      finish(e, team, e.state == ErrandState::kSettled && uniform() < 0.94);
      if (Status s = insert_errand(c_, e); !s.ok()) return s;
      if (e.state != ErrandState::kReceived && e.state != ErrandState::kAssigned) {
        if (Status s = update_errand(c_, e); !s.ok()) return s;
      }
      if ((k + 1) % 50000 == 0) std::fprintf(stderr, "  %d errands\n", k + 1);
    }
    return Status::Ok();
  }

  // Fills in what the steps up to e.state recorded.
  void finish(Errand& e, const Team& team, bool confirmed) {
    const int64_t t = e.received_at;
    if (e.state == ErrandState::kReceived || e.state == ErrandState::kAssigned) return;
    if (e.state == ErrandState::kCancelled) {
      e.cancelled_at = t + 3600;
      e.cancel_reason = "老人说不需要了";
      e.updated_at = t + 3600;
      return;
    }
    e.started_at = t + 7200;
    e.updated_at = t + 7200;
    if (e.state == ErrandState::kDoing) return;
    e.delivered_at = t + 20 * 3600;
    e.delivered_to = "本人";
    e.volunteer_minutes = 45;
    e.updated_at = t + 20 * 3600;
    if (e.state == ErrandState::kDelivered) return;
    e.settlement = Settlement{860, 1000, 140, "cash", t + 21 * 3600, team.worker_user_id};
    e.updated_at = t + 21 * 3600;
    if (!confirmed) return;
    e.worker_confirmed_by = team.worker_user_id;
    e.worker_confirmed_at = t + 22 * 3600;
    e.volunteer_confirmed_by = team.volunteer_user_id;
    e.volunteer_confirmed_at = t + 22 * 3600;
    e.updated_at = t + 22 * 3600;
  }

  Status seed_visits() {
    // Elders drawn by tier weight; a fifth not seen for 8–200 days.
    std::vector<size_t> draw;
    std::vector<int64_t> last(elders_.size());
    for (size_t i = 0; i < elders_.size(); ++i) {
      const Elder& e = elders_[i];
      const int weight = e.risk_tier == "high" ? 8 : e.risk_tier == "priority" ? 3 : 1;
      if (e.created_at > kNow - 60 * kDay) continue;  // new: not yet visited
      draw.insert(draw.end(), static_cast<size_t>(weight), i);
      last[i] = uniform() < 0.2 ? kNow - between(8 * kDay, 200 * kDay) : kNow - 3600;
    }
    for (int k = 0; k < kVisits; ++k) {
      const size_t i = draw[static_cast<size_t>(between(0, static_cast<int64_t>(draw.size()) - 1))];
      const Elder& e = elders_[i];
      const Team& team = team_of(e);
      Visit v;
      v.elder_id = e.id;
      v.grid_id = e.grid_id;
      v.community_id = e.community_id;
      v.team_id = team.id;
      v.visited_by = uniform() < 0.5 ? team.worker_user_id : team.volunteer_user_id;
      v.visited_at = between(std::max(e.created_at, kNow - 730 * kDay), last[i]);
      v.recorded_at = v.visited_at + 600;
      v.how = k % 3 == 0 ? "home" : k % 3 == 1 ? "phone" : "video";
      const double r = uniform();
      v.outcome = r < 0.9 ? "seen_well" : r < 0.98 ? "concern" : "nobody_answers";
      if (v.outcome == "nobody_answers") {
        v.escalation = "open";
        v.escalation_deadline = v.visited_at + 1800;
      }
      if (Status s = insert_visit(c_, v); !s.ok()) return s;
      if (v.escalation == "open" && v.visited_at < kNow - kDay) {
        if (Status s = resolve_escalation(c_, v.id, v.visited_at + 1700); !s.ok()) return s;
      }
      if ((k + 1) % 100000 == 0) std::fprintf(stderr, "  %d visits\n", k + 1);
    }
    for (int k = 0; k < 40; ++k) {
      const Elder& e = elders_[static_cast<size_t>(between(0, kElders - 1))];
      ChangeRecord r{e.id, k % 2 == 0 ? "fall" : "hospital_stay", "", kNow - between(0, 3 * kDay),
                     team_of(e).worker_user_id};
      if (Status s = insert_change(c_, r); !s.ok()) return s;
    }
    return Status::Ok();
  }

  const Team& team_of(const Elder& e) const {
    return w_.teams[static_cast<size_t>(*e.team_id - w_.teams.front().id)];
  }

  store::Connection& c_;
  World& w_;
  std::mt19937_64 rng_{20261205};
  std::vector<Elder> elders_;
};

}  // namespace

// A database an earlier run kept (WARMCITY_BENCH_DB): its teams read back.
bool World::read_back() {
  Result<std::vector<Team>> got = list_teams(db->reader(), {});
  if (!got.ok() || got->size() != static_cast<size_t>(kGrids * kTeamsPerGrid)) {
    std::fprintf(stderr, "%s is not a database this bench seeded\n", db->path().c_str());
    return false;
  }
  teams = std::move(*got);
  for (int i = 0; i < kElders; ++i) phones.push_back("139" + std::to_string(10000000 + i));
  std::fprintf(stderr, "reusing %s (WARMCITY_BENCH_DB)\n", db->path().c_str());
  return true;
}

bool World::open() {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto* part : {&migrations, &visit_migrations, &errand_migrations}) {
    for (auto& m : (*part)()) all.push_back(std::move(m));
  }
  const char* reuse = std::getenv("WARMCITY_BENCH_DB");
  const bool seed = reuse == nullptr || *reuse == '\0';
  if (seed) {
    dir = make_dir();
    if (dir.empty()) {
      std::fprintf(stderr, "cannot make a directory in $WARMCITY_BENCH_DIR (or /tmp)\n");
      return false;
    }
  }
  const std::string file = seed ? dir + "/eldercare.db" : std::string(reuse);
  auto opened = store::Database::open({file}, all);
  if (!opened.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", file.c_str(), opened.status().message().c_str());
    return false;
  }
  db = std::move(*opened);
  auto service = ElderService::open(*db, no_locate, [] { return kNow; });
  if (!service.ok()) return false;
  elders = std::move(*service);
  if (!seed) {
    Result<std::vector<Team>> any = list_teams(db->reader(), {});
    if (!any.ok() || !any->empty()) return read_back();  // else an empty one: seed it
  }
  std::fprintf(stderr, "seeding %s (one write job; about a minute)\n", db->describe().c_str());
  const Status s = db->write([this](store::Connection& c) { return Seeder(c, *this).run(); });
  if (!s.ok()) {
    std::fprintf(stderr, "seeding failed: %s\n", s.message().c_str());
    return false;
  }
  // PostgreSQL plans by statistics its autovacuum gathers after a load;
  // gather them now. SQLite is left as the server leaves it (no ANALYZE).
  if (db->engine() == store::Engine::kPostgres) {
    const Status a = db->write([](store::Connection& c) { return c.exec("ANALYZE"); });
    if (!a.ok()) std::fprintf(stderr, "ANALYZE failed: %s\n", a.message().c_str());
  }
  std::fprintf(stderr, "seeded: %d elders, %d errands, %d visits\n", kElders, kErrands, kVisits);
  return true;
}

void World::close() {
  elders.reset();
  if (db) db->stop();
  db.reset();
  const char* keep = std::getenv("WARMCITY_BENCH_KEEP");
  if (dir.empty()) return;  // a reused database stays
  if (keep != nullptr && *keep != '\0') {
    std::fprintf(stderr, "kept %s/eldercare.db (WARMCITY_BENCH_KEEP)\n", dir.c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace warmcity::eldercare::bench
