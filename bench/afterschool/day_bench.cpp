// The after-school day at the door (issue #19, docs/afterschool.md "The
// day"): CLIENTS staff tablets (16) each check children in and then out by
// a pickup adult's code, back to back, on one programme of a scratch
// database. Each act is what the routes run: DayService::check_in /
// check_out, one durable write job on the single writer (the staff check,
// the programme, the session day, the enrolment, the attendance; for the
// check-out the child's two adults' salted code hashes and the late alert),
// timed from the call to its answer. Prints the latency percentiles of each
// act and the acts a second. Target: check-out p99 <= 5 ms at 16 clients.
// HTTP (routing, JSON, the socket) is not in these figures.
//
// Run: build/bench/afterschool/afterschool_day_bench [--clients 16]
//        [--children-per-client 300] [--db FILE | postgresql://…]
// (default: a new SQLite file in a temporary directory, removed after).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "accounts/accounts.h"
#include "activities/activity_tables.h"
#include "afterschool/afterschool_tables.h"
#include "afterschool/day_service.h"
#include "afterschool/pickup_adult.h"
#include "areas/areas.h"
#include "facilities/facilities.h"
#include "store/database.h"

namespace warmcity::afterschool::bench {
namespace {

// Monday 2026-09-14, 16:40 district time: a session day of the programme.
constexpr int64_t kNow = 1'789'375'200;
constexpr int64_t kStaff = 3;

Status seed(store::Connection& c, int children) {
  Status s = c.exec(
      "INSERT INTO organisations (id, kind, name, created_at) VALUES (1, 'community', '凤山社区', "
      "0);"
      "INSERT INTO users (id, username, display_name, role, password_hash, phone, created_at, "
      "updated_at) VALUES (3, 'teacher', '王老师', 'worker', 'x', NULL, 0, 0), "
      "(10, 'mother', '张妈妈', 'resident', 'x', '13900000010', 0, 0);"
      "INSERT INTO areas (id, level, parent_id, name, boundary, created_at, updated_at) VALUES "
      "(100, 'subdistrict', NULL, '凤山街道', '{}', 0, 0), (101, 'community', 100, '凤山社区', "
      "'{}', 0, 0);"
      "INSERT INTO facilities (id, kind, name, address, lat, lon, community_id, opening_hours, "
      "created_at, updated_at) VALUES (501, 'afterschool_site', '凤山社区四点半课堂', '凤山路1号', "
      "37.52, 111.14, 101, NULL, 0, 0);"
      "INSERT INTO afterschool_programmes (organiser_org_id, site_id, name, weekdays, start_time, "
      "end_time, capacity, term_start, term_end, on_makeup_days, min_adults, base_children, "
      "per_extra_children, status, created_by, created_at, updated_at) VALUES (1, 501, "
      "'凤山四点半课堂', '12345', '16:30', '18:30', 500, '2026-09-01', '2027-01-20', 0, 2, 25, "
      "20, 'active', 3, 0, 0);"
      "INSERT INTO afterschool_staff (programme_id, user_id, role, background_checked_on, "
      "added_by, added_at) SELECT id, 3, 'staff', '2026-08-01', 3, 0 FROM afterschool_programmes");
  if (!s.ok()) return s;
  for (int i = 0; i < children; ++i) {
    auto child = c.prepare(
        "INSERT INTO children (name, school, grade, birth_date, health_notes, consent_at, "
        "consent_by, consent_version, created_at, updated_at) VALUES (?, '凤山小学', '三年级', "
        "'2017-03-01', NULL, 0, 10, 'afterschool-children-v1', 0, 0) RETURNING id");
    if (!child.ok()) return child.status();
    child->bind(1, "孩子" + std::to_string(i));
    Result<int64_t> id = child->returning_id();
    if (!id.ok()) return id.status();
    auto links = c.prepare(
        "INSERT INTO afterschool_enrolments (child_id, programme_id, status, consent_at, "
        "consent_by, consent_version, created_at) SELECT ?, id, 'active', 0, 10, "
        "'afterschool-enrolment-v1', 0 FROM afterschool_programmes");
    if (!links.ok()) return links.status();
    links->bind(1, *id);
    if (Status r = links->run(); !r.ok()) return r;
    // Two adults a child (a grandmother, the father): the code is the second's.
    for (int a = 0; a < 2; ++a) {
      auto adult = c.prepare(
          "INSERT INTO pickup_adults (owner_user_id, name, relation, phone, birth_date, "
          "photo_sha, valid_until, code_salt, code_hash, code_set_at, created_at, updated_at) "
          "VALUES (10, ?, ?, '13800000001', '1960-01-01', NULL, NULL, ?, '', 0, 0, 0) "
          "RETURNING id");
      if (!adult.ok()) return adult.status();
      const std::string salt = "salt" + std::to_string(*id) + "-" + std::to_string(a);
      adult->bind(1, a == 0 ? "奶奶" : "爸爸").bind(2, a == 0 ? "奶奶" : "父亲").bind(3, salt);
      Result<int64_t> adult_id = adult->returning_id();
      if (!adult_id.ok()) return adult_id.status();
      auto hash = c.prepare("UPDATE pickup_adults SET code_hash = ? WHERE id = ?");
      if (!hash.ok()) return hash.status();
      hash->bind(1, pickup_code_hash(salt, *adult_id, a == 0 ? "111111" : "123456"))
          .bind(2, *adult_id);
      if (Status r = hash->run(); !r.ok()) return r;
      auto link = c.prepare("INSERT INTO child_pickup_adults (child_id, adult_id) VALUES (?, ?)");
      if (!link.ok()) return link.status();
      link->bind(1, *id).bind(2, *adult_id);
      if (Status r = link->run(); !r.ok()) return r;
    }
  }
  return Status::Ok();
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

int run(int argc, char** argv) {
  int clients = 16;
  int per_client = 300;
  std::string where;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--clients")
      clients = std::atoi(argv[i + 1]);
    else if (k == "--children-per-client")
      per_client = std::atoi(argv[i + 1]);
    else if (k == "--db")
      where = argv[i + 1];
  }
  if (clients < 1 || per_client < 1) {
    std::fprintf(stderr, "--clients and --children-per-client must be at least 1\n");
    return 2;
  }
  std::string dir;
  if (where.empty()) {
    char tmpl[] = "/tmp/warmcity-afterschool-bench.XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return 1;
    dir = tmpl;
    where = dir + "/day.db";
  }
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : facilities::migrations()) all.push_back(std::move(m));
  for (auto& m : activities::activity_migrations()) all.push_back(std::move(m));
  for (auto& m : afterschool_migrations()) all.push_back(std::move(m));
  auto db = store::Database::open({where}, all);
  if (!db.ok()) {
    std::fprintf(stderr, "open: %s\n", db.status().message().c_str());
    return 1;
  }
  const int children = clients * per_client;
  if (Status s = (*db)->write([children](store::Connection& c) { return seed(c, children); });
      !s.ok()) {
    std::fprintf(stderr, "seed: %s\n", s.message().c_str());
    return 1;
  }
  int64_t first_child = 0;
  {
    auto q = (*db)->reader().prepare("SELECT MIN(child_id) FROM afterschool_enrolments");
    if (!q.ok() || !q->step().ok()) return 1;
    first_child = q->column_int64(0);
  }
  int64_t programme = 0;
  {
    auto q = (*db)->reader().prepare("SELECT id FROM afterschool_programmes");
    if (!q.ok() || !q->step().ok()) return 1;
    programme = q->column_int64(0);
  }
  DayService day(**db, DayClock{nullptr, [] { return kNow; }});
  const accounts::Caller staff{kStaff, "worker", {}, "127.0.0.1"};
  std::vector<std::vector<double>> ins(clients), outs(clients);
  std::atomic<int> failures{0};
  auto act = [&](bool in, int64_t child) {
    std::promise<Result<Attendance>> p;
    auto f = p.get_future();
    const auto t0 = std::chrono::steady_clock::now();
    if (in) {
      day.check_in(programme, CheckInRequest{child, "from_school", std::nullopt}, staff,
                   [&p](Result<Attendance> a) { p.set_value(std::move(a)); });
    } else {
      CheckOutRequest r;
      r.child_id = child;
      r.method = PickupMethod::kCode;
      r.code = "123456";
      day.check_out(programme, r, staff, [&p](Result<Attendance> a) { p.set_value(std::move(a)); });
    }
    Result<Attendance> a = f.get();
    const auto t1 = std::chrono::steady_clock::now();
    if (!a.ok()) ++failures;
    return std::chrono::duration<double, std::milli>(t1 - t0).count();
  };
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < per_client; ++i) {
        const int64_t child = first_child + int64_t{t} * per_client + i;
        ins[t].push_back(act(true, child));
        outs[t].push_back(act(false, child));
      }
    });
  }
  for (std::thread& th : threads) th.join();
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all_in, all_out;
  for (int t = 0; t < clients; ++t) {
    all_in.insert(all_in.end(), ins[t].begin(), ins[t].end());
    all_out.insert(all_out.end(), outs[t].begin(), outs[t].end());
  }
  std::printf("after-school day on %s: %d clients, %d children, %.0f acts/s, %d failed\n",
              (*db)->engine() == store::Engine::kPostgres ? "PostgreSQL" : "SQLite", clients,
              children, 2.0 * children / secs, failures.load());
  std::printf("check-in   p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
              percentile(all_in, 0.5), percentile(all_in, 0.9), percentile(all_in, 0.99),
              percentile(all_in, 1.0));
  std::printf("check-out  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
              percentile(all_out, 0.5), percentile(all_out, 0.9), percentile(all_out, 0.99),
              percentile(all_out, 1.0));
  (*db)->stop();
  if (!dir.empty()) std::filesystem::remove_all(dir);
  return failures.load() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace warmcity::afterschool::bench

int main(int argc, char** argv) { return warmcity::afterschool::bench::run(argc, argv); }
