// The outcome kinds' and outcomes' rows (outcome_store.h).
#include "volunteers/outcome_store.h"

namespace warmcity::volunteers {

namespace {

OutcomeKind outcome_kind_row(const store::Statement& s) {
  return OutcomeKind{s.column_text(0), s.column_text(1), s.column_text(2), s.column_int64(3),
                     s.column_int64(4) != 0};
}

const char* const kOutcomeKindSelect =
    "SELECT code, name, unit, decimals, active FROM volunteer_outcome_kinds ";

}  // namespace

Result<std::vector<OutcomeKind>> outcome_kinds(store::Connection& c) {
  Result<store::Statement> s = c.prepare(std::string(kOutcomeKindSelect) + "ORDER BY code");
  if (!s.ok()) return s.status();
  return store::collect<OutcomeKind>(*s, outcome_kind_row);
}

Result<std::optional<OutcomeKind>> load_outcome_kind(store::Connection& c,
                                                     const std::string& code) {
  Result<store::Statement> s = c.prepare(std::string(kOutcomeKindSelect) + "WHERE code = ?");
  if (!s.ok()) return s.status();
  s->bind(1, code);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<OutcomeKind>();
  return std::optional<OutcomeKind>(outcome_kind_row(*s));
}

Status insert_outcome_kind(store::Connection& c, const OutcomeKind& k, int64_t now) {
  Result<store::Statement> s = c.prepare(
      "INSERT INTO volunteer_outcome_kinds (code, name, unit, decimals, active, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, k.code).bind(2, k.name).bind(3, k.unit).bind(4, k.decimals);
  s->bind(5, int64_t{k.active ? 1 : 0}).bind(6, now);
  return s->run();
}

Status save_outcome_kind(store::Connection& c, const OutcomeKind& k) {
  Result<store::Statement> s = c.prepare(
      "UPDATE volunteer_outcome_kinds SET name = ?, unit = ?, decimals = ?, active = ? "
      "WHERE code = ?");
  if (!s.ok()) return s.status();
  s->bind(1, k.name).bind(2, k.unit).bind(3, k.decimals).bind(4, int64_t{k.active ? 1 : 0});
  s->bind(5, k.code);
  return s->run();
}

Result<std::vector<OutcomeLine>> outcomes_of(store::Connection& c, int64_t occurrence_id) {
  Result<store::Statement> s = c.prepare(
      "SELECT o.kind_code, o.quantity_tenths, o.team_org_id, k.name, k.unit "
      "FROM volunteer_outcomes o JOIN volunteer_outcome_kinds k ON k.code = o.kind_code "
      "WHERE o.occurrence_id = ? ORDER BY o.id");
  if (!s.ok()) return s.status();
  s->bind(1, occurrence_id);
  return store::collect<OutcomeLine>(*s, [](const store::Statement& q) {
    return OutcomeLine{q.column_text(0), q.column_int64(1), q.column_int64_opt(2), q.column_text(3),
                       q.column_text(4)};
  });
}

Status replace_outcomes(store::Connection& c, int64_t occurrence_id,
                        const std::vector<OutcomeLine>& lines, int64_t by, int64_t now) {
  Result<store::Statement> del =
      c.prepare("DELETE FROM volunteer_outcomes WHERE occurrence_id = ?");
  if (!del.ok()) return del.status();
  del->bind(1, occurrence_id);
  if (Status s = del->run(); !s.ok()) return s;
  for (const OutcomeLine& l : lines) {
    Result<store::Statement> ins = c.prepare(
        "INSERT INTO volunteer_outcomes (occurrence_id, kind_code, quantity_tenths, team_org_id, "
        "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (!ins.ok()) return ins.status();
    ins->bind(1, occurrence_id).bind(2, l.kind).bind(3, l.tenths).bind(4, l.team_id);
    ins->bind(5, by).bind(6, now);
    if (Status s = ins->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace warmcity::volunteers
