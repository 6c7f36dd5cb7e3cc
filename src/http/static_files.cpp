#include "http/static_files.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "http/problem.h"

namespace warmcity::http {

namespace {

std::string canonical(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (!resolved) return {};
  std::string out(resolved);
  std::free(resolved);
  return out;
}

bool has_bad_segment(const std::string& path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string_view seg(path.data() + start, slash - start);
    if (seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos) return true;
    start = slash + 1;
  }
  return false;
}

Response not_found(const std::string& path) { return problem(404, "no such page: " + path); }

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(canonical(root)) {}

std::string StaticFiles::content_type_for(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [ext, type] : kTypes) {
    std::string_view e(ext);
    if (path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0) {
      return type;
    }
  }
  return "application/octet-stream";
}

void StaticFiles::serve(const Request& request, const Reply& reply) const {
  if (request.path.rfind("/api/", 0) == 0 || root_.empty()) {
    return reply(not_found(request.path));
  }
  auto decoded = percent_decode(request.path, false);
  if (!decoded || decoded->empty() || (*decoded)[0] != '/' || has_bad_segment(*decoded)) {
    return reply(not_found(request.path));
  }
  std::string path = root_ + *decoded;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    if (path.back() != '/') path += '/';
    path += "index.html";
  }
  std::string real = canonical(path);
  if (real.empty() || real.rfind(root_ + "/", 0) != 0 || ::stat(real.c_str(), &st) != 0 ||
      !S_ISREG(st.st_mode)) {
    return reply(not_found(request.path));
  }
  std::string etag = "\"" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtime) + "\"";
  Response r;
  r.content_type = content_type_for(real);
  r.set_header("ETag", etag);
  r.set_header("Cache-Control",
               r.content_type.rfind("text/html", 0) == 0 ? "no-cache" : "public, max-age=3600");
  r.set_header("X-Content-Type-Options", "nosniff");
  if (request.header("if-none-match") == etag) {
    r.status = 304;
    return reply(std::move(r));
  }
  std::ifstream in(real, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in.good() && !in.eof()) return reply(problem(Status::Internal("cannot read " + real)));
  r.body = buf.str();
  reply(std::move(r));
}

}  // namespace warmcity::http
