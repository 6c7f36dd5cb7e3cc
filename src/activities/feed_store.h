// What the calendar feeds read and the secret feed tokens they keep
// (docs/activities.md "Calendars"). Every function runs on the caller's
// connection: reads on a reader, put_feed_token() inside a write job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::activities {

// Whose occurrences a feed holds.
enum class FeedScope {
  kVenue,      // a facility of kind venue: the activities held there
  kCommunity,  // an area of level community: the activities belonging to it
  kOrganiser,  // an organisation of an organiser kind: the activities it runs
  kUser,       // a signed-in user: the occurrences they hold a place on
};

struct FeedOccurrence {
  int64_t id = 0;
  int64_t activity_id = 0;
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  int64_t updated_at = 0;
  int64_t revision = 0;
  bool cancelled = false;
  std::string cancel_note;
  std::string kind;  // "activity", "job_fair"
  std::string title;
  std::string description;
  std::string organiser;
  std::string venue_name;  // "" without a venue
  std::string venue_address;
  std::string address;  // the activity's own address (without a venue)
};

// The feed's subject's name (the venue's, community's, organiser's, user's
// display name); nullopt when there is no such subject (an id of another
// kind of facility, area or organisation; a disabled user).
Result<std::optional<std::string>> feed_subject_name(store::Connection& c, FeedScope scope,
                                                     int64_t id);

// The subject's occurrences starting in [from, until), scheduled and
// cancelled, by start then id; at most `limit`. For kUser: those on which
// the user holds a place (confirmed or offered), and those cancelled under
// them (the occurrence called off with their place: their sign-up was
// cancelled no earlier than a minute before the occurrence's last change),
// so a calendar shows the date as cancelled rather than dropping it.
Result<std::vector<FeedOccurrence>> feed_occurrences(store::Connection& c, FeedScope scope,
                                                     int64_t id, int64_t from, int64_t until,
                                                     int64_t limit);

// The user whose current token hashes to `token_sha256`; nullopt if none.
Result<std::optional<int64_t>> feed_token_user(store::Connection& c, std::string_view token_sha256);

// Replaces the user's token (the old one stops working at the commit).
Status put_feed_token(store::Connection& c, int64_t user_id, std::string_view token_sha256,
                      int64_t now);

}  // namespace warmcity::activities
