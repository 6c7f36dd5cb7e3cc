// The disputes' SQL (dispute_store.h).
#include "volunteers/dispute_store.h"

#include <utility>

namespace warmcity::volunteers {

namespace {

constexpr const char* kLedgerDisputeColumns =
    "d.id, d.record_id, d.volunteer_id, d.text, d.raised_by, d.raised_at, d.state, d.answer, "
    "d.answered_by, d.answered_at, d.correction_id";

Dispute ledger_read_dispute(store::Statement& s) {
  Dispute d;
  d.id = s.column_int64(0);
  d.record_id = s.column_int64(1);
  d.volunteer_id = s.column_int64(2);
  d.text = s.column_text(3);
  d.raised_by = s.column_int64(4);
  d.raised_at = s.column_int64(5);
  d.state = s.column_text(6);
  d.answer = s.column_text_opt(7);
  d.answered_by = s.column_int64_opt(8);
  d.answered_at = s.column_int64_opt(9);
  d.correction_id = s.column_int64_opt(10);
  return d;
}

}  // namespace

Result<std::optional<DisputeRow>> get_dispute(store::Connection& c, int64_t id) {
  Result<store::Statement> s =
      c.prepare(std::string("SELECT ") + kLedgerDisputeColumns +
                ", r.organiser_org_id FROM volunteer_disputes d "
                "JOIN volunteer_records r ON r.id = d.record_id WHERE d.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DisputeRow>();
  DisputeRow out{ledger_read_dispute(*s), s->column_int64_opt(11)};
  return std::optional<DisputeRow>(std::move(out));
}

Result<bool> has_open_dispute(store::Connection& c, int64_t record_id) {
  Result<store::Statement> s =
      c.prepare("SELECT 1 FROM volunteer_disputes WHERE record_id = ? AND state = 'open'");
  if (!s.ok()) return s.status();
  s->bind(1, record_id);
  return s->step();
}

Status insert_dispute(store::Connection& c, Dispute& d) {
  Result<store::Statement> s = c.prepare(
      "INSERT INTO volunteer_disputes (record_id, volunteer_id, text, raised_by, raised_at, "
      "state) VALUES (?, ?, ?, ?, ?, 'open') RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, d.record_id).bind(2, d.volunteer_id).bind(3, d.text).bind(4, d.raised_by);
  s->bind(5, d.raised_at);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  d.id = *id;
  d.state = "open";
  return Status::Ok();
}

Status answer_dispute_row(store::Connection& c, const Dispute& d) {
  Result<store::Statement> s = c.prepare(
      "UPDATE volunteer_disputes SET state = 'answered', answer = ?, answered_by = ?, "
      "answered_at = ?, correction_id = ? WHERE id = ? AND state = 'open'");
  if (!s.ok()) return s.status();
  s->bind(1, d.answer).bind(2, d.answered_by).bind(3, d.answered_at).bind(4, d.correction_id);
  s->bind(5, d.id);
  if (Status st = s->run(); !st.ok()) return st;
  if (c.changes() == 0) return Status::Conflict("not_open: the dispute is already answered");
  return Status::Ok();
}

Result<std::vector<Dispute>> disputes_of_organiser(store::Connection& c,
                                                   std::optional<int64_t> organiser_org_id,
                                                   const std::string& state) {
  const std::string of = organiser_org_id ? "r.organiser_org_id = ?" : "r.organiser_org_id IS NULL";
  Result<store::Statement> s = c.prepare(
      std::string("SELECT ") + kLedgerDisputeColumns +
      " FROM volunteer_disputes d JOIN volunteer_records r ON r.id = d.record_id WHERE " + of +
      " AND (? = '' OR d.state = ?) ORDER BY d.id DESC LIMIT " + std::to_string(kMaxListed));
  if (!s.ok()) return s.status();
  int i = 1;
  if (organiser_org_id) s->bind(i++, *organiser_org_id);
  s->bind(i, state);
  s->bind(i + 1, state);
  return store::collect<Dispute>(*s, ledger_read_dispute);
}

}  // namespace warmcity::volunteers
