// Internal to the appeals routes: who is asking, and shared answers.
// Include only in route translation units (it pulls in nlohmann/json).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "appeals/appeal_service.h"
#include "http/message.h"
#include "http/router.h"

namespace warmcity::appeals {

inline constexpr char kAppealsApi[] = "/api/v1/appeals";
inline constexpr char kCategoriesApi[] = "/api/v1/appeal-categories";

// The caller from the session (no user id and role "" without one).
Caller caller_of(const http::Request& req);

// problem(status) with `allowed_steps` added when given.
http::Response problem_with_steps(const Status& s, const std::vector<Step>& allowed);

void register_category_routes(http::Router& router, AppealService& service);
void register_appeal_routes(http::Router& router, AppealService& service);
// similar, supervision, track (watch_routes.cpp).
void register_watch_routes(http::Router& router, AppealService& service);

}  // namespace warmcity::appeals
