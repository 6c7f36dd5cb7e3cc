#include "eldercare/card_store.h"

namespace warmcity::eldercare {

namespace {

constexpr const char* kColumns =
    "id, elder_id, number, state, committee_phone, team_phone, issued_at, issued_by, "
    "revoked_at, revoked_by, revoked_reason";

Card read_row(const store::Statement& s) {
  return Card{s.column_int64(0), s.column_int64(1), s.column_text(2),  s.column_text(3) == "active",
              s.column_text(4),  s.column_text(5),  s.column_int64(6), s.column_int64(7),
              s.column_int64(8), s.column_int64(9), s.column_text(10)};
}

Result<Card> one(store::Connection& c, const std::string& where, auto bind) {
  auto s = c.prepare(std::string("SELECT ") + kColumns + " FROM elder_cards WHERE " + where);
  if (!s.ok()) return s.status();
  bind(*s);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such card");
  return read_row(*s);
}

}  // namespace

Result<Card> card_by_number(store::Connection& c, const std::string& number) {
  return one(c, "number = ?", [&](store::Statement& s) { s.bind(1, number); });
}

Result<Card> active_card(store::Connection& c, int64_t elder_id) {
  return one(c, "elder_id = ? AND state = 'active'",
             [&](store::Statement& s) { s.bind(1, elder_id); });
}

Result<std::vector<Card>> cards_of(store::Connection& c, int64_t elder_id) {
  auto s = c.prepare(std::string("SELECT ") + kColumns +
                     " FROM elder_cards WHERE elder_id = ? ORDER BY id");
  if (!s.ok()) return s.status();
  s->bind(1, elder_id);
  return store::collect<Card>(*s, read_row);
}

Status insert_card(store::Connection& c, Card& card) {
  auto s = c.prepare(
      "INSERT INTO elder_cards (elder_id, number, state, committee_phone, team_phone, issued_at, "
      "issued_by) VALUES (?, ?, 'active', ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, card.elder_id).bind(2, card.number).bind(3, card.committee_phone);
  s->bind(4, card.team_phone).bind(5, card.issued_at).bind(6, card.issued_by);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  card.id = *id;
  return Status::Ok();
}

Status revoke_card(store::Connection& c, int64_t id, int64_t at, int64_t by,
                   const std::string& reason) {
  auto s = c.prepare(
      "UPDATE elder_cards SET state = 'revoked', revoked_at = ?, revoked_by = ?, "
      "revoked_reason = ? WHERE id = ? AND state = 'active'");
  if (!s.ok()) return s.status();
  s->bind(1, at).bind(2, by).bind(3, reason).bind(4, id);
  if (Status r = s->run(); !r.ok()) return r;
  if (c.changes() != 1) return Status::NotFound("no active card with that id");
  return Status::Ok();
}

}  // namespace warmcity::eldercare
