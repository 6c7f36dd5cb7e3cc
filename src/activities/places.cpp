// An occurrence's places and its line (places.h).
#include "activities/places.h"

#include <algorithm>

#include "store/turn.h"

namespace warmcity::activities {

Status hold_occurrence(store::Connection& c, int64_t occurrence_id) {
  return store::wait_turn(c, "activity-occurrence:" + std::to_string(occurrence_id));
}

Result<bool> take_place(store::Connection& c, int64_t occurrence_id) {
  auto q = c.prepare(
      "UPDATE activity_occurrences SET taken = taken + 1 "
      "WHERE id = ? AND status = 'scheduled' AND taken < capacity AND NOT EXISTS "
      "(SELECT 1 FROM activity_signups WHERE occurrence_id = ? AND status = 'waiting')");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id).bind(2, occurrence_id);
  if (Status s = q->run(); !s.ok()) return s;
  return c.changes() == 1;
}

Status release_place(store::Connection& c, int64_t occurrence_id) {
  auto q =
      c.prepare("UPDATE activity_occurrences SET taken = taken - 1 WHERE id = ? AND taken > 0");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id);
  if (Status s = q->run(); !s.ok()) return s;
  if (c.changes() != 1) return Status::Internal("an occurrence released a place it did not hold");
  return Status::Ok();
}

namespace {

// The occurrence's free places and when an offer made now ends; nullopt
// when nothing may be offered (cancelled, started, full).
struct Room {
  int64_t free = 0;
  int64_t expires_at = 0;
};

Result<std::optional<Room>> room_of(store::Connection& c, int64_t occurrence_id, int64_t now) {
  auto q = c.prepare(
      "SELECT o.capacity - o.taken, o.starts_at, a.offer_window_minutes "
      "FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id "
      "WHERE o.id = ? AND o.status = 'scheduled'");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Room>{};
  Room r;
  r.free = q->column_int64(0);
  const int64_t starts_at = q->column_int64(1);
  if (r.free <= 0 || starts_at <= now) return std::optional<Room>{};
  r.expires_at = std::min(now + q->column_int64(2) * 60, starts_at);
  return std::optional<Room>{r};
}

}  // namespace

Result<std::vector<Offer>> offer_free_places(store::Connection& c, int64_t occurrence_id,
                                             int64_t now) {
  std::vector<Offer> offers;
  Result<std::optional<Room>> room = room_of(c, occurrence_id, now);
  if (!room.ok()) return room.status();
  if (!*room) return offers;
  auto line = c.prepare(
      "SELECT id, user_id, name, phone FROM activity_signups "
      "WHERE occurrence_id = ? AND status = 'waiting' ORDER BY id LIMIT ?");
  if (!line.ok()) return line.status();
  line->bind(1, occurrence_id).bind(2, (*room)->free);
  Result<std::vector<Offer>> first = store::collect<Offer>(*line, [&](store::Statement& s) {
    Offer o;
    o.signup_id = s.column_int64(0);
    o.occurrence_id = occurrence_id;
    o.user_id = s.column_int64_opt(1);
    o.name = s.column_text(2);
    o.phone = s.column_text(3);
    o.expires_at = (*room)->expires_at;
    return o;
  });
  if (!first.ok()) return first.status();
  for (const Offer& o : *first) {
    auto offer = c.prepare(
        "UPDATE activity_signups SET status = 'offered', offer_expires_at = ?, updated_at = ? "
        "WHERE id = ? AND status = 'waiting'");
    if (!offer.ok()) return offer.status();
    offer->bind(1, o.expires_at).bind(2, now).bind(3, o.signup_id);
    if (Status s = offer->run(); !s.ok()) return s;
    auto take = c.prepare("UPDATE activity_occurrences SET taken = taken + 1 WHERE id = ?");
    if (!take.ok()) return take.status();
    take->bind(1, occurrence_id);
    if (Status s = take->run(); !s.ok()) return s;
    if (Status s = add_signup_event(c, o.signup_id, "offered", now, std::nullopt); !s.ok())
      return s;
  }
  return std::move(*first);
}

Result<std::vector<Offer>> lapse_expired_offers(store::Connection& c, int64_t now) {
  auto q = c.prepare(
      "SELECT id, occurrence_id FROM activity_signups "
      "WHERE status = 'offered' AND offer_expires_at <= ? ORDER BY id");
  if (!q.ok()) return q.status();
  q->bind(1, now);
  using Pair = std::pair<int64_t, int64_t>;
  Result<std::vector<Pair>> lapsed = store::collect<Pair>(*q, [](store::Statement& s) {
    return Pair{s.column_int64(0), s.column_int64(1)};
  });
  if (!lapsed.ok()) return lapsed.status();
  // Their occurrences held first, in id order, once each: two instances on
  // one database never take them in opposite orders.
  std::vector<int64_t> held;
  for (const auto& [signup_id, occurrence_id] : *lapsed) held.push_back(occurrence_id);
  std::sort(held.begin(), held.end());
  held.erase(std::unique(held.begin(), held.end()), held.end());
  for (int64_t occurrence_id : held)
    if (Status s = hold_occurrence(c, occurrence_id); !s.ok()) return s;
  std::vector<int64_t> occurrences;
  for (const auto& [signup_id, occurrence_id] : *lapsed) {
    auto lapse = c.prepare(
        "UPDATE activity_signups SET status = 'lapsed', updated_at = ? "
        "WHERE id = ? AND status = 'offered'");
    if (!lapse.ok()) return lapse.status();
    lapse->bind(1, now).bind(2, signup_id);
    if (Status s = lapse->run(); !s.ok()) return s;
    if (c.changes() != 1) continue;  // another instance got there first
    if (Status s = release_place(c, occurrence_id); !s.ok()) return s;
    if (Status s = add_signup_event(c, signup_id, "lapsed", now, std::nullopt,
                                    "the offer was not accepted in time");
        !s.ok())
      return s;
    occurrences.push_back(occurrence_id);
  }
  std::sort(occurrences.begin(), occurrences.end());
  occurrences.erase(std::unique(occurrences.begin(), occurrences.end()), occurrences.end());
  std::vector<Offer> offers;
  for (int64_t occurrence_id : occurrences) {
    Result<std::vector<Offer>> more = offer_free_places(c, occurrence_id, now);
    if (!more.ok()) return more.status();
    offers.insert(offers.end(), more->begin(), more->end());
  }
  return offers;
}

Result<int64_t> line_position(store::Connection& c, int64_t signup_id) {
  auto q = c.prepare(
      "SELECT COUNT(*) FROM activity_signups w JOIN activity_signups me "
      "ON me.id = ? AND me.status = 'waiting' AND w.occurrence_id = me.occurrence_id "
      "WHERE w.status = 'waiting' AND w.id <= me.id");
  if (!q.ok()) return q.status();
  q->bind(1, signup_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  return *row ? q->column_int64(0) : 0;
}

Status add_signup_event(store::Connection& c, int64_t signup_id, std::string_view kind, int64_t at,
                        std::optional<int64_t> by_user, std::string_view note) {
  auto q = c.prepare(
      "INSERT INTO activity_signup_events (signup_id, kind, at, by_user, note) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->bind(1, signup_id).bind(2, kind).bind(3, at).bind(4, by_user).bind(5, note);
  return q->run();
}

}  // namespace warmcity::activities
