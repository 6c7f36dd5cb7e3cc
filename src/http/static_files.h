// StaticFiles: serves the web app from one directory (web/), for GET/HEAD
// paths no API route matches.
//
// Confinement: the request path is percent-decoded, any "." or ".." segment or
// NUL is refused, and the resolved real path must stay inside the root (so a
// symlink cannot lead out). "/" and directories serve their index.html.
// Caching: every file has an ETag (size and mtime) and a Last-Modified;
// a matching If-None-Match (or, without it, an If-Modified-Since not older
// than the file) answers 304 without a body. A versioned asset — any path
// segment of the form `name@version`, e.g. /vendor/leaflet@1.9.4/leaflet.js,
// whose content never changes under that name — is `public,
// max-age=31536000, immutable`; everything else (HTML, the app's own
// modules and styles) is `no-cache`: kept, but revalidated on every use, so
// a new release is seen at once and an unchanged file costs a 304.
// Paths under /api/ never fall through to files: they get the API's 404.
// Every file carries the app's Content-Security-Policy: scripts, styles and
// everything else only from this origin (no inline script, handler or style
// attribute), images also from the map's tile server, never framed.
#pragma once

#include <string>
#include <string_view>

#include "http/router.h"

namespace warmcity::http {

class StaticFiles {
 public:
  // REQUIRES: `root` exists (checked by the caller at start).
  // `tile_url`: the map tiles' URL template ('' for none), whose origin the
  // policy lets images come from.
  explicit StaticFiles(std::string root, std::string_view tile_url = {});
  void serve(const Request& request, const Reply& reply) const;

  static std::string content_type_for(const std::string& path);
  // The Cache-Control value for a request path (see above).
  static std::string cache_control_for(const std::string& path);
  // The web app's Content-Security-Policy for a tile URL template such as
  // "https://{s}.tile.example.org/{z}/{x}/{y}.png" ({s} becomes *).
  static std::string content_security_policy(std::string_view tile_url);

 private:
  std::string root_;  // canonical, without a trailing slash
  std::string policy_;
};

}  // namespace warmcity::http
