// For the Google Benchmark programs that time one query an iteration against
// an issue's figure (bench/eldercare, bench/volunteers), and their main(): each iteration is
// timed alone, wall clock and the thread's CPU time, and the counters give
// the percentiles beside the target:
//   p50_us, p99_us   wall clock      cpu_p99_us   the thread's CPU time
//   target_us        the issue's     rows         rows per answer, average
// On a shared machine the wall-clock tail is the neighbours' as much as
// ours: cpu_p99_us is what the query itself costs.
#pragma once

#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/status.h"

namespace warmcity::bench {

inline double thread_cpu_us() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// The p-th percentile (0..1) of `v`, which it sorts; 0 for none.
inline double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(static_cast<double>(v.size()) * p))];
}

// Times `query(i)` (the rows it answered) once per iteration i.
inline void timed(benchmark::State& state, double target_us,
                  const std::function<Result<size_t>(int64_t)>& query) {
  std::vector<double> wall, cpu;
  wall.reserve(static_cast<size_t>(state.max_iterations));
  cpu.reserve(wall.capacity());
  int64_t i = 0;
  double rows = 0;
  for (auto _ : state) {
    const double c0 = thread_cpu_us();
    const auto t0 = std::chrono::steady_clock::now();
    Result<size_t> n = query(i++);
    wall.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(thread_cpu_us() - c0);
    if (!n.ok()) {
      state.SkipWithError(n.status().message().c_str());
      return;
    }
    rows += static_cast<double>(*n);
  }
  state.counters["p50_us"] = percentile(wall, 0.50);
  state.counters["p99_us"] = percentile(wall, 0.99);
  state.counters["cpu_p99_us"] = percentile(cpu, 0.99);
  state.counters["target_us"] = target_us;
  state.counters["rows"] = i > 0 ? rows / static_cast<double>(i) : 0;
}

// main() of such a program: its flags, then the world opened (seeded or
// found), every benchmark chosen, the world closed. 1 when a flag is unknown
// or the world does not open.
template <class World>
int run_benchmarks(int argc, char** argv, World& world) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!world.open()) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  world.close();
  return 0;
}

}  // namespace warmcity::bench
