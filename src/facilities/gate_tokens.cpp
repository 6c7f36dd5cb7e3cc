#include "facilities/gate_tokens.h"

#include <algorithm>

#include "accounts/user_store.h"

namespace warmcity::facilities {

namespace {

constexpr char kGateColumns[] =
    "id, facility_id, label, created_by, created_at, last_used_at, revoked_at, keeper_org_id";

GateToken read_gate_row(const store::Statement& s) {
  GateToken t;
  t.id = s.column_int64(0);
  t.facility_id = s.column_int64(1);
  t.label = s.column_text(2);
  t.created_by = s.column_int64(3);
  t.created_at = s.column_int64(4);
  t.last_used_at = s.column_int64_opt(5);
  t.revoked_at = s.column_int64_opt(6);
  t.keeper_org_id = s.column_int64_opt(7);
  return t;
}

Status no_longer_valid(const std::string& why) {
  return Status::Unauthenticated("this gate token is no longer valid: " + why);
}

}  // namespace

Status check_gate_kind(const Facility& f) {
  if (f.kind == Kind::kParking) return Status::Ok();
  return Status::Conflict("gate tokens are issued for parking lots only; this is a " +
                          std::string(kind_name(f.kind)));
}

Status check_gate_holds(store::Connection& c, const GateToken& t, const Facility& lot) {
  if (lot.keeper_org_id != t.keeper_org_id) return no_longer_valid("the lot has a new keeper");
  Result<std::optional<accounts::UserRecord>> issuer = accounts::find_user_by_id(c, t.created_by);
  if (!issuer.ok()) return issuer.status();
  if (!*issuer) return no_longer_valid("its keeper's account is gone");
  const accounts::UserRecord& u = **issuer;
  if (u.disabled) return no_longer_valid("its keeper was disabled");
  const std::vector<int64_t>& orgs = u.organisation_ids;
  const bool keeps = u.role == "keeper" && t.keeper_org_id &&
                     std::find(orgs.begin(), orgs.end(), *t.keeper_org_id) != orgs.end();
  if (u.role != "admin" && !keeps) return no_longer_valid("its keeper no longer keeps this lot");
  return Status::Ok();
}

Status insert_gate_token(store::Connection& c, GateToken& t, const std::string& token_hash) {
  auto s = c.prepare(
      "INSERT INTO facility_gate_tokens (facility_id, label, token_hash, created_by, created_at, "
      "keeper_org_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, t.facility_id).bind(2, t.label).bind(3, token_hash);
  s->bind(4, t.created_by).bind(5, t.created_at).bind(6, t.keeper_org_id);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  t.id = *id;
  return Status::Ok();
}

Result<std::vector<GateToken>> gate_tokens_of(store::Connection& c, int64_t facility_id) {
  auto s = c.prepare(std::string("SELECT ") + kGateColumns +
                     " FROM facility_gate_tokens WHERE facility_id = ? ORDER BY id DESC");
  if (!s.ok()) return s.status();
  s->bind(1, facility_id);
  return store::collect<GateToken>(*s, read_gate_row);
}

Result<std::optional<GateToken>> find_live_gate_token(store::Connection& c,
                                                      const std::string& token_hash) {
  auto s = c.prepare(std::string("SELECT ") + kGateColumns +
                     " FROM facility_gate_tokens WHERE token_hash = ? AND revoked_at IS NULL");
  if (!s.ok()) return s.status();
  s->bind(1, token_hash);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<GateToken>();
  return std::optional<GateToken>(read_gate_row(*s));
}

Status mark_gate_token_revoked(store::Connection& c, int64_t facility_id, int64_t id, int64_t now) {
  auto s = c.prepare(
      "UPDATE facility_gate_tokens SET revoked_at = ? "
      "WHERE id = ? AND facility_id = ? AND revoked_at IS NULL");
  if (!s.ok()) return s.status();
  s->bind(1, now).bind(2, id).bind(3, facility_id);
  if (Status st = s->run(); !st.ok()) return st;
  if (c.changes() == 0) return Status::NotFound("this lot has no live gate token with that id");
  return Status::Ok();
}

Status touch_gate_token(store::Connection& c, int64_t id, int64_t now) {
  auto s = c.prepare("UPDATE facility_gate_tokens SET last_used_at = ? WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, now).bind(2, id);
  return s->run();
}

}  // namespace warmcity::facilities
