// The certificates' service on both engines: issue (content summed from the
// confirmed ledger, facts as they were, audited), reissue (supersedes once),
// immutability, who may read, requests answered by issuing, verification.
#include <gtest/gtest.h>
#include <sodium.h>

#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "volunteers/certificate_number.h"
#include "volunteers/certificate_service.h"
#include "volunteers/certificate_store.h"
#include "volunteers/ledger_write.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

template <class T, class Start>
Result<T> cert_wait(Start start) {
  auto p = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> f = p->get_future();
  start([p](Result<T> r) { p->set_value(std::move(r)); });
  return f.get();
}

std::string code_of(const Status& s) {
  const std::string m = s.message();
  const size_t colon = m.find(':');
  return colon == std::string::npos ? m : m.substr(0, colon);
}

class CertificateWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("cert.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    const int64_t area = seed_community(*db_, "凤山社区");
    community_ = seed_organisation(*db_, "community", "凤山社区居委会", area);
    other_org_ = seed_organisation(*db_, "department", "区文明办");
    team_ = seed_team(*db_, "夕阳红志愿队", area);
    seed_team_facts(*db_, team_, community_, "王桂英", "0358-8221234");
    other_team_ = seed_team(*db_, "蒲公英志愿队", area);
    const int64_t leader = seed_user(*db_, "volunteer", "李队长");
    seed_membership(*db_, leader, team_);
    leader_ = caller_as(leader, "volunteer", {team_});
    const int64_t other_leader = seed_user(*db_, "worker", "蒲公英队长");
    seed_membership(*db_, other_leader, other_team_);
    other_leader_ = caller_as(other_leader, "worker", {other_team_});
    admin_ = caller_as(seed_user(*db_, "admin", "管理员"), "admin");
    resident_ = caller_as(seed_user(*db_, "resident", "居民"), "resident");
    const int64_t me = seed_user(*db_, "resident", "张志愿", std::string("13912345678"));
    me_ = caller_as(me, "resident");
    volunteer_ = seed_volunteer(*db_, SeedVolunteer{.name = "张志愿",
                                                    .id_type = std::string("resident_id"),
                                                    .id_number = std::string("14110219800101001X"),
                                                    .user_id = me,
                                                    .team_id = team_});
    stranger_ = seed_volunteer(*db_, SeedVolunteer{.name = "李四", .team_id = other_team_});
    service_ = std::make_unique<CertificateService>(*db_, [this] { return now_; });
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  // A confirmed ledger record (or a correction of `corrects`).
  int64_t record(int64_t volunteer, std::optional<int64_t> org, const std::string& org_name,
                 const std::string& date, int64_t minutes,
                 const std::string& content = "清理小广告",
                 std::optional<int64_t> corrects = std::nullopt,
                 const std::string& state = "confirmed") {
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& c) -> Status {
      NewRecord r;
      r.volunteer_id = volunteer;
      r.organiser_org_id = org;
      r.organiser_name = org_name;
      r.service_date = date;
      r.content = content;
      r.minutes = minutes;
      r.source = corrects ? "correction" : "manual";
      r.state = state;
      r.corrects_id = corrects;
      if (corrects) r.reason = "签退时间记错";
      r.created_at = now_;
      Result<int64_t> made = insert_record(c, r);
      if (!made.ok()) return made.status();
      id = *made;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }
  // The world's ledger for volunteer_: 凤山 2 records (120 + 90, corrected −30),
  // 文明办 1 record (60), a submitted one and one out of the period.
  void ledger() {
    const int64_t first = record(volunteer_, community_, "凤山社区居委会", "2026-03-01", 120);
    record(volunteer_, community_, "凤山社区居委会", "2026-04-10", 90, "助老代购");
    record(volunteer_, community_, "凤山社区居委会", "2026-03-01", -30, "清理小广告", first);
    record(volunteer_, other_org_, "区文明办", "2026-04-20", 60, "文明劝导");
    record(volunteer_, other_org_, "区文明办", "2026-04-21", 600, "文明劝导", std::nullopt,
           "submitted");
    record(volunteer_, community_, "凤山社区居委会", "2025-12-31", 500);
  }

  IssueInput input(std::string from = "2026-01-01", std::string to = "2026-05-28") const {
    return IssueInput{volunteer_, team_, std::move(from), std::move(to), std::nullopt};
  }
  Result<Certificate> issue(IssueInput in, const accounts::Caller& by) {
    return cert_wait<Certificate>([&](auto d) { service_->issue(std::move(in), by, d); });
  }
  Result<Certificate> reissue(int64_t id, const accounts::Caller& by) {
    return cert_wait<Certificate>([&](auto d) { service_->reissue(id, by, d); });
  }
  Result<Certificate> get(int64_t id, const accounts::Caller& by) {
    return cert_wait<Certificate>([&](auto d) { service_->get(id, by, d); });
  }
  Result<std::vector<Certificate>> of_volunteer(int64_t id, const accounts::Caller& by) {
    return cert_wait<std::vector<Certificate>>([&](auto d) { service_->of_volunteer(id, by, d); });
  }
  Result<CertificateRequest> ask(RequestInput in, const accounts::Caller& by) {
    return cert_wait<CertificateRequest>([&](auto d) { service_->request(std::move(in), by, d); });
  }
  Result<std::vector<CertificateRequest>> requests(const accounts::Caller& by,
                                                   std::string state = "") {
    return cert_wait<std::vector<CertificateRequest>>(
        [&](auto d) { service_->requests(team_, std::move(state), by, d); });
  }
  int64_t audits(const std::string& action) {
    return count_of(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<CertificateService> service_;
  int64_t now_ = 1'780'000'000;  // 2026-05-29 in the district
  int64_t community_ = 0, other_org_ = 0, team_ = 0, other_team_ = 0;
  int64_t volunteer_ = 0, stranger_ = 0;
  accounts::Caller leader_, other_leader_, admin_, resident_, me_;
};

TEST_F(CertificateWorld, IssueSumsTheConfirmedRecordsPerOrganiserWithTheFactsOfTheDay) {
  ledger();
  Result<Certificate> c = issue(input(), leader_);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(is_certificate_number(c->number)) << c->number;
  EXPECT_EQ(c->number.substr(0, 6), "ZY2026");
  EXPECT_EQ(c->minutes, 240);  // 120 − 30 + 90 + 60
  ASSERT_EQ(c->content.size(), 2u);
  EXPECT_EQ(c->content[0].organiser_id, community_);
  EXPECT_EQ(c->content[0].records, 2);
  EXPECT_EQ(c->content[0].minutes, 180);
  EXPECT_EQ(c->content[0].services, (std::vector<std::string>{"清理小广告", "助老代购"}));
  EXPECT_EQ(c->content[1].organiser_name, "区文明办");
  EXPECT_EQ(c->content[1].minutes, 60);
  EXPECT_EQ(c->volunteer_name, "张志愿");
  EXPECT_EQ(c->id_number_masked, "141*************1X");
  EXPECT_EQ(c->volunteer_no.size(), 9u);
  EXPECT_EQ(c->issuer_name, "夕阳红志愿队");
  EXPECT_EQ(c->responsible_person, "王桂英");
  EXPECT_EQ(c->contact_phone, "0358-8221234");
  EXPECT_EQ(c->handler_name, "李队长");
  EXPECT_EQ(c->issued_on, "2026-05-29");
  EXPECT_EQ(c->note, std::string(kCertificateNote));
  EXPECT_FALSE(c->superseded());
  EXPECT_EQ(audits("volunteer.certificate_issue"), 1);
  // The row reads back the same.
  Result<std::optional<Certificate>> back = certificate_by_id(db_->reader(), c->id);
  ASSERT_TRUE(back.ok() && *back);
  EXPECT_EQ((*back)->number, c->number);
  EXPECT_EQ((*back)->content.size(), 2u);
  EXPECT_EQ((*back)->content[0].minutes, 180);
}

TEST_F(CertificateWorld, IssueRefusesNoHoursNonMembersStrangersAndBadPeriods) {
  Result<Certificate> none = issue(input(), leader_);
  EXPECT_EQ(none.status().code(), Code::kConflict);
  EXPECT_EQ(code_of(none.status()), "no_hours");
  ledger();
  // Only 2025's record is out of this period: a period with nothing confirmed.
  EXPECT_EQ(code_of(issue(input("2026-05-01", "2026-05-28"), leader_).status()), "no_hours");
  Result<Certificate> stranger =
      issue(IssueInput{stranger_, team_, "2026-01-01", "2026-05-28", {}}, leader_);
  EXPECT_EQ(code_of(stranger.status()), "not_member");
  EXPECT_EQ(issue(input(), other_leader_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(issue(input(), resident_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(issue(input(), me_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(issue(input(), anonymous_caller()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(issue(input("2026-05-02", "2026-05-01"), leader_).status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(issue(input("2026-05-01", "2026-05-30"), leader_).status().field_errors().at(0).field,
            "to");
  Result<Certificate> no_team =
      issue(IssueInput{volunteer_, 987654, "2026-01-01", "2026-05-28", {}}, leader_);
  EXPECT_EQ(no_team.status().field_errors().at(0).field, "team_id");
  Result<Certificate> no_volunteer =
      issue(IssueInput{987654, team_, "2026-01-01", "2026-05-28", {}}, leader_);
  EXPECT_EQ(no_volunteer.status().field_errors().at(0).field, "volunteer_id");
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_certificates"), 0);
  // Admins may, and a member who left after the period still counts.
  EXPECT_TRUE(issue(input(), admin_).ok());
}

TEST_F(CertificateWorld, AFormerMemberGetsACertificateForTheirTimeInTheTeam) {
  ledger();
  // The volunteer left the team at 2026-05-01 00:00 district time.
  ASSERT_TRUE(db_->write([&](store::Connection& c) {
                   return c.exec("UPDATE volunteer_team_members SET joined_at = 0, left_at = " +
                                 std::to_string(1'777'564'800) +
                                 " WHERE volunteer_id = " + std::to_string(volunteer_));
                 })
                  .ok());
  EXPECT_TRUE(issue(input("2026-01-01", "2026-04-30"), leader_).ok());
  EXPECT_EQ(code_of(issue(input("2026-05-02", "2026-05-28"), leader_).status()), "not_member");
}

TEST_F(CertificateWorld, ReissueSupersedesTheOldOneOnceAndCountsAgain) {
  ledger();
  Result<Certificate> old = issue(input(), leader_);
  ASSERT_TRUE(old.ok()) << old.status().message();
  record(volunteer_, other_org_, "区文明办", "2026-05-10", 45, "文明劝导");
  now_ += 86400;
  Result<Certificate> fresh = reissue(old->id, leader_);
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();
  EXPECT_NE(fresh->number, old->number);
  EXPECT_EQ(fresh->minutes, 285);
  EXPECT_EQ(fresh->from, old->from);
  EXPECT_EQ(fresh->to, old->to);
  EXPECT_EQ(fresh->issued_on, "2026-05-30");
  EXPECT_EQ(audits("volunteer.certificate_reissue"), 1);

  // The old one: superseded by the new, everything else as it was.
  Result<std::optional<Certificate>> was = service_->verify(old->number);
  ASSERT_TRUE(was.ok() && *was);
  EXPECT_TRUE((*was)->superseded());
  EXPECT_EQ((*was)->superseded_by, fresh->id);
  EXPECT_EQ((*was)->superseded_by_number, fresh->number);
  EXPECT_EQ((*was)->minutes, 240);
  EXPECT_EQ((*was)->issued_on, "2026-05-29");
  EXPECT_EQ((*was)->content.at(0).minutes, 180);

  // Only the current one is reissued; other teams' staff may not.
  EXPECT_EQ(code_of(reissue(old->id, leader_).status()), "superseded");
  EXPECT_EQ(reissue(fresh->id, other_leader_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(reissue(987654, leader_).status().code(), Code::kNotFound);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_certificates"), 2);
}

TEST_F(CertificateWorld, ACertificateRowIsSupersededOnceAndNeverRewritten) {
  ledger();
  Result<Certificate> a = issue(input(), leader_);
  Result<Certificate> b = issue(input("2026-03-01", "2026-03-31"), leader_);
  ASSERT_TRUE(a.ok() && b.ok());
  Status first = db_->write([&](store::Connection& c) { return supersede(c, a->id, b->id, 1); });
  EXPECT_TRUE(first.ok()) << first.message();
  Status again = db_->write([&](store::Connection& c) { return supersede(c, a->id, b->id, 2); });
  EXPECT_EQ(code_of(again), "superseded");
  EXPECT_EQ(count_of(*db_, "SELECT superseded_at FROM volunteer_certificates WHERE id = " +
                               std::to_string(a->id)),
            1);
  // The records changing afterwards changes no certificate.
  record(volunteer_, community_, "凤山社区居委会", "2026-03-02", 300);
  Result<std::optional<Certificate>> still = certificate_by_id(db_->reader(), b->id);
  ASSERT_TRUE(still.ok() && *still);
  EXPECT_EQ((*still)->minutes, b->minutes);
}

TEST_F(CertificateWorld, TheVolunteerAndItsTeamsAdminsReadItAndTheirReadsAreAudited) {
  ledger();
  Result<Certificate> c = issue(input(), leader_);
  ASSERT_TRUE(c.ok());
  const int64_t reads = audits("personal_data.read");
  EXPECT_TRUE(get(c->id, me_).ok());
  EXPECT_EQ(audits("personal_data.read"), reads);  // the volunteer's own read
  EXPECT_TRUE(get(c->id, leader_).ok());
  EXPECT_TRUE(get(c->id, admin_).ok());
  EXPECT_EQ(audits("personal_data.read"), reads + 2);
  EXPECT_EQ(get(c->id, other_leader_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(get(c->id, resident_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(get(c->id, anonymous_caller()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(get(987654, leader_).status().code(), Code::kNotFound);
  Result<std::string> number = service_->number_of(c->id, me_);
  ASSERT_TRUE(number.ok());
  EXPECT_EQ(*number, c->number);
  EXPECT_EQ(service_->number_of(c->id, other_leader_).status().code(), Code::kPermissionDenied);

  Result<std::vector<Certificate>> mine =
      cert_wait<std::vector<Certificate>>([&](auto d) { service_->mine(me_, d); });
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 1u);
  EXPECT_EQ(cert_wait<std::vector<Certificate>>([&](auto d) { service_->mine(resident_, d); })
                .status()
                .code(),
            Code::kNotFound);
  Result<std::vector<Certificate>> listed = of_volunteer(volunteer_, leader_);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
  EXPECT_EQ(audits("personal_data.read"), reads + 3);
  EXPECT_EQ(of_volunteer(volunteer_, other_leader_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(of_volunteer(volunteer_, resident_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(of_volunteer(987654, leader_).status().code(), Code::kNotFound);
  // A team that issued one keeps seeing its own after the volunteer moved on.
  ASSERT_TRUE(db_->write([&](store::Connection& w) {
                   return w.exec(
                       "UPDATE volunteer_team_members SET left_at = 1 WHERE "
                       "volunteer_id = " +
                       std::to_string(volunteer_));
                 })
                  .ok());
  Result<std::vector<Certificate>> after = of_volunteer(volunteer_, leader_);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->size(), 1u);
}

TEST_F(CertificateWorld, ARequestIsAnsweredByIssuingWithIt) {
  ledger();
  Result<CertificateRequest> r = ask(RequestInput{team_, "2026-01-01", "2026-05-28"}, me_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->state, "open");
  EXPECT_EQ(r->volunteer_id, volunteer_);
  EXPECT_EQ(audits("volunteer.certificate_request"), 1);
  EXPECT_EQ(code_of(ask(RequestInput{team_, "2026-02-01", "2026-05-28"}, me_).status()),
            "request_open");
  EXPECT_EQ(code_of(ask(RequestInput{other_team_, "2026-02-01", "2026-05-28"}, me_).status()),
            "not_member");
  EXPECT_EQ(ask(RequestInput{team_, "2026-02-01", "2026-06-28"}, me_).status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(ask(RequestInput{team_, "2026-02-01", "2026-05-28"}, resident_).status().code(),
            Code::kNotFound);
  EXPECT_EQ(ask(RequestInput{987654, "2026-02-01", "2026-05-28"}, me_).status().code(),
            Code::kUnprocessable);

  const int64_t reads = audits("personal_data.read");
  Result<std::vector<CertificateRequest>> open = requests(leader_, "open");
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->at(0).volunteer_name, "张志愿");
  EXPECT_EQ(audits("personal_data.read"), reads + 1);
  EXPECT_EQ(requests(other_leader_).status().code(), Code::kPermissionDenied);

  IssueInput in = input(r->from, r->to);
  in.request_id = r->id;
  IssueInput wrong = IssueInput{stranger_, team_, r->from, r->to, r->id};
  EXPECT_EQ(issue(wrong, leader_).status().code(), Code::kConflict);  // not_member first
  Result<Certificate> c = issue(in, leader_);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->request_id, r->id);
  Result<std::vector<CertificateRequest>> answered = requests(leader_, "answered");
  ASSERT_TRUE(answered.ok());
  ASSERT_EQ(answered->size(), 1u);
  EXPECT_EQ(answered->at(0).certificate_id, c->id);
  EXPECT_TRUE(answered->at(0).answered_at.has_value());
  EXPECT_TRUE(requests(leader_, "open")->empty());
  EXPECT_EQ(code_of(issue(in, leader_).status()), "request_answered");
  in.request_id = 987654;
  EXPECT_EQ(issue(in, leader_).status().field_errors().at(0).field, "request_id");
  // Answered, the volunteer may ask again.
  EXPECT_TRUE(ask(RequestInput{team_, "2026-01-01", "2026-03-31"}, me_).ok());
}

TEST_F(CertificateWorld, VerificationKnowsOnlyWellFormedIssuedNumbers) {
  ledger();
  Result<Certificate> c = issue(input(), leader_);
  ASSERT_TRUE(c.ok());
  Result<std::optional<Certificate>> found = service_->verify(c->number);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_FALSE((*found)->superseded());
  for (const std::string& bad :
       {certificate_number(2026, "00000000"), c->number.substr(0, 14) + "x", std::string("ZY"),
        std::string("1 OR 1=1"), c->number + "0"}) {
    Result<std::optional<Certificate>> v = service_->verify(bad);
    ASSERT_TRUE(v.ok()) << bad;
    EXPECT_FALSE(v->has_value()) << bad;
  }
}

}  // namespace
}  // namespace warmcity::volunteers
