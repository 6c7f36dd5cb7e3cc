// A signed-in resident's own appeals: every appeal they reported with their
// account or made with their mobile number as the contact (with or without
// a session, on any channel) — so a lost tracking code is not a lost appeal.
// And what deleting a resident's account does to them: they stay, for the
// record and the rates, anonymised.
//
//   GET /api/v1/me/appeals   resident: newest first, limit + cursor
//
// The resident's number comes from accounts through `PhoneOf` (wired in
// src/app/application.cpp): appeals never reads the users table. SQL in
// resident_appeals.cpp, the route in resident_routes.cpp. Staff
// routes are unchanged. Migration "appeals" v4 (resident_migrations(), listed
// by the app after appeals::migrations()) indexes the contact phone.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "appeals/appeal.h"
#include "appeals/appeal_service.h"
#include "core/status.h"
#include "http/router.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::appeals {

// The signed-in resident's phone: nullopt when they have none; an error
// when they are no resident.
using PhoneOf = std::function<Result<std::optional<std::string>>(int64_t user_id)>;

std::vector<store::Migration> resident_migrations();  // "appeals" v4

// Appeals with reporter_user_id = `user_id` or contact_phone = `phone`,
// id < before_id, newest first, at most `limit`.
Result<std::vector<Appeal>> appeals_of_resident(store::Connection& c, int64_t user_id,
                                                const std::optional<std::string>& phone,
                                                std::optional<int64_t> before_id, int limit);

// Inside the account deletion's write job: those same appeals lose their
// contact (name and phone cleared, anonymous), and their reporter when it
// is `user_id`; the user's follows are removed. Descriptions, places, photos
// and the history stay. Returns how many appeals changed.
Result<int64_t> forget_resident(store::Connection& c, int64_t user_id,
                                const std::optional<std::string>& phone, int64_t now);

// REQUIRES: `service` and `phone_of` outlive the router.
void register_resident_routes(http::Router& router, AppealService& service, PhoneOf phone_of);

}  // namespace warmcity::appeals
