#include "app/data_paths.h"

#include <filesystem>
#include <system_error>
#include <vector>

namespace warmcity::app {

namespace fs = std::filesystem;

std::string locate_data(const std::string& path) {
  std::error_code ec;
  if (path.empty() || fs::path(path).is_absolute() || fs::exists(path, ec)) return path;
  std::vector<fs::path> candidates;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "warmcity" / path);
#ifdef WARMCITY_SOURCE_DIR
  candidates.push_back(fs::path(WARMCITY_SOURCE_DIR) / path);
#endif
  for (const fs::path& c : candidates) {
    if (fs::exists(c, ec)) return c.lexically_normal().string();
  }
  return path;
}

}  // namespace warmcity::app
