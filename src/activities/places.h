// The places of one occurrence, allocated so that it is never over-booked
// under any concurrency (issue #18 "Sign-up with a waitlist that moves by
// itself"). Every function runs inside the caller's write job.
//
// The invariant: activity_occurrences.taken = confirmed + offered sign-ups,
// taken <= capacity (a CHECK, so no transaction can break it), and while
// anyone is waiting every place is taken — a freed place goes to the first
// in line at once, as an offer that waits offer_window_minutes for an
// acceptance (never past the occurrence's start).
//
// Several instances on one PostgreSQL database: hold_occurrence() first, in
// every write job that changes an occurrence's places or line (a
// transaction-scoped advisory lock per occurrence, store/turn.h), so a
// cancellation on one instance and a sign-up on another cannot pass each
// other. The single writer orders them on SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::activities {

// A place offered to the first in line, to tell them after the commit.
struct Offer {
  int64_t signup_id = 0;
  int64_t occurrence_id = 0;
  std::optional<int64_t> user_id;  // a caller signed up by staff has none
  std::string name;
  std::string phone;
  int64_t expires_at = 0;  // unix seconds
};

// Waits for, then holds until the job ends, the occurrence's turn.
Status hold_occurrence(store::Connection& c, int64_t occurrence_id);

// Takes one place for a new sign-up: true when a place was free, nobody was
// waiting and the occurrence is scheduled (taken + 1); false otherwise (the
// newcomer waits in line).
Result<bool> take_place(store::Connection& c, int64_t occurrence_id);

// Gives back a held place (taken - 1): a confirmed sign-up cancelled, an
// offer declined or lapsed. Call offer_free_places() after.
Status release_place(store::Connection& c, int64_t occurrence_id);

// Offers every free place to the first in line, in order: each becomes
// 'offered' until now + the activity's offer window (or the occurrence's
// start, if sooner), with an 'offered' event; taken grows by one for each.
// Nothing is offered for a cancelled occurrence or one that has started.
Result<std::vector<Offer>> offer_free_places(store::Connection& c, int64_t occurrence_id,
                                             int64_t now);

// Every offer whose time has passed (offer_expires_at <= now) becomes
// 'lapsed' with a 'lapsed' event, and its place is offered to the next in
// line. For the sweeper (take its turn first: store::take_turn). Returns the
// new offers.
Result<std::vector<Offer>> lapse_expired_offers(store::Connection& c, int64_t now);

// A waiting sign-up's place in its line (1: next); 0 when it is not waiting.
Result<int64_t> line_position(store::Connection& c, int64_t signup_id);

// Appends one event to a sign-up's history (activity_signup_events.kind).
Status add_signup_event(store::Connection& c, int64_t signup_id, std::string_view kind, int64_t at,
                        std::optional<int64_t> by_user, std::string_view note = "");

}  // namespace warmcity::activities
