// Group commit against one commit per write, with synchronous=FULL.
//
// 64 threads each submit a small INSERT and wait for its `done` (what an HTTP
// handler does before it answers "saved"). BM_GroupCommit lets the writer put
// everything queued into one transaction; BM_CommitPerWrite sets max_batch = 1
// so every write pays its own COMMIT and fsync. items_per_second is the number
// to compare. The database lives in $WARMCITY_BENCH_DIR (default /tmp): put it
// on the disk you mean to measure, not on tmpfs.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/database.h"

namespace warmcity::store {
namespace {

const std::vector<Migration> kSchema = {
    {"bench", 1,
     "CREATE TABLE events (id INTEGER PRIMARY KEY, who INTEGER NOT NULL, seq INTEGER NOT NULL,"
     " body TEXT NOT NULL)"},
};

std::unique_ptr<Database> g_db;  // set up and torn down by thread 0
std::string g_dir;

std::string make_dir() {
  const char* base = std::getenv("WARMCITY_BENCH_DIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                        "/warmcity_store_bench_XXXXXX";
  return ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
}

void run_writers(benchmark::State& state, size_t max_batch) {
  if (state.thread_index() == 0) {
    g_dir = make_dir();
    Options options;
    options.path = g_dir + "/bench.db";
    options.max_batch = max_batch;
    auto db = Database::open(options, kSchema);
    if (db.ok()) g_db = std::move(*db);
  }
  const int64_t who = state.thread_index();
  int64_t seq = 0;
  for (auto _ : state) {  // every thread starts here after thread 0's setup
    if (!g_db) {
      state.SkipWithError("cannot open the bench database (WARMCITY_BENCH_DIR?)");
      break;
    }
    Status s = g_db->write([who, n = seq++](Connection& c) {
      Result<Statement> st = c.prepare("INSERT INTO events (who, seq, body) VALUES (?1, ?2, ?3)");
      return st.ok() ? st->bind(1, who).bind(2, n).bind(3, "报修：路灯不亮").run() : st.status();
    });
    if (!s.ok()) {
      state.SkipWithError(s.message().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0 && g_db) {  // every thread has left its loop
    const WriterStats stats = g_db->stats();
    state.counters["commits"] = static_cast<double>(stats.commits);
    state.counters["avg_batch"] =
        stats.commits > 0 ? static_cast<double>(stats.batch_sum) / stats.commits : 0.0;
    g_db.reset();
    std::error_code ec;
    std::filesystem::remove_all(g_dir, ec);
  }
}

void BM_GroupCommit(benchmark::State& state) { run_writers(state, Options{}.max_batch); }
void BM_CommitPerWrite(benchmark::State& state) { run_writers(state, 1); }

BENCHMARK(BM_GroupCommit)->Threads(64)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_CommitPerWrite)->Threads(64)->UseRealTime()->MinTime(2.0);

}  // namespace
}  // namespace warmcity::store

BENCHMARK_MAIN();
