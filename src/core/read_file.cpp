#include "core/read_file.h"

#include <fstream>
#include <sstream>

namespace warmcity::core {

Result<std::string> read_file(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) return Status::NotFound("cannot read " + std::string(what) + " " + path);
  return text.str();
}

}  // namespace warmcity::core
