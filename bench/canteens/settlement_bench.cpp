// A canteen's month of 100,000 meals settled (issue #17 "Settlement"), on a
// scratch SQLite file: 300 elders, two thirds of the meals theirs at one of
// three tiers (the rest full price), a quarter delivered with a proof, a few
// cancelled late and not home; each order with two dish lines. Timed as the
// routes run them, on the reader:
//   Summary   SettlementService::summary (the month by tier, what the JSON
//             answer and the close count)
//   Lines     SettlementService::lines and settlement_csv (the CSV with the
//             masked names and dishes; includes the audit row's commit)
// Target: ≤ 2 s each.
//
// Run: build/bench/canteens/canteen_settlement_bench
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include "accounts/accounts.h"
#include "canteens/menus.h"
#include "canteens/order_tables.h"
#include "canteens/settlement_csv.h"
#include "canteens/settlement_service.h"
#include "canteens/subsidy_service.h"
#include "eldercare/eldercare.h"
#include "facilities/facilities.h"
#include "facilities/facility_store.h"

namespace warmcity::canteens::bench {
namespace {

constexpr int kMeals = 100000;
constexpr int kElders = 300;
const std::string kMonth = "2026-11";

struct World {
  std::string dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<SettlementService> service;
  int64_t canteen = 0;
};

World g_world;

Status seed(store::Connection& c, int64_t canteen) {
  if (Status s = c.exec("INSERT INTO organisations (id, kind, name, created_at) VALUES "
                        "(7, 'keeper', '生态园食堂', 0)");
      !s.ok()) {
    return s;
  }
  int64_t dishes[2] = {0, 0};
  for (int d = 0; d < 2; ++d) {
    auto q = c.prepare(
        "INSERT INTO canteen_dishes (canteen_id, name, kind, price_fen, created_at, updated_at) "
        "VALUES (?, ?, 'dish', 600, 0, 0) RETURNING id");
    if (!q.ok()) return q.status();
    q->bind(1, canteen).bind(2, d == 0 ? "红烧肉" : "清炒时蔬");
    Result<int64_t> id = q->returning_id();
    if (!id.ok()) return id.status();
    dishes[d] = *id;
  }
  std::vector<int64_t> elders;
  for (int e = 0; e < kElders; ++e) {
    auto q = c.prepare(
        "INSERT INTO elders (name, phones, address, lat, lon, grid_id, birth_date, risk_tier, "
        "consent_basis, consent_by, consent_at, created_at, updated_at) VALUES "
        "(?, '[]', '交通路 12 号', 37.51, 111.105, 30, '1945-03-08', 'general', 'consent', 1, 0, "
        "0, 0) RETURNING id");
    if (!q.ok()) return q.status();
    q->bind(1, "老人" + std::to_string(e));
    Result<int64_t> id = q->returning_id();
    if (!id.ok()) return id.status();
    elders.push_back(*id);
  }
  const char* tiers[3] = {"60-69岁", "70-79岁", "80岁以上"};
  const int64_t amounts[3] = {200, 300, 500};
  for (int i = 0; i < kMeals; ++i) {
    const bool elder = i % 3 != 0;
    const int t = i % 7 % 3;
    const bool delivery = i % 4 == 0;
    const char* status = delivery ? (i % 100 == 0 ? "not_home" : "delivered") : "served";
    if (i % 250 == 1) status = "cancelled_late";
    const bool late = std::string(status) == "cancelled_late";
    const int64_t subsidy = elder && !late ? amounts[t] : 0;
    char day[11];
    std::snprintf(day, sizeof day, "2026-11-%02d", 1 + i % 30);
    auto q = c.prepare(
        "INSERT INTO canteen_orders (canteen_id, kind, served_on, month, meal, elder_id, "
        "price_fen, subsidy_fen, pays_fen, tier, status, created_at, created_by, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 1200, ?, ?, ?, ?, 0, 1, 0) RETURNING id");
    if (!q.ok()) return q.status();
    q->bind(1, canteen).bind(2, delivery ? "delivery" : "counter").bind(3, day).bind(4, kMonth);
    q->bind(5, i % 2 ? "lunch" : "dinner");
    q->bind(6, elder ? std::optional<int64_t>(elders[static_cast<size_t>(i) % elders.size()])
                     : std::nullopt);
    q->bind(7, subsidy).bind(8, 1200 - subsidy).bind(9, elder ? tiers[t] : "").bind(10, status);
    Result<int64_t> id = q->returning_id();
    if (!id.ok()) return id.status();
    for (int d = 0; d < 2; ++d) {
      auto l = c.prepare(
          "INSERT INTO canteen_order_lines (order_id, seq, dish_id, dish_name, unit_fen, qty) "
          "VALUES (?, ?, ?, ?, 600, 1)");
      if (!l.ok()) return l.status();
      l->bind(1, *id).bind(2, d).bind(3, dishes[d]).bind(4, d == 0 ? "红烧肉" : "清炒时蔬");
      if (Result<bool> r = l->step(); !r.ok()) return r.status();
    }
    if (std::string(status) == "delivered") {
      auto e = c.prepare(
          "INSERT INTO canteen_order_events (order_id, kind, at, by_user, proof) "
          "VALUES (?, 'delivered', 0, 1, 'code')");
      if (!e.ok()) return e.status();
      e->bind(1, *id);
      if (Result<bool> r = e->step(); !r.ok()) return r.status();
    }
  }
  return Status::Ok();
}

bool open_world() {
  if (g_world.db) return true;
  std::string pattern = std::filesystem::temp_directory_path().string() + "/settlement_XXXXXX";
  if (!::mkdtemp(pattern.data())) return false;
  g_world.dir = pattern;
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : facilities::migrations()) all.push_back(std::move(m));
  for (auto& m : eldercare::migrations()) all.push_back(std::move(m));
  for (auto& m : menu_migrations()) all.push_back(std::move(m));
  for (auto& m : subsidy_migrations()) all.push_back(std::move(m));
  for (auto& m : order_migrations()) all.push_back(std::move(m));
  auto db = store::Database::open({pattern + "/settlement.db"}, all);
  if (!db.ok()) {
    std::fprintf(stderr, "open: %s\n", db.status().message().c_str());
    return false;
  }
  g_world.db = std::move(*db);
  facilities::Facility f;
  f.kind = facilities::Kind::kCanteen;
  f.name = "生态园长者食堂";
  f.address = "离石区";
  f.lat = 37.52;
  f.lon = 111.14;
  Status s = g_world.db->write([&f](store::Connection& c) {
    if (Status st = facilities::insert_facility(c, f); !st.ok()) return st;
    return seed(c, f.id);
  });
  if (!s.ok()) {
    std::fprintf(stderr, "seed: %s\n", s.message().c_str());
    return false;
  }
  g_world.canteen = f.id;
  g_world.service = std::make_unique<SettlementService>(
      *g_world.db,
      [](store::Connection&, int64_t) -> Result<std::string> { return std::string("管理员"); });
  return true;
}

const Caller kAdmin{1, "admin", {}, "127.0.0.1"};

void BM_Summary(benchmark::State& state) {
  if (!open_world()) return state.SkipWithError("no world");
  for (auto _ : state) {
    Result<SettlementSummary> s = g_world.service->summary(g_world.canteen, kMonth, kAdmin);
    if (!s.ok() || s->totals.meals == 0) return state.SkipWithError("no summary");
    benchmark::DoNotOptimize(s->totals.subsidy_fen);
    state.counters["meals"] = static_cast<double>(s->totals.meals);
  }
}
BENCHMARK(BM_Summary)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

void BM_LinesCsv(benchmark::State& state) {
  if (!open_world()) return state.SkipWithError("no world");
  for (auto _ : state) {
    std::promise<Result<SettlementLines>> p;
    g_world.service->lines(g_world.canteen, kMonth, kAdmin,
                           [&p](Result<SettlementLines> r) { p.set_value(std::move(r)); });
    Result<SettlementLines> l = p.get_future().get();
    if (!l.ok()) return state.SkipWithError("no lines");
    const std::string csv = settlement_csv(*l);
    state.counters["csv_mb"] = static_cast<double>(csv.size()) / 1e6;
  }
}
BENCHMARK(BM_LinesCsv)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

}  // namespace
}  // namespace warmcity::canteens::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  warmcity::canteens::bench::g_world.service.reset();
  if (warmcity::canteens::bench::g_world.db) warmcity::canteens::bench::g_world.db->stop();
  std::error_code ec;
  std::filesystem::remove_all(warmcity::canteens::bench::g_world.dir, ec);
  benchmark::Shutdown();
  return 0;
}
