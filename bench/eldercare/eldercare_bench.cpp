// Elder care's read queries at 10,000 elders, 200,000 errands and 500,000
// visits (issue #16's figures), on the SQLite reader, as the routes run them:
// the errand queues (list_errands with the filter ErrandService::list
// builds for that caller), the due-visits lists (due_elders and
// open_escalations, as VisitService::due calls them), the caller-ID lookup
// (elders_with_phone, then get_elder) and the dashboard's counts
// (ElderService::counts). The district: world.h.
//
// Every iteration is timed alone (wall clock and the thread's CPU time);
// the counters give the percentiles against the target:
//   p50_us, p99_us   wall clock      cpu_p99_us   the thread's CPU time
//   target_us        the issue's     rows         rows per answer, average
// On a shared machine the wall-clock tail is the neighbours' as much as
// ours: cpu_p99_us is what the query itself costs.
//
// Run: build/bench/eldercare/eldercare_bench [--benchmark_filter=Errands]
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "eldercare/elder_store.h"
#include "eldercare/errand_store.h"
#include "eldercare/visit_store.h"
#include "timed_query.h"
#include "world.h"

namespace warmcity::eldercare::bench {
namespace {

World g_world;

constexpr double kQueueTargetUs = 10000, kCallerIdTargetUs = 1000, kCountsTargetUs = 20000;

using warmcity::bench::timed;

// A team, a grid, a community, a sub-district, an elder for iteration i:
// spread so that consecutive iterations ask about different places.
const Team& team_at(int64_t i) {
  return g_world.teams[static_cast<size_t>((i * 37) % (kGrids * kTeamsPerGrid))];
}
int64_t community_at(int64_t i) { return 101 + (i * 5) % kCommunities; }
int64_t elder_at(int64_t i) { return 1 + (i * 7919) % kElders; }

// The errand list an ErrandService::list call by `member` (a worker bound
// to `areas`, or a volunteer when `areas` is empty) runs; kNow as its clock.
Result<size_t> errands(ErrandFilter f, std::optional<int64_t> member,
                       std::vector<int64_t> areas = {}) {
  f.member = member;
  if (!areas.empty()) f.in_areas = std::move(areas);
  f.until = f.queue == ErrandQueue::kToday ? end_of_local_day(kNow) : kNow;
  f.limit = 51;  // the route's default page of 50, plus one
  Result<std::vector<Errand>> rows = list_errands(g_world.db->reader(), f);
  if (!rows.ok()) return rows.status();
  return rows->size();
}

ErrandFilter queue(ErrandQueue q) {
  ErrandFilter f;
  f.queue = q;
  return f;
}

// --- Errands (target p99 ≤ 10 ms) -------------------------------------------

void BM_ErrandsTeamToday(benchmark::State& state) {  // the team's worker
  timed(state, kQueueTargetUs, [](int64_t i) {
    const Team& t = team_at(i);
    ErrandFilter f = queue(ErrandQueue::kToday);
    f.team_id = t.id;
    return errands(f, t.worker_user_id, {t.grid_id});
  });
}

void BM_ErrandsTeamOverdue(benchmark::State& state) {
  timed(state, kQueueTargetUs, [](int64_t i) {
    const Team& t = team_at(i);
    ErrandFilter f = queue(ErrandQueue::kOverdue);
    f.team_id = t.id;
    return errands(f, t.worker_user_id, {t.grid_id});
  });
}

void BM_ErrandsCommunityOpen(benchmark::State& state) {  // a community worker
  timed(state, kQueueTargetUs, [](int64_t i) {
    ErrandFilter f = queue(ErrandQueue::kOpen);
    f.community_id = community_at(i);
    return errands(f, 7000, {*f.community_id});
  });
}

void BM_ErrandsElderHistory(benchmark::State& state) {  // her errands, all
  timed(state, kQueueTargetUs, [](int64_t i) {
    ErrandFilter f = queue(ErrandQueue::kAll);
    f.elder_id = elder_at(i);
    return errands(f, std::nullopt);
  });
}

void BM_ErrandsVolunteer(benchmark::State& state, ErrandQueue q) {  // her teams'
  timed(state, kQueueTargetUs,
        [q](int64_t i) { return errands(queue(q), team_at(i).volunteer_user_id); });
}

void BM_ErrandsGridWorker(benchmark::State& state, ErrandQueue q) {  // bound to her grid
  timed(state, kQueueTargetUs, [q](int64_t i) {
    const Team& t = team_at(i);
    return errands(queue(q), t.worker_user_id, {t.grid_id});
  });
}

void BM_ErrandsSubdistrictWorker(benchmark::State& state, ErrandQueue q) {  // on no team
  timed(state, kQueueTargetUs,
        [q](int64_t i) { return errands(queue(q), 7100, {1 + i % kSubdistricts}); });
}

void BM_ErrandsSupervisionOverdue(benchmark::State& state) {  // an admin
  timed(state, kQueueTargetUs,
        [](int64_t) { return errands(queue(ErrandQueue::kOverdue), std::nullopt); });
}

// --- Due visits (target p99 ≤ 10 ms) ----------------------------------------

// VisitService::due's two queries for `scope` (the default limit 200, + 1).
Result<size_t> due(const DueScope& scope) {
  store::Connection& r = g_world.db->reader();
  Result<std::vector<DueElder>> elders =
      due_elders(r, scope, VisitRules{}, end_of_local_day(kNow), 201);
  if (!elders.ok()) return elders.status();
  Result<std::vector<OpenEscalation>> open = open_escalations(r, scope, INT64_MAX, 201);
  if (!open.ok()) return open.status();
  return elders->size() + open->size();
}

void BM_DueVisitsTeam(benchmark::State& state) {
  timed(state, kQueueTargetUs, [](int64_t i) { return due({team_at(i).id, std::nullopt}); });
}

void BM_DueVisitsCommunity(benchmark::State& state) {
  timed(state, kQueueTargetUs, [](int64_t i) { return due({std::nullopt, community_at(i)}); });
}

// --- Caller ID (target ≤ 1 ms) ----------------------------------------------

void BM_CallerId(benchmark::State& state) {
  timed(state, kCallerIdTargetUs, [](int64_t i) -> Result<size_t> {
    store::Connection& r = g_world.db->reader();
    const std::optional<std::string> form =
        caller_id_form(g_world.phones[static_cast<size_t>(elder_at(i) - 1)]);
    Result<std::vector<int64_t>> ids = elders_with_phone(r, form.value_or(""));
    if (!ids.ok()) return ids.status();
    for (int64_t id : *ids) {
      if (Result<Elder> e = get_elder(r, id); !e.ok()) return e.status();
    }
    return ids->size();
  });
}

// --- Counts (target p99 ≤ 20 ms) --------------------------------------------

Result<size_t> counts(const Caller& by) {
  Result<std::vector<CommunityCount>> rows = g_world.elders->counts(std::nullopt, by);
  if (!rows.ok()) return rows.status();
  return rows->size();
}

void BM_CountsAdmin(benchmark::State& state) {  // every elder
  timed(state, kCountsTargetUs, [](int64_t) { return counts({1, "admin", {}, "127.0.0.1"}); });
}

void BM_CountsSubdistrictWorker(benchmark::State& state) {
  timed(state, kCountsTargetUs, [](int64_t i) {
    return counts({7100, "worker", {1 + i % kSubdistricts}, "127.0.0.1"});
  });
}

constexpr int kQuick = 2000, kSlow = 300;
#define ELDERCARE_TIMED(b, n) b->Iterations(n)->Unit(benchmark::kMicrosecond)
#define ELDERCARE_BENCH(fn, n) ELDERCARE_TIMED(BENCHMARK(fn), n)
#define ELDERCARE_QUEUE(fn, name, q) ELDERCARE_TIMED(BENCHMARK_CAPTURE(fn, name, q), kQuick)
ELDERCARE_BENCH(BM_ErrandsTeamToday, kQuick);
ELDERCARE_BENCH(BM_ErrandsTeamOverdue, kQuick);
ELDERCARE_BENCH(BM_ErrandsCommunityOpen, kQuick);
ELDERCARE_BENCH(BM_ErrandsElderHistory, kQuick);
ELDERCARE_QUEUE(BM_ErrandsVolunteer, open, ErrandQueue::kOpen);
ELDERCARE_QUEUE(BM_ErrandsVolunteer, today, ErrandQueue::kToday);
ELDERCARE_QUEUE(BM_ErrandsVolunteer, all, ErrandQueue::kAll);
ELDERCARE_QUEUE(BM_ErrandsGridWorker, all, ErrandQueue::kAll);
ELDERCARE_QUEUE(BM_ErrandsGridWorker, open, ErrandQueue::kOpen);
ELDERCARE_QUEUE(BM_ErrandsGridWorker, overdue, ErrandQueue::kOverdue);
ELDERCARE_QUEUE(BM_ErrandsSubdistrictWorker, all, ErrandQueue::kAll);
ELDERCARE_QUEUE(BM_ErrandsSubdistrictWorker, open, ErrandQueue::kOpen);
ELDERCARE_QUEUE(BM_ErrandsSubdistrictWorker, overdue, ErrandQueue::kOverdue);
ELDERCARE_BENCH(BM_ErrandsSupervisionOverdue, kQuick);
ELDERCARE_BENCH(BM_DueVisitsTeam, kQuick);
ELDERCARE_BENCH(BM_DueVisitsCommunity, kQuick);
ELDERCARE_BENCH(BM_CallerId, kQuick);
ELDERCARE_BENCH(BM_CountsAdmin, kSlow);
ELDERCARE_BENCH(BM_CountsSubdistrictWorker, kSlow);

}  // namespace
}  // namespace warmcity::eldercare::bench

int main(int argc, char** argv) {
  return warmcity::bench::run_benchmarks(argc, argv, warmcity::eldercare::bench::g_world);
}
