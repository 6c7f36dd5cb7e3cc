// What a new activity is for and where (new_activity.h).
#include "activities/new_activity.h"

#include <string>

#include "store/turn.h"

namespace warmcity::activities {

Result<int64_t> organiser_for_new(store::Connection& c, const Caller& by,
                                  std::optional<int64_t> named, std::string_view what) {
  if (named) {
    if (Status s = require_organiser(c, by, *named); !s.ok()) return s;
    return *named;
  }
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  Result<std::vector<Organiser>> orgs = organisers_of(c, by);
  if (!orgs.ok()) return orgs.status();
  if (orgs->empty())
    return Status::PermissionDenied("only organiser staff and admins create " + std::string(what));
  if (orgs->size() > 1)
    return Status::Unprocessable(
        "which organiser?", {{"organiser_org_id", "required: the caller organises for several"}});
  return orgs->front().id;
}

Result<std::optional<VenueRecord>> venue_named(store::Connection& c,
                                               std::optional<int64_t> venue_id) {
  if (!venue_id) return std::optional<VenueRecord>{};
  Result<std::optional<VenueRecord>> v = load_venue(c, *venue_id);
  if (!v.ok()) return v.status();
  if (!*v) return Status::Unprocessable("unknown venue", {{"venue_id", "no venue with that id"}});
  return v;
}

Result<std::optional<VenueRecord>> place_of_new(store::Connection& c, ActivityFields& f) {
  Result<std::optional<VenueRecord>> venue = venue_named(c, f.venue_id);
  if (!venue.ok()) return venue.status();
  if (f.community_id) {
    Result<bool> known = is_community(c, *f.community_id);
    if (!known.ok()) return known.status();
    if (!*known)
      return Status::Unprocessable("unknown community",
                                   {{"community_id", "no community with that id"}});
    if (*venue && (*venue)->community_id && *(*venue)->community_id != *f.community_id)
      return Status::Unprocessable("not the venue's community",
                                   {{"community_id", "the venue lies in another community"}});
  } else if (*venue) {
    f.community_id = (*venue)->community_id;
  }
  return venue;
}

Status hold_venue(store::Connection& c, int64_t venue_id) {
  return store::wait_turn(c, "activity-venue:" + std::to_string(venue_id));
}

}  // namespace warmcity::activities
