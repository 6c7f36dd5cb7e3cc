// Internal to the elder-care routes: the caller, and the shared answers.
// Include only in route translation units (it pulls in nlohmann/json).
#pragma once

#include "eldercare/elder_service.h"
#include "http/message.h"
#include "http/router.h"

namespace warmcity::eldercare {

inline constexpr char kEldersApi[] = "/api/v1/elders";

// The caller from the session.
Caller caller_of(const http::Request& req);

// A route handler of the module: `f` called with the service.
using RouteFn = void (*)(ElderService&, http::Request&, http::Reply);
http::Handler handler(ElderService& service, RouteFn f);

// The query parameter `name` as a positive integer id: nullopt when absent;
// an error for `name` added to `errors` when it is not one.
std::optional<int64_t> query_id(const http::Request& req, const char* name,
                                std::vector<FieldError>& errors);

// The route's {id}, or the 404 problem.
Result<int64_t> elder_id_of(const http::Request& req);

// The answer to a one-elder result: 200 (or `status`) with the view's JSON.
http::Response elder_answer(const Result<ElderView>& r, int status = 200);

void register_elder_routes(http::Router& router, ElderService& service);
// Red proxy cards and the phone desk's lookup (card_routes.cpp).
void register_card_routes(http::Router& router, ElderService& service);
// Grid teams, pairing, the team on duty (team_routes.cpp).
void register_team_routes(http::Router& router, ElderService& service);
// The open elders counted for the dashboard (elder_count_routes.cpp).
void register_count_routes(http::Router& router, ElderService& service);

}  // namespace warmcity::eldercare
