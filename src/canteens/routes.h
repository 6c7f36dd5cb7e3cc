// Internal to the canteens' routes: the caller from the session and the
// canteen a path names. Include only in route translation units.
#pragma once

#include "canteens/canteen.h"
#include "http/message.h"

namespace warmcity::canteens {

inline constexpr char kCanteensApi[] = "/api/v1/canteens";

// The caller from the session (an anonymous request: user_id 0, no role).
using accounts::caller_of;

// The route's {id} as a facility id, or the 404 problem's status.
Result<int64_t> canteen_id_of(const http::Request& req);

}  // namespace warmcity::canteens
