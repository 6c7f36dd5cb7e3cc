#include "app/data_paths.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include "store/database.h"

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

Result<std::string> photo_dir_for(const std::string& db, const std::string& data_dir,
                                  const std::string& photo_dir) {
  if (!photo_dir.empty()) return photo_dir;
  if (!data_dir.empty()) return (fs::path(data_dir) / "photos").string();
  if (store::names_postgres(db)) {
    return Status::InvalidArgument(
        "a PostgreSQL database needs --data-dir DIR (or WARMCITY_DATA_DIR): the directory for "
        "appeal photos, shared by every instance");
  }
  return db + "-photos";
}

Status make_data_dir(const std::string& dir) {
  if (dir.empty()) return Status::Ok();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return Status::InvalidArgument("cannot make the data directory " + dir + ": " + ec.message());
  return Status::Ok();
}

std::string without_password(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t pg = text.find("postgres", pos);
    if (pg == std::string_view::npos) break;
    const size_t scheme_end = text.find("://", pg);
    const std::string_view scheme = text.substr(pg, scheme_end - pg);
    if (scheme_end == std::string_view::npos || (scheme != "postgres" && scheme != "postgresql")) {
      out.append(text.substr(pos, pg + 8 - pos));
      pos = pg + 8;
      continue;
    }
    // userinfo ends at the last '@' before the first '/', '?', '#' or blank.
    const size_t start = scheme_end + 3;
    size_t end = text.find_first_of("/?# \t\n'\"", start);
    if (end == std::string_view::npos) end = text.size();
    const size_t at = text.substr(start, end - start).rfind('@');
    const size_t colon =
        at == std::string_view::npos ? std::string_view::npos : text.substr(start, at).find(':');
    if (colon == std::string_view::npos) {
      out.append(text.substr(pos, end - pos));
    } else {
      out.append(text.substr(pos, start + colon - pos));      // up to the user name
      out.append(text.substr(start + at, end - start - at));  // from '@'
    }
    pos = end;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

}  // namespace warmcity::app
