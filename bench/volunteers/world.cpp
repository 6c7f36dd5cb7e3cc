// The volunteers benchmark's district (world.h): the database opened or
// made, seeded in one write job (seed.h), and what the benchmarks ask about
// read back from it, so a reused database serves as a fresh one does.
#include "world.h"

#include <stdlib.h>

#include <cstdio>
#include <filesystem>

#include "accounts/accounts.h"
#include "activities/activity_tables.h"
#include "areas/areas.h"
#include "facilities/facilities.h"
#include "seed.h"
#include "volunteers/volunteer_tables.h"

namespace warmcity::volunteers::bench {
namespace {

std::string make_dir() {
  const char* base = std::getenv("WARMCITY_BENCH_DIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                        "/warmcity_volunteers_bench_XXXXXX";
  return ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
}

std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto* part : {&areas::migrations, &facilities::migrations, &activities::activity_migrations,
                     &volunteer_migrations}) {
    for (auto& m : (*part)()) all.push_back(std::move(m));
  }
  return all;
}

// The organisations of `kind` with the first user on their staff, by id.
Result<std::vector<Staffed>> staffed(store::Connection& r, const char* kind) {
  Result<store::Statement> s = r.prepare(
      "SELECT o.id, MIN(m.user_id) FROM organisations o JOIN memberships m ON "
      "m.organisation_id = o.id WHERE o.kind = ? GROUP BY o.id ORDER BY o.id");
  if (!s.ok()) return s.status();
  s->bind(1, kind);
  return store::collect<Staffed>(*s, [](store::Statement& q) {
    return Staffed{q.column_int64(0), q.column_int64(1)};
  });
}

Result<std::vector<int64_t>> ints(store::Connection& r, const std::string& sql) {
  Result<store::Statement> s = r.prepare(sql);
  if (!s.ok()) return s.status();
  return store::collect<int64_t>(*s, [](store::Statement& q) { return q.column_int64(0); });
}

Status seed(store::Connection& c) {
  District d;
  if (Status s = seed_people(c, d); !s.ok()) return s;
  if (Status s = seed_ledger(c, d); !s.ok()) return s;
  return seed_certificates(c, d);
}

}  // namespace

bool World::read_back() {
  store::Connection& r = db->reader();
  Result<std::vector<Staffed>> t = staffed(r, "volunteer_team");
  Result<std::vector<Staffed>> m = staffed(r, "community");
  Result<std::vector<int64_t>> users =
      ints(r,
           "SELECT user_id FROM volunteers WHERE user_id IS NOT NULL AND status = 'active' "
           "ORDER BY id");
  Result<std::vector<int64_t>> busiest =
      ints(r,
           "SELECT v.user_id FROM volunteers v JOIN (SELECT volunteer_id, COUNT(*) AS n FROM "
           "volunteer_records GROUP BY volunteer_id) x ON x.volunteer_id = v.id WHERE v.user_id IS "
           "NOT NULL ORDER BY x.n DESC, v.id LIMIT 100");
  Result<store::Statement> n = r.prepare("SELECT number FROM volunteer_certificates ORDER BY id");
  if (!t.ok() || !m.ok() || !users.ok() || !busiest.ok() || !n.ok()) {
    std::fprintf(stderr, "cannot read %s back\n", db->describe().c_str());
    return false;
  }
  Result<std::vector<std::string>> got =
      store::collect<std::string>(*n, [](store::Statement& q) { return q.column_text(0); });
  if (!got.ok() || t->size() != static_cast<size_t>(kTeams) ||
      m->size() != static_cast<size_t>(kCommunities) || users->empty() || busiest->empty() ||
      got->size() < static_cast<size_t>(kCertificates)) {
    std::fprintf(stderr, "%s is not a database this bench seeded\n", db->describe().c_str());
    return false;
  }
  teams = std::move(*t);
  communities = std::move(*m);
  volunteer_users = std::move(*users);
  busiest_users = std::move(*busiest);
  numbers = std::move(*got);
  return true;
}

bool World::open() {
  const char* reuse = std::getenv("WARMCITY_BENCH_DB");
  const bool fresh = reuse == nullptr || *reuse == '\0';
  if (fresh) {
    dir = make_dir();
    if (dir.empty()) {
      std::fprintf(stderr, "cannot make a directory in $WARMCITY_BENCH_DIR (or /tmp)\n");
      return false;
    }
  }
  const std::string file = fresh ? dir + "/volunteers.db" : std::string(reuse);
  auto opened = store::Database::open({file}, all_migrations());
  if (!opened.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", file.c_str(), opened.status().message().c_str());
    return false;
  }
  db = std::move(*opened);
  const auto clock = [] { return kNow; };
  audit = std::make_unique<accounts::AuditLog>(*db);
  volunteers = std::make_unique<VolunteerService>(*db, clock);
  records = std::make_unique<RecordService>(*db, clock);
  shifts = std::make_unique<ShiftService>(*db, *audit, clock);
  certificates = std::make_unique<CertificateService>(*db, clock);
  Result<std::vector<Staffed>> any = staffed(db->reader(), "volunteer_team");
  if (!any.ok()) return false;
  if (!any->empty()) {
    std::fprintf(stderr, "reusing %s (WARMCITY_BENCH_DB)\n", db->describe().c_str());
    return read_back();
  }
  std::fprintf(stderr, "seeding %s (one write job; a few minutes)\n", db->describe().c_str());
  if (Status s = db->write(seed); !s.ok()) {
    std::fprintf(stderr, "seeding failed: %s\n", s.message().c_str());
    return false;
  }
  // PostgreSQL plans by statistics its autovacuum gathers after a load;
  // gather them now. SQLite is left as the server leaves it (no ANALYZE).
  if (db->engine() == store::Engine::kPostgres) {
    const Status a = db->write([](store::Connection& c) { return c.exec("ANALYZE"); });
    if (!a.ok()) std::fprintf(stderr, "ANALYZE failed: %s\n", a.message().c_str());
  }
  return read_back();
}

void World::close() {
  certificates.reset();
  shifts.reset();
  records.reset();
  volunteers.reset();
  audit.reset();
  if (db) db->stop();
  db.reset();
  if (dir.empty()) return;  // a reused database stays
  const char* keep = std::getenv("WARMCITY_BENCH_KEEP");
  if (keep != nullptr && *keep != '\0') {
    std::fprintf(stderr, "kept %s/volunteers.db (WARMCITY_BENCH_KEEP)\n", dir.c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace warmcity::volunteers::bench
