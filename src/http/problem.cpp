#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace warmcity::http {

namespace {

struct Kind {
  int status;
  const char* slug;
  const char* title;
};

Kind kind_of_status(int status) {
  switch (status) {
    case 400:
      return {400, "bad-request", "Bad Request"};
    case 401:
      return {401, "unauthenticated", "Unauthorized"};
    case 403:
      return {403, "forbidden", "Forbidden"};
    case 404:
      return {404, "not-found", "Not Found"};
    case 405:
      return {405, "method-not-allowed", "Method Not Allowed"};
    case 409:
      return {409, "conflict", "Conflict"};
    case 413:
      return {413, "payload-too-large", "Content Too Large"};
    case 415:
      return {415, "unsupported-media-type", "Unsupported Media Type"};
    case 422:
      return {422, "validation", "Unprocessable Content"};
    case 429:
      return {429, "too-many-requests", "Too Many Requests"};
    case 503:
      return {503, "unavailable", "Service Unavailable"};
    default:
      return {status, "internal", "Internal Server Error"};
  }
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
