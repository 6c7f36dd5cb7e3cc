// What a new activity is for and where (docs/activities.md "Activities and
// their series"), decided in the creating write job. Written once here for
// the activities and for what is built on them (the free clinics' sessions,
// src/clinics), so both refuse the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "activities/activity.h"
#include "activities/activity_store.h"
#include "activities/organiser_access.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::activities {

// The organiser a new activity is for: `named` (the caller must organise for
// it), or else the caller's only organiser. Unauthenticated for anonymous
// callers; PermissionDenied ("only organiser staff and admins create
// <what>") for a caller who organises nothing; 422 organiser_org_id when the
// caller organises for several and named none.
Result<int64_t> organiser_for_new(store::Connection& c, const Caller& by,
                                  std::optional<int64_t> named, std::string_view what);

// The venue `venue_id` names (nullopt: none named); 422 venue_id when it is
// no facility of kind venue.
Result<std::optional<VenueRecord>> venue_named(store::Connection& c,
                                               std::optional<int64_t> venue_id);

// The venue of `f` (nullopt at an address) with f.community_id settled: a
// named community must be one (422 community_id) and the venue's own, when
// the venue has one; none named takes the venue's.
Result<std::optional<VenueRecord>> place_of_new(store::Connection& c, ActivityFields& f);

// The venue's turn (store/turn.h "activity-venue:<id>"), held before any
// check of its hours and bookings and before any occurrence's turn (one
// order everywhere), so two instances on one database cannot both book the
// same hours at it.
Status hold_venue(store::Connection& c, int64_t venue_id);

}  // namespace warmcity::activities
