// `warmcity facilities import|export` and `warmcity areas import`: files in
// and out of a database from the shell. A long import prints progress lines
// to stderr (at most four a second) and a summary to stdout; a file with
// errors prints each of them to stderr and exits 1 (nothing imported)
// unless --skip-invalid.
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "accounts/organisation_store.h"
#include "app/application.h"
#include "app/commands.h"
#include "areas/area_import.h"
#include "areas/area_service.h"
#include "core/read_file.h"
#include "core/wait_for.h"
#include "facilities/facility_export.h"
#include "facilities/facility_import.h"

namespace warmcity::app {

namespace {

constexpr char kClientAddress[] = "cli";

using Clock = std::chrono::steady_clock;

std::string read_whole_file(const std::string& path) {
  Result<std::string> text = core::read_file(path, "input file");
  if (!text.ok()) throw CommandFailed(text.status());
  return std::move(*text);
}

// Progress lines on stderr, at most one per kEvery unless forced.
class Progress {
 public:
  explicit Progress(std::string what) : what_(std::move(what)) {}

  void report(const char* verb, size_t done, size_t total, bool force = false) {
    const Clock::time_point now = Clock::now();
    if (!force && now - last_ < kEvery) return;
    last_ = now;
    const size_t percent = total == 0 ? 100 : done * 100 / total;
    std::cerr << what_ << ": " << verb << " " << done << " of " << total << " (" << percent
              << "%)\n";
  }

  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  static constexpr std::chrono::milliseconds kEvery{250};
  std::string what_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
};

std::string errors_text(const facilities::ImportPlan& plan) {
  std::string text;
  for (const facilities::RowError& e : plan.errors) {
    text += "\n  " +
            std::string(plan.format == facilities::ImportFormat::kCsv ? "line " : "feature ") +
            std::to_string(e.line) + ": " + e.field + ": " + e.message;
  }
  return text;
}

struct FacilitiesImport {
  std::string db_path = "var/warmcity.db";
  std::string format;
  std::string encoding;
  std::string coord = "wgs84";
  bool skip_invalid = false;
  std::string input;
};

void run_facilities_import(const FacilitiesImport& o) {
  facilities::ImportOptions options;
  options.format = *facilities::parse_import_format(o.format);
  if (!o.encoding.empty()) options.encoding = core::parse_text_encoding(o.encoding);
  options.gcj02 = o.coord == "gcj02";
  const std::string body = read_whole_file(o.input);
  AppConfig config;
  config.db_path = o.db_path;
  auto app = open_for_command(config);
  Progress progress("facilities import");
  options.progress = [&progress](size_t checked, size_t total) {
    progress.report("checked", checked, total, checked == total);
  };
  store::Connection& reader = app->db().reader();
  Result<facilities::ImportPlan> plan =
      facilities::plan_import(body, options, [&reader](const std::vector<int64_t>& ids) {
        return accounts::missing_organisations(reader, ids);
      });
  if (!plan.ok()) throw CommandFailed(plan.status());
  if (plan->unreadable || (plan->invalid_rows > 0 && !o.skip_invalid)) {
    throw CommandFailed(facilities::import_problem_detail(*plan) + errors_text(*plan));
  }
  if (plan->invalid_rows > 0) {
    std::cerr << "facilities import: skipping " << plan->invalid_rows
              << " invalid rows:" << errors_text(*plan) << "\n";
  }
  std::vector<facilities::Facility> rows;
  rows.reserve(plan->valid.size());
  for (facilities::ImportRow& r : plan->valid) rows.push_back(std::move(r.facility));
  facilities::ImportCounts counts{std::string(facilities::import_format_name(plan->format)),
                                  plan->rows, plan->invalid_rows};
  auto ids = core::wait_for<std::vector<int64_t>>([&](auto done) {
    app->facilities().import(
        std::move(rows), std::move(counts), facilities::Editor{0, true, {}, kClientAddress},
        [&progress](size_t written, size_t all) {
          progress.report("written", written, all, written == all);
        },
        std::move(done));
  });
  if (!ids.ok()) throw CommandFailed(ids.status());
  std::cout << "imported " << ids->size() << " of " << plan->rows << " facilities from " << o.input;
  if (plan->encoding) std::cout << " (" << core::text_encoding_name(*plan->encoding) << ")";
  if (plan->invalid_rows > 0) std::cout << "; skipped " << plan->invalid_rows << " invalid";
  std::cout << " in " << std::fixed << std::setprecision(1) << progress.seconds() << " s\n";
}

void add_facilities_import(CLI::App& parent) {
  auto o = std::make_shared<FacilitiesImport>();
  CLI::App* cmd = parent.add_subcommand(
      "import", "import facilities from a GeoJSON or CSV file (every row is checked first)");
  add_db_options(cmd, o->db_path);
  cmd->add_option("--format", o->format, "geojson or csv")
      ->required()
      ->check(CLI::IsMember({"geojson", "csv"}));
  cmd->add_option("--encoding", o->encoding, "CSV text encoding (default: detect)")
      ->check(CLI::IsMember({"utf-8", "utf8", "gb18030", "gbk", "gb2312"}));
  cmd->add_option("--coord", o->coord, "coordinates are wgs84 or gcj02")
      ->check(CLI::IsMember({"wgs84", "gcj02"}))
      ->capture_default_str();
  cmd->add_flag("--skip-invalid", o->skip_invalid, "import the valid rows, list the others");
  cmd->add_option("input", o->input, "the file to import")->required();
  cmd->callback([o] { run_facilities_import(*o); });
}

void add_facilities_export(CLI::App& parent) {
  auto db = std::make_shared<std::string>("var/warmcity.db");
  auto format = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>("-");
  CLI::App* cmd =
      parent.add_subcommand("export", "write every facility as GeoJSON or CSV (phones in full)");
  add_db_options(cmd, *db);
  cmd->add_option("--format", *format, "geojson or csv")
      ->required()
      ->check(CLI::IsMember({"geojson", "csv"}));
  cmd->add_option("-o,--output", *out, "file to write ('-': stdout)")->capture_default_str();
  cmd->callback([db, format, out] {
    AppConfig config;
    config.db_path = *db;
    auto app = open_for_command(config);
    Result<std::string> text = facilities::export_facilities(
        app->db().reader(), *facilities::parse_import_format(*format));
    if (!text.ok()) throw CommandFailed(text.status());
    if (*out == "-") {
      std::cout << *text;
      return;
    }
    std::ofstream file(*out, std::ios::binary);
    if (!(file << *text) || !file.flush()) throw CommandFailed("cannot write " + *out);
  });
}

void run_areas_import(const std::string& db_path, const std::string& input, bool skip_invalid) {
  const std::string body = read_whole_file(input);
  AppConfig config;
  config.db_path = db_path;
  auto app = open_for_command(config);
  areas::AreaService& service = app->areas().service();
  auto plan = areas::plan_import(body, service.stored_codes());
  if (!plan.ok()) throw CommandFailed(plan.status());
  if (!plan->invalid.empty() && !skip_invalid) throw CommandFailed(areas::import_problem(*plan));
  const size_t skipped = plan->invalid.size();
  auto out = core::wait_for<areas::ImportOutcome>([&](auto done) {
    service.import(std::move(*plan), areas::Editor{0, kClientAddress}, std::move(done));
  });
  if (!out.ok()) throw CommandFailed(out.status());
  for (const areas::SkippedFeature& f : out->skipped) {
    for (const FieldError& e : f.errors)
      std::cerr << "skipped " << e.field << ": " << e.message << "\n";
  }
  std::cout << "imported " << out->created.size() << " areas from " << input;
  if (skipped > 0) std::cout << "; skipped " << skipped << " invalid features";
  std::cout << "\n";
}

}  // namespace

void add_import_commands(CLI::App& cli) {
  CLI::App* facilities = cli.add_subcommand("facilities", "import or export facilities");
  facilities->require_subcommand(1);
  add_facilities_import(*facilities);
  add_facilities_export(*facilities);

  CLI::App* areas = cli.add_subcommand("areas", "import areas");
  areas->require_subcommand(1);
  auto db = std::make_shared<std::string>("var/warmcity.db");
  auto input = std::make_shared<std::string>();
  auto skip = std::make_shared<bool>(false);
  CLI::App* import = areas->add_subcommand(
      "import", "import sub-districts, communities and grids from a GeoJSON FeatureCollection");
  add_db_options(import, *db);
  import->add_flag("--skip-invalid", *skip, "import the valid features, list the others");
  import->add_option("input", *input, "the GeoJSON file")->required();
  import->callback([db, input, skip] { run_areas_import(*db, *input, *skip);
});
}  // namespace warmcity::app

}  // namespace warmcity::app
