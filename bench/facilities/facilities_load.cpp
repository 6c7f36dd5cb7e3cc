// facilities_load: what start-up costs with a big database — the time to
// open every module (the facilities index loads every row from SQLite and
// builds its snapshot) and the memory it keeps: the process's resident set
// before and after (freed heap returned first with malloc_trim) and the
// bytes the snapshot counts in its columns, text and tree.
//   facilities_load --db FILE
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "app/application.h"

using namespace warmcity;

namespace {

// VmRSS of this process in bytes.
size_t resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Start-up time and index memory of a database"};
  std::string db;
  cli.add_option("--db", db, "a warmcity database")->required()->check(CLI::ExistingFile);
  CLI11_PARSE(cli, argc, argv);
  malloc_trim(0);
  const size_t rss_before = resident_bytes();
  const auto start = std::chrono::steady_clock::now();
  app::AppConfig config;
  config.db_path = db;
  auto app = app::Application::open(config);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  if (!app.ok()) {
    std::cerr << app.status().message() << "\n";
    return 1;
  }
  malloc_trim(0);
  const size_t rss_after = resident_bytes();
  auto snapshot = (*app)->facilities().snapshot();
  std::printf("facilities in the index: %zu\n", snapshot->size());
  std::printf("start-up (open every module, load and index): %.2f s\n", took.count());
  std::printf("resident memory: %.1f MB before, %.1f MB after, delta %.1f MB\n", rss_before / 1e6,
              rss_after / 1e6, (static_cast<double>(rss_after) - rss_before) / 1e6);
  std::printf("snapshot bytes counted: %.1f MB\n", snapshot->memory_bytes() / 1e6);
  return 0;
}
