// The ledger's history kept by the database itself (migration v5,
// {{guard_updates}}), on both engines: the app's one change of each row (a
// record's confirmation, by the record service and by a shift's
// confirmation; a certificate's supersession, by reissuing) still works,
// while any other UPDATE or a DELETE of a record or a certificate, as any
// later code or hand-run SQL might write it, is refused and leaves the rows
// as they were.
#include <gtest/gtest.h>
#include <sodium.h>

#include <memory>
#include <string>
#include <vector>

#include "store/engine.h"
#include "volunteers/certificate_service.h"
#include "volunteers/ledger_write.h"
#include "volunteers/record_test_world.h"
#include "volunteers/shift_store.h"

namespace warmcity::volunteers {
namespace {

using ledger_testing::LedgerWorld;
using ledger_testing::wait_for;

constexpr char kRecordColumns[] =
    "id, volunteer_id, organiser_org_id, organiser_name, service_date, place, content, minutes, "
    "source, source_id, state, confirmed_by, confirmed_at, corrects_id, reason, created_by, "
    "created_at";
constexpr int kRecordColumnCount = 17;
constexpr char kCertificateColumns[] =
    "id, number, volunteer_id, team_org_id, period_from, period_to, minutes, volunteer_name, "
    "id_number_masked, volunteer_no, content, issuer_name, responsible_person, contact_phone, "
    "handler_user_id, handler_name, issued_on, note, request_id, superseded_by, superseded_at, "
    "created_at";
constexpr int kCertificateColumnCount = 22;

class LedgerGuard : public LedgerWorld {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    LedgerWorld::SetUp();
    if (HasFatalFailure()) return;
    seed_team_facts(*db_, team_, community_, "王桂英", "0358-8221234");
    certificates_ = std::make_unique<CertificateService>(*db_, [this] { return now_; });
  }

  // Every column of the row, NULL spelt "NULL", to see that nothing changed.
  std::vector<std::string> row(const std::string& table, const char* columns, int n, int64_t id) {
    std::vector<std::string> out;
    Result<store::Statement> q = db_->reader().prepare(std::string("SELECT ") + columns + " FROM " +
                                                       table + " WHERE id = ?");
    EXPECT_TRUE(q.ok()) << q.status().message();
    if (!q.ok()) return out;
    q->bind(1, id);
    Result<bool> found = q->step();
    EXPECT_TRUE(found.ok() && *found) << table << " " << id;
    if (!found.ok() || !*found) return out;
    for (int i = 0; i < n; ++i) out.push_back(q->column_is_null(i) ? "NULL" : q->column_text(i));
    return out;
  }
  std::vector<std::string> record_row(int64_t id) {
    return row("volunteer_records", kRecordColumns, kRecordColumnCount, id);
  }
  std::vector<std::string> certificate_row(int64_t id) {
    return row("volunteer_certificates", kCertificateColumns, kCertificateColumnCount, id);
  }

  Status run(const std::string& sql) {
    return db_->write([sql](store::Connection& c) { return c.exec(sql); });
  }
  // Refused by the guard: SQLite's RAISE(ABORT) is kConflict, PostgreSQL's
  // RAISE EXCEPTION (SQLSTATE P0001) kInternal; the message names the table.
  void expect_refused(const std::string& sql, const std::string& table) {
    const Status s = run(sql);
    const Code want = db_->engine() == store::Engine::kSqlite ? Code::kConflict : Code::kInternal;
    EXPECT_EQ(s.code(), want) << sql << ": " << s.message();
    EXPECT_NE(s.message().find(table), std::string::npos) << sql << ": " << s.message();
  }

  Result<Certificate> issue(const IssueInput& in) {
    return wait_for<Certificate>([&](auto d) { certificates_->issue(in, leader_, d); });
  }
  Result<Certificate> reissue(int64_t id) {
    return wait_for<Certificate>([&](auto d) { certificates_->reissue(id, leader_, d); });
  }

  std::unique_ptr<CertificateService> certificates_;
};

TEST_F(LedgerGuard, ARecordIsConfirmedOnceAndNeverOtherwiseChangedOrDeleted) {
  Result<Record> submitted = create(manual(120), staff_);
  ASSERT_TRUE(submitted.ok()) << submitted.status().message();
  const std::string id = std::to_string(submitted->id);
  const std::vector<std::string> before = record_row(submitted->id);

  // A confirmation that changes anything else, or leaves who or when unset
  // (CONDITION NULL or false), is refused.
  expect_refused(
      "UPDATE volunteer_records SET state = 'confirmed', confirmed_by = 1, "
      "confirmed_at = 5, minutes = 240 WHERE id = " +
          id,
      "volunteer_records");
  expect_refused(
      "UPDATE volunteer_records SET state = 'confirmed', confirmed_at = 5 WHERE id = " + id,
      "volunteer_records");
  expect_refused("UPDATE volunteer_records SET place = '凤山路 2 号' WHERE id = " + id,
                 "volunteer_records");
  EXPECT_EQ(record_row(submitted->id), before);

  // The app's confirmation passes.
  Result<Record> confirmed = confirm(submitted->id, staff_);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().message();
  EXPECT_EQ(confirmed->state, "confirmed");
  const std::vector<std::string> after = record_row(submitted->id);
  EXPECT_NE(after, before);

  // Then nothing: minutes, a second confirmation, back to submitted, a delete.
  expect_refused("UPDATE volunteer_records SET minutes = 60 WHERE id = " + id, "volunteer_records");
  expect_refused(
      "UPDATE volunteer_records SET state = 'confirmed', confirmed_by = 1, "
      "confirmed_at = 7 WHERE id = " +
          id,
      "volunteer_records");
  expect_refused(
      "UPDATE volunteer_records SET state = 'submitted', confirmed_by = NULL, "
      "confirmed_at = NULL WHERE id = " +
          id,
      "volunteer_records");
  expect_refused("DELETE FROM volunteer_records WHERE id = " + id, "volunteer_records");
  EXPECT_EQ(record_row(submitted->id), after);
  // The app's second confirmation is its own refusal, as before.
  EXPECT_EQ(confirm(submitted->id, staff_).status().code(), Code::kConflict);
  EXPECT_EQ(record_row(submitted->id), after);
}

TEST_F(LedgerGuard, ACorrectionIsANewRecordAndNeitherIsDeleted) {
  const Record first = confirmed(120);
  ASSERT_GT(first.id, 0);
  Result<Record> fix = correct(first.id, -30, staff_);
  ASSERT_TRUE(fix.ok()) << fix.status().message();
  const std::vector<std::string> was = record_row(first.id);
  const std::vector<std::string> correction = record_row(fix->id);
  expect_refused("DELETE FROM volunteer_records WHERE id = " + std::to_string(fix->id),
                 "volunteer_records");
  expect_refused("DELETE FROM volunteer_records", "volunteer_records");
  expect_refused(
      "UPDATE volunteer_records SET corrects_id = NULL WHERE id = " + std::to_string(fix->id),
      "volunteer_records");
  EXPECT_EQ(record_row(first.id), was);
  EXPECT_EQ(record_row(fix->id), correction);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 2);
}

// A shift's confirmation (shift_store's UPDATE) is the same one change.
TEST_F(LedgerGuard, AShiftsRecordsAreConfirmedThroughTheGuard) {
  const SeedOccurrence o = seed_occurrence(*db_, community_, "2026-05-30");
  const int64_t shift = test_seed::insert_returning(
      *db_,
      "INSERT INTO volunteer_shifts (occurrence_id, title, starts_at, ends_at, capacity, min_age, "
      "code, created_by, created_at) VALUES (?, '清理小广告', ?, ?, 10, 0, '123456', 1, 0) "
      "RETURNING id",
      [&](store::Statement& s) {
        s.bind(1, o.occurrence_id).bind(2, o.starts_at).bind(3, o.ends_at);
      });
  const int64_t signup = test_seed::insert_returning(
      *db_,
      "INSERT INTO volunteer_signups (shift_id, volunteer_id, status, signed_by, signed_at) "
      "VALUES (?, ?, 'signed', 1, 0) RETURNING id",
      [&](store::Statement& s) { s.bind(1, shift).bind(2, volunteer_); });
  int64_t record = 0;
  ASSERT_TRUE(db_->write([&](store::Connection& c) -> Status {
                   NewRecord r;
                   r.volunteer_id = volunteer_;
                   r.organiser_org_id = community_;
                   r.organiser_name = "凤山社区居委会";
                   r.service_date = "2026-05-30";
                   r.content = "清理小广告";
                   r.minutes = 120;
                   r.source = "shift";
                   r.source_id = signup;
                   r.state = "submitted";
                   r.created_at = now_;
                   Result<int64_t> id = insert_record(c, r);
                   if (!id.ok()) return id.status();
                   record = *id;
                   return Status::Ok();
                 })
                  .ok());
  int64_t changed = -1;
  const Status s = db_->write([&](store::Connection& c) -> Status {
    Result<int64_t> n = confirm_shift_records(c, shift, staff_.user_id, now_);
    if (!n.ok()) return n.status();
    changed = *n;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(changed, 1);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records WHERE id = " +
                               std::to_string(record) + " AND state = 'confirmed'"),
            1);
  expect_refused(
      "UPDATE volunteer_records SET source_id = NULL WHERE id = " + std::to_string(record),
      "volunteer_records");
}

TEST_F(LedgerGuard, ACertificateIsSupersededOnceAndNeverOtherwiseChangedOrDeleted) {
  confirmed(120);
  const IssueInput in{volunteer_, team_, "2026-01-01", "2026-05-31", std::nullopt};
  Result<Certificate> old = issue(in);
  ASSERT_TRUE(old.ok()) << old.status().message();
  const std::string id = std::to_string(old->id);
  const std::vector<std::string> issued = certificate_row(old->id);
  expect_refused("UPDATE volunteer_certificates SET minutes = 999 WHERE id = " + id,
                 "volunteer_certificates");
  expect_refused("UPDATE volunteer_certificates SET volunteer_name = '李四' WHERE id = " + id,
                 "volunteer_certificates");
  // A supersession without its moment (CONDITION NULL or false) is refused.
  expect_refused("UPDATE volunteer_certificates SET superseded_by = " + id + " WHERE id = " + id,
                 "volunteer_certificates");
  EXPECT_EQ(certificate_row(old->id), issued);

  // The app's reissue supersedes the old one.
  now_ += 86400;
  Result<Certificate> fresh = reissue(old->id);
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();
  const std::string fresh_id = std::to_string(fresh->id);
  const std::vector<std::string> superseded = certificate_row(old->id);
  const std::vector<std::string> current = certificate_row(fresh->id);
  EXPECT_EQ(superseded.at(19), fresh_id) << "superseded_by";

  // Then nothing: un-superseding, another supersession, other columns, deletes.
  expect_refused(
      "UPDATE volunteer_certificates SET superseded_by = NULL, superseded_at = NULL "
      "WHERE id = " +
          id,
      "volunteer_certificates");
  expect_refused("UPDATE volunteer_certificates SET superseded_by = " + id +
                     ", superseded_at = 9 WHERE id = " + id,
                 "volunteer_certificates");
  expect_refused("UPDATE volunteer_certificates SET minutes = 999 WHERE id = " + fresh_id,
                 "volunteer_certificates");
  expect_refused("UPDATE volunteer_certificates SET volunteer_name = '李四' WHERE id = " + fresh_id,
                 "volunteer_certificates");
  expect_refused("DELETE FROM volunteer_certificates WHERE id = " + id, "volunteer_certificates");
  expect_refused("DELETE FROM volunteer_certificates WHERE id = " + fresh_id,
                 "volunteer_certificates");
  EXPECT_EQ(certificate_row(old->id), superseded);
  EXPECT_EQ(certificate_row(fresh->id), current);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_certificates"), 2);
  // The app's second reissue of the old one is its own refusal, as before.
  EXPECT_EQ(reissue(old->id).status().code(), Code::kConflict);
}

}  // namespace
}  // namespace warmcity::volunteers
