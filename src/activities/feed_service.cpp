// The activities' calendar feeds (feed_service.h).
#include "activities/feed_service.h"

#include <utility>

#include "accounts/tokens.h"

namespace warmcity::activities {

namespace {

std::string feed_location(const FeedOccurrence& o) {
  if (o.venue_name.empty()) return o.address;
  if (o.venue_address.empty()) return o.venue_name;
  return o.venue_name + "（" + o.venue_address + "）";
}

std::string feed_calendar_name(FeedScope scope, const std::string& subject) {
  switch (scope) {
    case FeedScope::kUser:
      return "我报名的活动（" + subject + "）";
    case FeedScope::kVenue:
    case FeedScope::kCommunity:
    case FeedScope::kOrganiser:
      break;
  }
  return subject + " · 文体活动";
}

}  // namespace

std::vector<IcalEvent> feed_events(const std::vector<FeedOccurrence>& rows,
                                   std::string_view base_url) {
  std::vector<IcalEvent> out;
  out.reserve(rows.size());
  for (const FeedOccurrence& o : rows) {
    IcalEvent e;
    e.occurrence_id = o.id;
    e.starts_at = o.starts_at;
    e.ends_at = o.ends_at;
    e.stamp = o.updated_at;
    e.sequence = o.revision;
    e.cancelled = o.cancelled;
    e.summary = o.kind == "job_fair" ? "招聘会：" + o.title : o.title;
    e.location = feed_location(o);
    e.url = std::string(base_url) + "/#/activities/" + std::to_string(o.activity_id);
    std::string d;
    if (o.cancelled) d = "已取消" + (o.cancel_note.empty() ? "" : "：" + o.cancel_note) + "\n\n";
    d += o.description;
    if (!o.description.empty()) d += "\n\n";
    d += "主办：" + o.organiser;
    e.description = std::move(d);
    out.push_back(std::move(e));
  }
  return out;
}

std::string feed_etag(std::string_view body) {
  return "\"" + accounts::hash_token(body).substr(0, 32) + "\"";
}

Result<FeedText> FeedService::feed(FeedScope scope, int64_t id, std::string_view base_url,
                                   int64_t now) {
  store::Connection& c = db_.reader();
  Result<std::optional<std::string>> subject = feed_subject_name(c, scope, id);
  if (!subject.ok()) return subject.status();
  if (!*subject) return Status::NotFound("no such calendar");
  Result<std::vector<FeedOccurrence>> rows = feed_occurrences(
      c, scope, id, now - kFeedPastSeconds, now + kFeedAheadSeconds, kFeedMaxEvents);
  if (!rows.ok()) return rows.status();
  FeedText t;
  t.body = render_ical(feed_calendar_name(scope, **subject), feed_events(*rows, base_url));
  t.etag = feed_etag(t.body);
  return t;
}

Result<FeedText> FeedService::public_feed(FeedScope scope, int64_t id, std::string_view base_url,
                                          int64_t now) {
  if (scope == FeedScope::kUser) return Status::NotFound("no such calendar");
  return feed(scope, id, base_url, now);
}

Result<FeedText> FeedService::private_feed(std::string_view token, std::string_view base_url,
                                           int64_t now) {
  if (!accounts::is_well_formed_token(token)) return Status::NotFound("no such calendar");
  Result<std::optional<int64_t>> user = feed_token_user(db_.reader(), accounts::hash_token(token));
  if (!user.ok()) return user.status();
  if (!*user) return Status::NotFound("no such calendar");
  return feed(FeedScope::kUser, **user, base_url, now);
}

void FeedService::new_link(int64_t user_id, int64_t now, LinkDone done) {
  std::string token = accounts::new_token();
  std::string hash = accounts::hash_token(token);
  db_.submit([user_id, hash = std::move(hash),
              now](store::Connection& c) { return put_feed_token(c, user_id, hash, now); },
             [token = std::move(token), done = std::move(done)](const Status& s) {
               if (!s.ok()) return done(s);
               done(token);
             });
}

}  // namespace warmcity::activities
