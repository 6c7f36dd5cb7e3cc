#include "http/static_files.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>

#include "http/etag.h"
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

// RFC 9110 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(time_t t) {
  struct tm tm {};
  ::gmtime_r(&t, &tm);
  char buf[40];
  size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

std::optional<time_t> parse_http_date(std::string_view text) {
  std::string s(text);
  struct tm tm {};
  const char* end = ::strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0') return std::nullopt;
  return ::timegm(&tm);
}

// A segment "name@version" with a digit after the '@'.
bool is_versioned(const std::string& path) {
  for (size_t at = path.find('@'); at != std::string::npos; at = path.find('@', at + 1)) {
    size_t seg = path.rfind('/', at);
    if (seg != std::string::npos && at > seg + 1 && at + 1 < path.size() &&
        std::isdigit(static_cast<unsigned char>(path[at + 1]))) {
      return true;
    }
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(std::string root, std::string_view tile_url)
    : root_(canonical(root)), policy_(content_security_policy(tile_url)) {}

std::string StaticFiles::content_security_policy(std::string_view tile_url) {
  std::string tiles;
  size_t scheme = tile_url.find("://");
  if (scheme != std::string_view::npos) {
    size_t end = tile_url.find('/', scheme + 3);
    std::string origin(tile_url.substr(0, end));
    if (size_t s = origin.find("{s}"); s != std::string::npos) origin.replace(s, 3, "*");
    // Only a plain origin goes into the header (no spaces, quotes or ';').
    if (origin.find_first_of(" ;'\"{}") == std::string::npos) tiles = " " + origin;
  }
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" +
         tiles +
         "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
         "form-action 'self'; frame-ancestors 'none'";
}

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

std::string StaticFiles::cache_control_for(const std::string& path) {
  return is_versioned(path) ? "public, max-age=31536000, immutable" : "no-cache";
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
  r.set_header("Last-Modified", http_date(st.st_mtime));
  r.set_header("Cache-Control", cache_control_for(*decoded));
  r.set_header("Content-Security-Policy", policy_);
  std::string_view if_none_match = request.header("if-none-match");
  std::optional<time_t> since =
      if_none_match.empty() ? parse_http_date(request.header("if-modified-since")) : std::nullopt;
  if ((!if_none_match.empty() && etag_matches(if_none_match, etag)) ||
      (since && st.st_mtime <= *since)) {
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
