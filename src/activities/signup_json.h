// The sign-ups' JSON (docs/activities.md "Sign-ups and the waitlist", "At
// the door"): the bodies read with every bad field named, the sign-up view,
// the door list's entries (phones masked). Include only in route
// translation units (it pulls in nlohmann/json).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "activities/signup.h"
#include "activities/signup_service.h"
#include "activities/signup_store.h"
#include "core/status.h"

namespace warmcity::activities {

// {name?, phone?, birth_date?}: strings; unknown fields refused (422).
Result<SignupRequest> read_signup_request(std::string_view body);
// {code}: six digits.
Result<std::string> read_check_in_code(std::string_view body);
// {attendance}: "attended", "no_show" or "".
Result<std::string> read_attendance(std::string_view body);

// The sign-up view: {id, occurrence_id, status, position, offer_expires_at,
// code, attendance, created_at, by_staff}.
nlohmann::ordered_json signup_view_json(const SignupRecord& r);
// A "my sign-ups" entry: the view with the occurrence and its title.
nlohmann::ordered_json my_signup_json(const MySignup& m);
// The door list: {confirmed, offered, waiting, cancelled, lapsed}, each entry
// {id, name, phone (masked), status, position, attendance, code, by_staff}.
nlohmann::ordered_json door_list_json(const DoorList& d);

}  // namespace warmcity::activities
