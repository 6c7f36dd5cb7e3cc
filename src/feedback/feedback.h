// Feedback (意见反馈): a signed-in user's short message about the app or a
// service, for the district's staff to read. It is also warmcity's simplest
// durable write, which the durability tests and write benchmarks use.
//
// Owns: table `feedback`, routes POST/GET /api/v1/feedback and
// GET /api/v1/feedback/{id}. The routes (feedback_routes.cpp) ask
// FeedbackService (feedback_service.h), which runs feedback_store.h's SQL.
// Calls: store (writer, reader), http.
#pragma once

#include <vector>

#include "http/router.h"
#include "store/database.h"

namespace warmcity::feedback {

std::vector<store::Migration> migrations();  // module "feedback"

// The routes hold their own FeedbackService on `db`.
// REQUIRES: `db` outlives the router.
void register_routes(http::Router& router, store::Database& db);

}  // namespace warmcity::feedback
