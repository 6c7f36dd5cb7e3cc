// SQL for the red proxy cards (table elder_cards, migration "eldercare" v2):
// every card ever issued, its number unique for ever (a revoked number is
// never issued again), at most one active card per elder (a partial unique
// index). Runs on the connection it is given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct Card {
  int64_t id = 0;
  int64_t elder_id = 0;
  std::string number;  // 10 digits (card_number.h)
  bool active = true;
  std::string committee_phone;  // the residents' committee's duty phone
  std::string team_phone;       // the elder's team's phone
  int64_t issued_at = 0;
  int64_t issued_by = 0;
  int64_t revoked_at = 0;  // when !active
  int64_t revoked_by = 0;
  std::string revoked_reason;  // reissued, lost, closed, …
};

// kNotFound when no card has that number.
Result<Card> card_by_number(store::Connection& c, const std::string& number);
// The elder's active card; kNotFound when she has none.
Result<Card> active_card(store::Connection& c, int64_t elder_id);
// Every card of the elder, oldest first.
Result<std::vector<Card>> cards_of(store::Connection& c, int64_t elder_id);
// Inserts `card` (its id is set); kConflict when the number is taken.
Status insert_card(store::Connection& c, Card& card);
// Marks the active card `id` revoked.
Status revoke_card(store::Connection& c, int64_t id, int64_t at, int64_t by,
                   const std::string& reason);

}  // namespace warmcity::eldercare
