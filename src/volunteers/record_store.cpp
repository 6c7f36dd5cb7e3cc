// The hours ledger's SQL (record_store.h).
#include "volunteers/record_store.h"

#include <map>
#include <utility>

namespace warmcity::volunteers {

namespace {

// A record's columns, its latest dispute (d.*: NULL when none) and its
// volunteer's number and name.
constexpr const char* kLedgerRecordSelect =
    "SELECT r.id, r.volunteer_id, r.organiser_org_id, r.organiser_name, r.service_date, r.place, "
    "r.content, r.minutes, r.source, r.source_id, r.state, r.confirmed_by, r.confirmed_at, "
    "r.corrects_id, r.reason, r.created_by, r.created_at, d.id, d.state, d.text, d.answer, "
    "d.answered_at, v.volunteer_no, v.name "
    "FROM volunteer_records r JOIN volunteers v ON v.id = r.volunteer_id "
    "LEFT JOIN volunteer_disputes d ON d.id = "
    "(SELECT MAX(x.id) FROM volunteer_disputes x WHERE x.record_id = r.id) ";

Record ledger_read_record(store::Statement& s) {
  Record r;
  r.id = s.column_int64(0);
  r.volunteer_id = s.column_int64(1);
  r.organiser_org_id = s.column_int64_opt(2);
  r.organiser_name = s.column_text(3);
  r.service_date = s.column_text(4);
  r.place = s.column_text(5);
  r.content = s.column_text(6);
  r.minutes = s.column_int64(7);
  r.source = s.column_text(8);
  r.source_id = s.column_int64_opt(9);
  r.state = s.column_text(10);
  r.confirmed_by = s.column_int64_opt(11);
  r.confirmed_at = s.column_int64_opt(12);
  r.corrects_id = s.column_int64_opt(13);
  r.reason = s.column_text_opt(14);
  r.created_by = s.column_int64_opt(15);
  r.created_at = s.column_int64(16);
  if (!s.column_is_null(17)) {
    r.dispute = DisputeRef{s.column_int64(17), s.column_text(18), s.column_text(19),
                           s.column_text_opt(20), s.column_int64_opt(21)};
  }
  r.volunteer_no = s.column_text(22);
  r.volunteer_name = s.column_text(23);
  return r;
}

// Puts the corrections (rows of corrects_id, id from `s`, id order) on the
// records they correct.
Status ledger_attach_corrections(store::Statement& s, std::vector<Record>& records) {
  std::map<int64_t, Record*> by_id;
  for (Record& r : records) by_id[r.id] = &r;
  while (true) {
    Result<bool> row = s.step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    if (auto it = by_id.find(s.column_int64(0)); it != by_id.end())
      it->second->corrections.push_back(s.column_int64(1));
  }
}

int64_t ledger_lowest_id(const std::vector<Record>& records) {
  int64_t low = INT64_MAX;
  for (const Record& r : records) low = std::min(low, r.id);
  return low;
}

}  // namespace

Result<std::optional<Record>> get_record(store::Connection& c, int64_t id) {
  Result<store::Statement> s = c.prepare(std::string(kLedgerRecordSelect) + "WHERE r.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Record>();
  std::vector<Record> one{ledger_read_record(*s)};
  Result<store::Statement> corr =
      c.prepare("SELECT corrects_id, id FROM volunteer_records WHERE corrects_id = ? ORDER BY id");
  if (!corr.ok()) return corr.status();
  corr->bind(1, id);
  if (Status st = ledger_attach_corrections(*corr, one); !st.ok()) return st;
  return std::optional<Record>(std::move(one[0]));
}

Status confirm_record(store::Connection& c, int64_t id, int64_t by, int64_t at) {
  Result<store::Statement> s = c.prepare(
      "UPDATE volunteer_records SET state = 'confirmed', confirmed_by = ?, confirmed_at = ? "
      "WHERE id = ? AND state = 'submitted'");
  if (!s.ok()) return s.status();
  s->bind(1, by).bind(2, at).bind(3, id);
  if (Status st = s->run(); !st.ok()) return st;
  if (c.changes() == 0) return Status::Conflict("not_submitted: the record is already confirmed");
  return Status::Ok();
}

Result<int64_t> corrected_total(store::Connection& c, int64_t id) {
  Result<store::Statement> s = c.prepare(
      "SELECT r.minutes + CAST(COALESCE((SELECT SUM(x.minutes) FROM volunteer_records x "
      "WHERE x.corrects_id = r.id), 0) AS BIGINT) FROM volunteer_records r WHERE r.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such record");
  return s->column_int64(0);
}

Result<VolunteerRecords> records_of_volunteer(store::Connection& c, int64_t volunteer_id,
                                              const Period& period) {
  const std::string from = period.from.empty() ? "0000-01-01" : period.from;
  const std::string to = period.to.empty() ? "9999-12-31" : period.to;
  VolunteerRecords out;
  out.volunteer_id = volunteer_id;
  Result<store::Statement> s =
      c.prepare(std::string(kLedgerRecordSelect) +
                "WHERE r.volunteer_id = ? AND r.service_date >= ? AND r.service_date <= ? "
                "ORDER BY r.service_date DESC, r.id DESC LIMIT " +
                std::to_string(kMaxVolunteerRecords));
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id).bind(2, from).bind(3, to);
  Result<std::vector<Record>> rows = store::collect<Record>(*s, ledger_read_record);
  if (!rows.ok()) return rows.status();
  out.items = std::move(*rows);
  if (!out.items.empty()) {
    Result<store::Statement> corr = c.prepare(
        "SELECT corrects_id, id FROM volunteer_records WHERE volunteer_id = ? AND corrects_id >= ? "
        "ORDER BY id");
    if (!corr.ok()) return corr.status();
    corr->bind(1, volunteer_id).bind(2, ledger_lowest_id(out.items));
    if (Status st = ledger_attach_corrections(*corr, out.items); !st.ok()) return st;
  }
  Result<store::Statement> sum = c.prepare(
      "SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) FROM volunteer_records "
      "WHERE volunteer_id = ? AND state = 'confirmed' AND service_date >= ? AND service_date <= ?");
  if (!sum.ok()) return sum.status();
  sum->bind(1, volunteer_id).bind(2, from).bind(3, to);
  Result<bool> row = sum->step();
  if (!row.ok()) return row.status();
  out.total_minutes = *row ? sum->column_int64(0) : 0;
  return out;
}

Result<std::vector<Record>> records_of_organiser(store::Connection& c,
                                                 std::optional<int64_t> organiser_org_id,
                                                 const std::string& state) {
  // The page's ids first, from volunteer_records_organiser (one state) or
  // volunteer_records_organiser_id (any), then only those records joined:
  // joining every record of a community's organisation before sorting cost
  // ten times as much (bench/README.md "Volunteers").
  const std::string of = organiser_org_id ? "organiser_org_id = ?" : "organiser_org_id IS NULL";
  Result<store::Statement> s = c.prepare(
      std::string(kLedgerRecordSelect) + "WHERE r.id IN (SELECT id FROM volunteer_records WHERE " +
      of + (state.empty() ? "" : " AND state = ?") + " ORDER BY id DESC LIMIT " +
      std::to_string(kMaxListed) + ") ORDER BY r.id DESC");
  if (!s.ok()) return s.status();
  int i = 1;
  if (organiser_org_id) s->bind(i++, *organiser_org_id);
  if (!state.empty()) s->bind(i, state);
  Result<std::vector<Record>> rows = store::collect<Record>(*s, ledger_read_record);
  if (!rows.ok() || rows->empty()) return rows;
  // Corrections carry the organiser of the record they correct
  // (volunteer_records_organiser_corrections holds only the corrections).
  Result<store::Statement> corr =
      c.prepare("SELECT corrects_id, id FROM volunteer_records WHERE " + of +
                " AND corrects_id IS NOT NULL AND corrects_id >= ? ORDER BY id");
  if (!corr.ok()) return corr.status();
  i = 1;
  if (organiser_org_id) corr->bind(i++, *organiser_org_id);
  corr->bind(i, ledger_lowest_id(*rows));
  if (Status st = ledger_attach_corrections(*corr, *rows); !st.ok()) return st;
  return rows;
}

Result<std::optional<std::string>> organiser_organisation_name(store::Connection& c,
                                                               int64_t org_id) {
  Result<store::Statement> s = c.prepare(
      "SELECT name FROM organisations WHERE id = ? "
      "AND kind IN ('department', 'community', 'volunteer_team')");
  if (!s.ok()) return s.status();
  s->bind(1, org_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(s->column_text(0));
}

Result<bool> volunteer_exists(store::Connection& c, int64_t volunteer_id) {
  Result<store::Statement> s = c.prepare("SELECT 1 FROM volunteers WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id);
  return s->step();
}

}  // namespace warmcity::volunteers
