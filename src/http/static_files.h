// StaticFiles: serves the web app from one directory (web/), for GET/HEAD
// paths no API route matches.
//
// Confinement: the request path is percent-decoded, any "." or ".." segment or
// NUL is refused, and the resolved real path must stay inside the root (so a
// symlink cannot lead out). "/" and directories serve their index.html.
// Caching: HTML is `no-cache` (always revalidated), other assets
// `max-age=3600`; every file has an ETag, and If-None-Match answers 304.
// Paths under /api/ never fall through to files: they get the API's 404.
#pragma once

#include <string>

#include "http/router.h"

namespace warmcity::http {

class StaticFiles {
 public:
  // REQUIRES: `root` exists (checked by the caller at start).
  explicit StaticFiles(std::string root);
  void serve(const Request& request, const Reply& reply) const;

  static std::string content_type_for(const std::string& path);

 private:
  std::string root_;  // canonical, without a trailing slash
};

}  // namespace warmcity::http
