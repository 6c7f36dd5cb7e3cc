// Benchmarks for warmcity_core: the per-facility work of "what is open near
// me now?" (opening-hours state, next change), parsing a keeper's value, the
// calendar lookups and the coordinate conversions.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <vector>

#include "core/calendar_loader.h"
#include "core/geo.h"
#include "core/opening_hours.h"
#include "core/time.h"

namespace {

using namespace warmcity::core;
using warmcity::Result;

constexpr char kTypical[] = "Mo-Fr 08:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off";
constexpr char kOvernight[] = "WD 00:00-08:00,18:00-24:00; OD 00:00-24:00";

const Calendar& calendar() {
  static const Calendar* cal = [] {
    Result<Calendar> r = load_calendar_dir(WARMCITY_CALENDAR_DIR);
    if (!r.ok()) {
      std::cerr << r.status().message() << "\n";
      std::exit(1);
    }
    return new Calendar(*r);
  }();
  return *cal;
}

// Instants spread over 2025 (every 7 h 13 min) so no branch is always taken.
std::vector<int64_t> instants() {
  std::vector<int64_t> out;
  const int64_t start = *parse_rfc3339("2025-01-01T00:00:00+08:00");
  for (int i = 0; i < 1024; ++i) out.push_back(start + int64_t{i} * (7 * 3600 + 13 * 60));
  return out;
}

void BM_OpeningHoursStateAt(benchmark::State& state, const char* expr) {
  const OpeningHours oh = *OpeningHours::parse(expr);
  const Calendar& cal = calendar();
  const std::vector<int64_t> times = instants();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(oh.state_at(times[i++ & 1023], cal));
  }
}
BENCHMARK_CAPTURE(BM_OpeningHoursStateAt, typical, kTypical);
BENCHMARK_CAPTURE(BM_OpeningHoursStateAt, wd_od_overnight, kOvernight);

void BM_OpeningHoursNextChange(benchmark::State& state) {
  const OpeningHours oh = *OpeningHours::parse(kTypical);
  const Calendar& cal = calendar();
  const std::vector<int64_t> times = instants();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(oh.next_change(times[i++ & 1023], cal));
  }
}
BENCHMARK(BM_OpeningHoursNextChange);

void BM_OpeningHoursParse(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(OpeningHours::parse(kTypical));
  }
}
BENCHMARK(BM_OpeningHoursParse);

void BM_CalendarIsWorkingDay(benchmark::State& state) {
  const Calendar& cal = calendar();
  int64_t day = days_from_civil({2025, 1, 1});
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.is_working_day(civil_from_days(day + (day & 511))));
    ++day;
  }
}
BENCHMARK(BM_CalendarIsWorkingDay);

void BM_Wgs84ToGcj02(benchmark::State& state) {
  double lat = 37.52;
  for (auto _ : state) {
    benchmark::DoNotOptimize(wgs84_to_gcj02({lat, 111.14}));
    lat += 1e-7;
  }
}
BENCHMARK(BM_Wgs84ToGcj02);

void BM_Gcj02ToWgs84(benchmark::State& state) {
  double lat = 37.52;
  for (auto _ : state) {
    benchmark::DoNotOptimize(gcj02_to_wgs84({lat, 111.14}));
    lat += 1e-7;
  }
}
BENCHMARK(BM_Gcj02ToWgs84);

void BM_DistanceM(benchmark::State& state) {
  double lat = 37.52;
  for (auto _ : state) {
    benchmark::DoNotOptimize(distance_m({lat, 111.14}, {37.55, 111.20}));
    lat += 1e-7;
  }
}
BENCHMARK(BM_DistanceM);

}  // namespace

BENCHMARK_MAIN();
