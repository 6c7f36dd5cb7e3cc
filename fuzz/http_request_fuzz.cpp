// Fuzz target: HTTP request framing and the request reading of src/http.
//
// The input is the bytes a client sends on one connection. They go through
// Boost.Beast's request parser with the limits and refusals the server's
// Session applies (src/http/server.cpp: 16 KiB of header, Transfer-Encoding
// only as chunked and never with Content-Length, Host on HTTP/1.1, the
// route's body limit known from the header), then into a Request built the
// way the server builds it, then through the real Router (path match,
// percent-decoded path parameters, methods, content type, authentication,
// roles) to handlers that read the query (query_param, query_params,
// parse_page, cursors) and the path id. Up to four pipelined requests are
// read while the connection stays open.
// Invariants:
//   - a body that was read has the length its Content-Length named
//   - every request is answered exactly once, with a status 200..599
//   - a refusal of the router is problem+json carrying the same status
//   - a page's limit is within bounds, its cursor round-trips
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "http/beast_request.h"
#include "http/json_input.h"
#include "http/message.h"
#include "http/pagination.h"
#include "http/problem.h"
#include "http/router.h"

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using namespace warmcity::http;

constexpr size_t kHeaderLimit = 16 * 1024;  // ServerConfig::header_limit's default

void list_items(Request& req, Reply reply) {
  auto page = parse_page(req);
  if (!page.ok()) return reply(problem(page.status()));
  FUZZ_CHECK(page->limit >= 1 && page->limit <= 200);
  if (page->before_id) {
    FUZZ_CHECK(decode_cursor(encode_cursor(*page->before_id)) == page->before_id);
  }
  auto tags = req.query_params("tag");
  auto q = req.query_param("q");
  if (q) FUZZ_CHECK(q->size() <= req.query.size());  // decoding never lengthens
  for (const auto& t : tags) FUZZ_CHECK(t.size() <= req.query.size());
  reply(json_response("{}"));
}

void get_item(Request& req, Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(problem(warmcity::Status::NotFound("no item")));
  FUZZ_CHECK(*id > 0);
  reply(json_response("{}"));
}

void create_item(Request& req, Reply reply) {
  auto doc = parse_json_object(req.body);
  if (!doc.ok()) return reply(problem(doc.status()));
  FieldReader in(*doc);
  in.optional_string("name", 1, 64);
  in.optional_int("count", 0, 100);
  in.reject_unknown();
  if (!in.ok()) return reply(problem(in.status()));
  reply(json_response("{}", 201));
}

void note(Request& req, Reply reply) {
  FUZZ_CHECK(req.principal.has_value());
  FUZZ_CHECK(req.principal->role == Role::kAdmin);
  // A segment that does not decode arrives as "" (router.cpp); others decoded.
  std::string_view raw = std::string_view(req.path).substr(req.path.rfind('/') + 1);
  FUZZ_CHECK(req.path_param("note") == percent_decode(raw, false).value_or(""));
  reply(json_response("{}"));
}

const Router& router() {
  static const Router* r = [] {
    auto* router = new Router();
    RouteOptions small;
    small.body_limit = 4096;
    router->add(Method::kGet, "/api/v1/items", Access::Public(), list_items);
    router->add(Method::kGet, "/api/v1/items/{id}", Access::Public(), get_item);
    router->add(Method::kPost, "/api/v1/items", Access::Public(), create_item, small);
    router->add(Method::kPatch, "/api/v1/items/{id}/notes/{note}", Access::Roles({Role::kAdmin}),
                note, small);
    router->set_authenticator([](const Request& req) -> warmcity::Result<std::optional<Principal>> {
      std::string_view auth = req.header("authorization");
      if (auth.empty()) return std::optional<Principal>();
      if (auth != "Bearer admin") return warmcity::Status::Unauthenticated("bad token");
      Principal p;
      p.user_id = 1;
      p.username = "admin";
      p.role = Role::kAdmin;
      return std::optional<Principal>(p);
    });
    return router;
  }();
  return *r;
}

// Dispatches one framed request as Session::handle does; returns keep-alive.
bool handle(bhttp::request_parser<bhttp::string_body>& parser, bool body_read) {
  auto msg = parser.release();
  Request request;
  fill_request(msg, request);
  request.client_address = "192.0.2.7";

  int answers = 0;
  Response answer;
  std::string label;
  router().dispatch(
      request,
      [&](Response r) {
        ++answers;
        answer = std::move(r);
      },
      &label);
  FUZZ_CHECK(answers == 1);  // every route here answers on the calling thread
  FUZZ_CHECK(answer.status >= 200 && answer.status <= 599);
  FUZZ_CHECK(!label.empty());
  if (answer.content_type == "application/problem+json") {
    auto body = nlohmann::json::parse(answer.body, nullptr, false);
    FUZZ_CHECK(body.is_object());
    FUZZ_CHECK(body.value("status", 0) == answer.status);
  }
  return body_read && msg.keep_alive();
}

// Reads one request from `bytes` (from *pos); false when the connection ends.
bool one_request(std::string_view bytes, size_t* pos) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(kHeaderLimit));
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  while (!parser.is_header_done()) {
    size_t used = parser.put(boost::asio::buffer(bytes.data() + *pos, bytes.size() - *pos), ec);
    *pos += used;
    if (ec == bhttp::error::need_more && *pos < bytes.size() && used > 0) continue;
    if (ec || used == 0) return false;  // refused (400/431) or waiting for more: the end
  }
  auto& req = parser.get();
  const bool has_te = req.find(bhttp::field::transfer_encoding) != req.end();
  if (has_te && req.find(bhttp::field::content_length) != req.end()) return false;
  if (has_te && !parser.chunked()) return false;
  if (req.version() >= 11 && req.find(bhttp::field::host) == req.end()) return false;
  std::string_view target(req.target().data(), req.target().size());
  std::string_view path = target.substr(0, target.find('?'));
  auto limit = router().body_limit(
      parse_method(std::string_view(req.method_string().data(), req.method_string().size())), path);
  auto length = parser.content_length();
  const bool has_body = parser.chunked() || (length && *length > 0);
  if (!limit && has_body) {
    handle(parser, /*body_read=*/false);
    return false;
  }
  const size_t body_limit = limit.value_or(0);
  if (length && *length > body_limit) return false;  // 413
  parser.body_limit(body_limit);
  parser.eager(true);
  while (!parser.is_done()) {
    size_t used = parser.put(boost::asio::buffer(bytes.data() + *pos, bytes.size() - *pos), ec);
    *pos += used;
    if (ec == bhttp::error::need_more && *pos < bytes.size() && used > 0) continue;
    if (ec || used == 0) return false;  // 400/413, or the body never ends
  }
  if (length) FUZZ_CHECK(parser.get().body().size() == *length);
  if (!has_body) FUZZ_CHECK(parser.get().body().empty());
  FUZZ_CHECK(parser.get().body().size() <= body_limit);
  return handle(parser, /*body_read=*/true);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  size_t pos = 0;
  for (int i = 0; i < 4 && pos < bytes.size(); ++i) {
    if (!one_request(bytes, &pos)) break;
  }
  return 0;
}
