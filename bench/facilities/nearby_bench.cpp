// The nearby query on synthetic districts of 100,000 and 1,000,000
// facilities (synthetic.h), in process, no HTTP:
//   BM_NearbyKind          kind filter, 10 nearest (the query PostGIS runs)
//   BM_NearbyKindOpenNow   kind filter, open at the instant, 10 results
// Args: facilities, instant (0: a Wednesday 10:00, 1: the same day 22:00,
// when a sanitation worker looks for a love station), seconds (0: every
// query in the same second, as under load, when the opening-hours states
// evaluated by the thread's last query are reused; 1: each query one second
// later than the one before, so every state is evaluated anew). The kind is
// love_station (15% of the facilities). Each iteration asks at the next of
// 4096 random points. Counters: index_MB (Snapshot::memory_bytes) and hits.
//   BM_Save                one save into a snapshot of 1,000,000 (args:
//                          facilities, changes already in the overlay)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "core/calendar_loader.h"
#include "core/time.h"
#include "facilities/entry.h"
#include "facilities/snapshot.h"
#include "synthetic.h"

namespace {

using namespace warmcity;
using facilities::Snapshot;

const core::Calendar& calendar() {
  static const core::Calendar* cal = [] {
    Result<core::Calendar> r = core::load_calendar_dir(WARMCITY_CALENDAR_DIR);
    if (!r.ok()) {
      std::cerr << r.status().message() << "\n";
      std::exit(1);
    }
    return new core::Calendar(*r);
  }();
  return *cal;
}

const Snapshot& snapshot(size_t count) {
  static std::map<size_t, std::shared_ptr<const Snapshot>> built;
  auto& s = built[count];
  if (!s) {
    facilities::EntryReader reader;
    std::vector<facilities::Entry> entries;
    for (const facilities::Facility& f : bench::synthetic_facilities(count)) {
      entries.push_back(*reader.read(f));
    }
    s = Snapshot::build(std::move(entries));
  }
  return *s;
}

void run(benchmark::State& state, bool open_only) {
  const Snapshot& s = snapshot(static_cast<size_t>(state.range(0)));
  static const std::vector<core::LatLon> points = bench::synthetic_points(4096);
  facilities::NearbyQuery q;
  q.kind = facilities::Kind::kLoveStation;
  q.open_only = open_only;
  q.limit = 10;
  const int64_t from = *core::parse_rfc3339(state.range(1) == 0 ? "2026-01-14T10:00:00+08:00"
                                                                : "2026-01-14T22:00:00+08:00");
  const bool tick = state.range(2) != 0;
  q.at = from;
  size_t i = 0;
  size_t hits = 0;
  for (auto _ : state) {
    if (tick) q.at = from + static_cast<int64_t>(i % 3600);
    q.lat = points[i % points.size()].lat;
    q.lon = points[i % points.size()].lon;
    ++i;
    std::vector<facilities::Hit> found = s.nearby(q, calendar());
    hits += found.size();
    benchmark::DoNotOptimize(found.data());
  }
  state.counters["hits"] = static_cast<double>(hits) / static_cast<double>(i);
  state.counters["index_MB"] = static_cast<double>(s.memory_bytes()) / 1e6;
}

void BM_NearbyKind(benchmark::State& state) { run(state, false); }
void BM_NearbyKindOpenNow(benchmark::State& state) { run(state, true); }

// One save: a new snapshot sharing the base, with an overlay already holding
// range(1) changes (the index folds at LiveIndex::kFoldAt = 1024).
void BM_Save(benchmark::State& state) {
  const Snapshot& s = snapshot(static_cast<size_t>(state.range(0)));
  facilities::EntryReader reader;
  std::vector<facilities::Facility> changed = bench::synthetic_facilities(2048, 7);
  std::shared_ptr<const Snapshot> current = s.with(1, *reader.read(changed[0]));
  for (int64_t i = 1; i < state.range(1); ++i) {
    changed[i].id = i * 97;
    current = current->with(changed[i].id, *reader.read(changed[i]));
  }
  const facilities::Entry entry = *reader.read(changed[0]);
  for (auto _ : state) benchmark::DoNotOptimize(current->with(5, entry));
  state.counters["overlay"] = static_cast<double>(current->overlay_size());
}

BENCHMARK(BM_Save)->Args({1000000, 1})->Args({1000000, 1023});
BENCHMARK(BM_NearbyKind)
    ->Args({100000, 0, 0})
    ->Args({100000, 0, 1})
    ->Args({1000000, 0, 0})
    ->Args({1000000, 0, 1});
BENCHMARK(BM_NearbyKindOpenNow)
    ->Args({100000, 0, 0})
    ->Args({100000, 1, 0})
    ->Args({100000, 1, 1})
    ->Args({1000000, 0, 0})
    ->Args({1000000, 1, 0})
    ->Args({1000000, 1, 1});

}  // namespace

BENCHMARK_MAIN();
