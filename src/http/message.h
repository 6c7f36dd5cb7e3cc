// Request and Response: the HTTP messages as the rest of warmcity sees them.
//
// These are plain structs so that module code never includes Boost.Beast
// (slow to compile); only src/http/session.cpp converts to and from Beast.
// Header names are stored lower-case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warmcity::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view method_name(Method m);
Method parse_method(std::string_view name);

enum class Role { kResident, kWorker, kVolunteer, kKeeper, kDepartment, kAdmin };
std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view name);

// Who is calling, once a session token has been checked.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  Role role = Role::kResident;
  int64_t session_id = 0;
  bool via_cookie = false;                // cookie sessions must pass the cross-site check
  std::vector<int64_t> organisation_ids;  // departments / keepers / communities the user belongs to
  std::string csrf_token;                 // the session's; a page in a new tab reads it from /me
  std::vector<int64_t> area_ids;          // the areas those organisations serve
};

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received: path?query
  std::string path;    // path as received (not decoded), no query
  std::string query;   // raw query string (after '?'), not decoded
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string client_address;  // remote IP as text

  // Filled by the router.
  std::vector<std::pair<std::string, std::string>> path_params;  // decoded
  std::optional<Principal> principal;

  // "" when absent. `name` must be lower-case.
  std::string_view header(std::string_view name) const;
  // Percent-decoded query parameter ('+' is a space); nullopt when absent.
  // The router answers 400 to a query with a malformed escape before any
  // handler runs, so handlers never see one.
  std::optional<std::string> query_param(std::string_view name) const;
  // Every value of a repeated query parameter (?amenity=a&amenity=b), in order.
  std::vector<std::string> query_params(std::string_view name) const;
  // "" when absent.
  std::string_view path_param(std::string_view name) const;
  // The path parameter as a positive integer id; nullopt when it is not one
  // (routes answer 404 then: no such record can exist).
  std::optional<int64_t> path_id(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;

  Response& set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Percent-decodes `s`; '+' becomes a space when `plus_is_space`. nullopt on a
// malformed escape or a NUL (escaped or raw: form bodies may carry raw bytes).
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

}  // namespace warmcity::http
