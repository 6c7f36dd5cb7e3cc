// Placeholder until its part lands (docs/volunteers.md): registers nothing yet.
#include "volunteers/routes.h"

namespace warmcity::volunteers {

void register_outcome_routes(http::Router&, const RouteContext&) {}

}  // namespace warmcity::volunteers
