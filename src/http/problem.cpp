#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace warmcity::http {

namespace {

struct Kind {
  int status;
  const char* slug;
  const char* title;
};

constexpr Kind kKinds[] = {
    {400, "bad-request", "Bad Request"},
    {401, "unauthenticated", "Unauthorized"},
    {403, "forbidden", "Forbidden"},
    {404, "not-found", "Not Found"},
    {405, "method-not-allowed", "Method Not Allowed"},
    {409, "conflict", "Conflict"},
    {413, "payload-too-large", "Content Too Large"},
    {415, "unsupported-media-type", "Unsupported Media Type"},
    {422, "validation", "Unprocessable Content"},
    {429, "too-many-requests", "Too Many Requests"},
    {431, "header-too-large", "Request Header Fields Too Large"},
    {503, "unavailable", "Service Unavailable"},
    {507, "storage-full", "Insufficient Storage"},
};

Kind kind_of_status(int status) {
  for (const Kind& k : kKinds) {
    if (k.status == status) return k;
  }
  return {status, "internal", "Internal Server Error"};
}

Response build(int status, std::string_view detail, const std::vector<FieldError>* errors) {
  Kind k = kind_of_status(status);
  nlohmann::json body = {
      {"type", std::string("https://warmcity.example/problems/") + k.slug},
      {"title", k.title},
      {"status", k.status},
      {"detail", detail},
  };
  if (errors && !errors->empty()) {
    auto& list = body["errors"] = nlohmann::json::array();
    for (const auto& e : *errors) list.push_back({{"field", e.field}, {"message", e.message}});
  }
  Response r;
  r.status = k.status;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace

Response parse_problem(const Status& status, size_t position, std::string_view expected) {
  Response r = problem(status);
  nlohmann::json body = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object()) {
    body["position"] = position;
    body["expected"] = expected;
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return r;
}

std::string refusal_code(std::string_view m) {
  size_t i = 0;
  while (i < m.size() && ((m[i] >= 'a' && m[i] <= 'z') || m[i] == '_')) ++i;
  if (i == 0) return "";
  if (i == m.size() || m[i] == ':') return std::string(m.substr(0, i));
  return "";
}

Response coded_problem(const Status& status) {
  Response r = problem(status);
  nlohmann::json body = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return r;
  const std::string code = refusal_code(status.message());
  if (status.code() == Code::kUnprocessable) {
    body["error"] = code.empty() ? "invalid" : code;
    if (!status.field_errors().empty()) body["field"] = status.field_errors().front().field;
  } else if (!code.empty()) {
    body["error"] = code;
  } else {
    return r;
  }
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

int http_status(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kUnprocessable:
      return 422;
    case Code::kNotFound:
      return 404;
    case Code::kConflict:
      return 409;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kTooLarge:
      return 413;
    case Code::kUnsupportedMedia:
      return 415;
    case Code::kResourceExhausted:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kStorageFull:
      return 507;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

Response problem(const Status& status) {
  return build(http_status(status.code()), status.message(), &status.field_errors());
}

Response problem(int status, std::string_view detail) { return build(status, detail, nullptr); }

Response json_response(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace warmcity::http
