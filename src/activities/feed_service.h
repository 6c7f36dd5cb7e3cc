// The activities' calendar feeds (docs/activities.md "Calendars"): public
// feeds of one venue, community or organiser, and a signed-in user's private
// feed behind a secret link. Each holds the occurrences starting from 30
// days ago to 6 months ahead, as iCalendar text (ical.h) with an ETag that
// is a hash of the text, so an unchanged feed answers 304.
//
// The secret link's token: 32 random bytes as base64url (accounts/tokens.h),
// only its SHA-256 kept (activity_feed_tokens, one per user); a new link
// replaces the old, which then finds nothing (404).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "activities/feed_store.h"
#include "activities/ical.h"
#include "core/status.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::activities {

inline constexpr int64_t kFeedPastSeconds = 30 * 86400;
inline constexpr int64_t kFeedAheadSeconds = 183 * 86400;  // six months
inline constexpr int64_t kFeedMaxEvents = 5000;

struct FeedText {
  std::string body;  // text/calendar
  std::string etag;  // a strong validator, quoted
};

// The events of `rows`; each URL is base_url + "/#/activities/{activity id}".
std::vector<IcalEvent> feed_events(const std::vector<FeedOccurrence>& rows,
                                   std::string_view base_url);

// "\"<32 hex digits of the body's SHA-256>\"".
std::string feed_etag(std::string_view body);

class FeedService {
 public:
  explicit FeedService(store::Database& db) : db_(db) {}

  // kNotFound when the subject is not there (feed_subject_name). Reads on
  // the calling thread's reader.
  Result<FeedText> public_feed(FeedScope scope, int64_t id, std::string_view base_url, int64_t now);
  // kNotFound for a token that is malformed, replaced or never made.
  Result<FeedText> private_feed(std::string_view token, std::string_view base_url, int64_t now);

  // A new secret token for the user, replacing theirs; `done` gets the
  // token (shown once: only its hash is kept) after the commit.
  using LinkDone = std::function<void(Result<std::string>)>;
  void new_link(int64_t user_id, int64_t now, LinkDone done);

 private:
  Result<FeedText> feed(FeedScope scope, int64_t id, std::string_view base_url, int64_t now);

  store::Database& db_;
};

// GET /api/v1/venues/{id}/activities.ics, /communities/{id}/…,
// /organisations/{id}/… (public), POST /api/v1/my/calendar-feed (signed in)
// and GET /api/v1/calendar-feeds/{token}/activities.ics (feed_routes.cpp).
void register_feed_routes(http::Router& router, FeedService& feeds);

}  // namespace warmcity::activities
