#include "core/calendar_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace warmcity::core {
namespace {

bool is_year_file_name(const std::string& name) {
  return name.size() == 8 && name.compare(4, 4, ".txt") == 0 &&
         std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<Calendar> load_calendar_dir(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(path, ec);
  if (ec) return Status::NotFound("calendar directory " + path + ": " + ec.message());

  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : it) {
    if (entry.is_regular_file(ec) && is_year_file_name(entry.path().filename().string())) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());

  Calendar calendar;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open()) return Status::Internal("cannot open " + file.string());
    std::stringstream buffer;
    buffer << in.rdbuf();
    Result<Calendar> parsed = Calendar::parse(buffer.str());
    if (!parsed.ok()) {
      return Status::Unprocessable(file.string() + ": " + parsed.status().message());
    }
    const int year = std::stoi(file.filename().string().substr(0, 4));
    if (parsed->known_years() != std::vector<int>{year}) {
      return Status::Unprocessable(file.string() + ": must declare exactly \"year " +
                                   std::to_string(year) + "\"");
    }
    calendar = calendar.merged(*parsed);
  }
  return calendar;
}

}  // namespace warmcity::core
