// The calendar feeds' routes (feed_service.h; docs/activities.md "Calendars").
#include <nlohmann/json.hpp>

#include "activities/feed_service.h"
#include "core/time.h"
#include "http/base_url.h"
#include "http/etag.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::activities {

namespace {

http::Response feed_response(const http::Request& req, Result<FeedText> feed) {
  if (!feed.ok()) return http::problem(feed.status());
  http::Response r;
  r.set_header("ETag", feed->etag);
  r.set_header("Cache-Control", "no-cache");
  if (http::etag_matches(req.header("if-none-match"), feed->etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = "text/calendar; charset=utf-8";
  r.body = std::move(feed->body);
  return r;
}

void feed_public_route(FeedService& feeds, FeedScope scope, const char* pattern,
                       const char* summary, http::Router& router) {
  router.add(http::Method::kGet, pattern, http::Access::Public(),
             [&feeds, scope](http::Request& req, http::Reply reply) {
               std::optional<int64_t> id = req.path_id("id");
               if (!id) return reply(http::problem(Status::NotFound("no such calendar")));
               reply(feed_response(
                   req, feeds.public_feed(scope, *id, http::base_url(req), core::now_unix())));
             },
             {.summary = summary});
}

}  // namespace

void register_feed_routes(http::Router& router, FeedService& feeds) {
  feed_public_route(feeds, FeedScope::kVenue, "/api/v1/venues/{id}/activities.ics",
                    "A venue's activities as an iCalendar feed, 30 days back to 6 months ahead "
                    "(public; ETag, 304)",
                    router);
  feed_public_route(feeds, FeedScope::kCommunity, "/api/v1/communities/{id}/activities.ics",
                    "A community's activities as an iCalendar feed (public; ETag, 304)", router);
  feed_public_route(feeds, FeedScope::kOrganiser, "/api/v1/organisations/{id}/activities.ics",
                    "An organiser's activities as an iCalendar feed (public; ETag, 304)", router);
  router.add(
      http::Method::kGet, "/api/v1/calendar-feeds/{token}/activities.ics", http::Access::Public(),
      [&feeds](http::Request& req, http::Reply reply) {
        reply(feed_response(req, feeds.private_feed(req.path_param("token"), http::base_url(req),
                                                    core::now_unix())));
      },
      {.summary = "A user's private feed of the occurrences they hold a place on, by its secret "
                  "link (404 once replaced)"});
  router.add(
      http::Method::kPost, "/api/v1/my/calendar-feed", http::Access::AnyUser(),
      [&feeds](http::Request& req, http::Reply reply) {
        // No fields: an empty body or {}.
        if (!req.body.empty()) {
          Result<nlohmann::json> doc = http::parse_json_object(req.body);
          if (!doc.ok()) return reply(http::problem(doc.status()));
          http::FieldReader in(*doc);
          in.reject_unknown();
          if (!in.ok()) return reply(http::problem(in.status()));
        }
        const std::string base = http::base_url(req);
        feeds.new_link(req.principal->user_id, core::now_unix(),
                       [reply = std::move(reply), base](Result<std::string> token) {
                         if (!token.ok()) return reply(http::problem(token.status()));
                         nlohmann::ordered_json body = {{"url", base + "/api/v1/calendar-feeds/" +
                                                                    *token + "/activities.ics"}};
                         reply(http::json_response(body.dump(), 201));
                       });
      },
      {.summary = "A new secret link to the caller's private calendar feed (the previous link "
                  "stops working)"});
}

}  // namespace warmcity::activities
