// The calendar feeds' routes (feed_service.h; docs/activities.md "Calendars").
#include <cctype>

#include <nlohmann/json.hpp>

#include "activities/feed_service.h"
#include "core/time.h"
#include "http/etag.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::activities {

namespace {

// "http://<Host>" (https when a proxy says so) when Host is a plain
// host[:port]; else http://localhost. The feeds' links point there.
std::string feed_base_url(const http::Request& req) {
  std::string_view host = req.header("host");
  bool plain = !host.empty() && host.size() <= 255;
  for (char ch : host) {
    const auto c = static_cast<unsigned char>(ch);
    plain =
        plain && (std::isalnum(c) || ch == '.' || ch == '-' || ch == ':' || ch == '[' || ch == ']');
  }
  const bool https = req.header("x-forwarded-proto") == "https";
  return std::string(https ? "https://" : "http://") +
         std::string(plain ? host : std::string_view("localhost"));
}

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
                   req, feeds.public_feed(scope, *id, feed_base_url(req), core::now_unix())));
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
        reply(feed_response(req, feeds.private_feed(req.path_param("token"), feed_base_url(req),
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
        const std::string base = feed_base_url(req);
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
