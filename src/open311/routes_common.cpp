// Helpers shared by the Open311 routes (routes.h) and the module's entry point.
#include "http/problem.h"
#include "open311/routes.h"

namespace warmcity::open311 {

Format format_of_path(std::string_view path) {
  const size_t slash = path.rfind('/');
  std::optional<Resource> r =
      split_format(slash == std::string_view::npos ? path : path.substr(slash + 1));
  return r ? r->format : Format::kXml;
}

int open311_status(int http_status) {
  if (http_status == 404 || http_status == 405 || http_status >= 500) return http_status;
  if (http_status == 401 || http_status == 403) return 403;
  return 400;
}

http::Response error_for(Format format, int http_status, std::string_view description) {
  return error_response(format, open311_status(http_status), {std::string(description)});
}

http::Response error_for(Format format, const Status& s) {
  std::vector<std::string> descriptions;
  for (const FieldError& e : s.field_errors()) descriptions.push_back(e.field + ": " + e.message);
  if (descriptions.empty()) descriptions.push_back(s.message());
  return error_response(format, open311_status(http::http_status(s.code())), descriptions);
}

void add_both(http::Router& router, http::Method method, const std::string& path,
              http::Access access, FormatHandler handler, http::RouteOptions options) {
  for (Format f : {Format::kJson, Format::kXml}) {
    router.add(
        method, path + (f == Format::kJson ? ".json" : ".xml"), access,
        [f, handler](http::Request& req, http::Reply reply) { handler(f, req, std::move(reply)); },
        options);
  }
}

void add_with_param(http::Router& router, const std::string& pattern, const std::string& param,
                    ParamHandler handler, const std::string& summary) {
  router.add(http::Method::kGet, pattern, http::Access::Public(),
             [param, handler](http::Request& req, http::Reply reply) {
               std::optional<Resource> r = split_format(req.path_param(param));
               if (!r || r->name.empty()) {
                 return reply(error_for(Format::kXml, 404,
                                        "no such resource: the path must end in .json or .xml"));
               }
               handler(r->format, r->name, req, std::move(reply));
             },
             {.summary = summary});
}

void register_routes(http::Router& router, store::Database& db, appeals::AppealService& appeals,
                     Config config) {
  router.set_error_format("/open311/",
                          [](const http::Request& req, int status, std::string_view detail) {
                            return error_for(format_of_path(req.path), status, detail);
                          });
  // Shared by the routes' handlers, which keep it alive with the router.
  auto service = std::make_shared<Open311Service>(db, appeals);
  register_service_routes(router, appeals, config);
  register_request_routes(router, service);
  register_key_routes(router, service);
}

}  // namespace warmcity::open311
