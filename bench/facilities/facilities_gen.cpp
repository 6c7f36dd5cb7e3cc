// facilities_gen: writes the synthetic district (synthetic.h) for the
// benchmarks — into a new warmcity database (every module's schema, the
// facilities in one transaction) and/or a CSV that the PostGIS side loads
// (id,kind,lat,lon,name). Same count and seed: same facilities.
//   facilities_gen --count 1000000 [--seed S] [--db FILE] [--csv FILE]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/application.h"
#include "facilities/facility_store.h"
#include "synthetic.h"

using namespace warmcity;

namespace {

int write_db(const std::string& path, std::vector<facilities::Facility>& all) {
  if (std::filesystem::exists(path)) {
    std::cerr << path << " exists; give a new file\n";
    return 1;
  }
  app::AppConfig config;
  config.db_path = path;
  auto app = app::Application::open(config);
  if (!app.ok()) {
    std::cerr << app.status().message() << "\n";
    return 1;
  }
  Status written = (*app)->db().write([&all](store::Connection& c) {
    for (facilities::Facility& f : all) {
      if (Status s = facilities::insert_facility(c, f); !s.ok()) return s;
    }
    return Status::Ok();
  });
  if (!written.ok()) {
    std::cerr << written.message() << "\n";
    return 1;
  }
  // Stopping the writer checkpoints the WAL into the main file, as a server
  // that has run a while would have it.
  app->reset();
  return 0;
}

void write_csv(const std::string& path, const std::vector<facilities::Facility>& all) {
  std::ofstream out(path);
  char line[160];
  for (const facilities::Facility& f : all) {
    std::snprintf(line, sizeof line, "%lld,%s,%.9f,%.9f\n", static_cast<long long>(f.id),
                  std::string(facilities::kind_name(f.kind)).c_str(), f.lat, f.lon);
    out << line;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Writes the synthetic benchmark district"};
  size_t count = 100000;
  uint64_t seed = bench::kSeed;
  std::string db, csv;
  cli.add_option("--count", count, "facilities")->required();
  cli.add_option("--seed", seed, "generator seed");
  cli.add_option("--db", db, "a new warmcity database file");
  cli.add_option("--csv", csv, "a CSV file: id,kind,lat,lon");
  CLI11_PARSE(cli, argc, argv);
  const auto start = std::chrono::steady_clock::now();
  std::vector<facilities::Facility> all = bench::synthetic_facilities(count, seed);
  if (!csv.empty()) write_csv(csv, all);
  if (!db.empty() && write_db(db, all) != 0) return 1;
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::cout << "wrote " << all.size() << " facilities in " << took.count() << " s\n";
  return 0;
}
