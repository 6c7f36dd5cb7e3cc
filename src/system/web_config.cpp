// GET /api/v1/web-config: the server's options the browser app reads at start.
#include <nlohmann/json.hpp>

#include "http/problem.h"
#include "system/system.h"

namespace warmcity::system {

void register_web_config(http::Router& router, WebConfig config) {
  nlohmann::ordered_json body = {
      {"tile_url", config.tile_url.empty() ? nlohmann::ordered_json(nullptr)
                                           : nlohmann::ordered_json(config.tile_url)},
      {"tile_attribution", config.tile_attribution}};
  // Built once: the options do not change while the server runs.
  std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  router.add(http::Method::kGet, "/api/v1/web-config", http::Access::Public(),
             [text](http::Request&, http::Reply reply) {
               http::Response r = http::json_response(text);
               r.set_header("Cache-Control", "no-cache");
               reply(std::move(r));
             });
}

}  // namespace warmcity::system
