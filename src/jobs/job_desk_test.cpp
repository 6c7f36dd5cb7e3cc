// The job desk (employer.h, employer_service.h, publisher_service.h,
// complaint_service.h, job_counts.h): the credit code's check character, an
// employer verified once, the complaints' limit per network and hour on an
// injected clock, a complaint upheld withdrawing its post in the same write
// job, a publisher taken off the list losing the desk, the dashboard's
// counts. The same tests run on SQLite (job_desk_tests) and PostgreSQL
// (job_desk_pg_tests).
#include <future>

#include <gtest/gtest.h>

#include "jobs/complaint.h"
#include "jobs/complaint_json.h"
#include "jobs/complaint_service.h"
#include "jobs/employer.h"
#include "jobs/employer_service.h"
#include "jobs/job_counts.h"
#include "jobs/job_desk_test_world.h"
#include "jobs/publisher_service.h"

namespace warmcity::jobs {
namespace {

constexpr char kValidCode[] = "91141102MA0K2B3C46";       // check character 6
constexpr char kWrongCheck[] = "91141102MA0K2B3C47";      // the same, check 7
constexpr char kOtherValidCode[] = "91141102MA0H1P2Q3K";  // check character K
const int64_t kNow = 1796436000;                          // 2026-12-05 10:00 +08:00

TEST(CreditCode, CheckCharacter) {
  EXPECT_EQ(credit_code_check("91141102MA0K2B3C4"), '6');
  EXPECT_EQ(credit_code_check("91141102MA0H1P2Q3"), 'K');
  EXPECT_TRUE(is_valid_credit_code(kValidCode));
  EXPECT_TRUE(is_valid_credit_code(kOtherValidCode));
  EXPECT_FALSE(is_valid_credit_code(kWrongCheck));
  EXPECT_FALSE(is_valid_credit_code("91141102MA0K2B3C4"));   // 17 characters
  EXPECT_FALSE(is_valid_credit_code("91141102MA0K2B3I46"));  // I is not in the alphabet
  EXPECT_FALSE(is_valid_credit_code("91141102ma0k2b3c46"));  // lower case
  EXPECT_EQ(credit_code_check("91141102MA0K2B3O4"), std::nullopt);
}

TEST(CreditCode, EmployerErrorsNameTheField) {
  EXPECT_TRUE(employer_errors({"吕梁保洁服务有限公司", kValidCode, "", {}}).empty());
  std::vector<FieldError> e = employer_errors({" ", kWrongCheck, "", {}});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].field, "name");
  EXPECT_EQ(e[1].field, "credit_code");
  EXPECT_NE(e[1].message.find("check character"), std::string::npos);
}

TEST(ComplaintRules, ReasonsTextPhoneAndTheHour) {
  EXPECT_TRUE(complaint_errors({"fee_charged", "", "13812345678"}).empty());
  EXPECT_EQ(complaint_errors({"other", " ", std::nullopt}).at(0).field, "text");
  EXPECT_EQ(complaint_errors({"rude", "x", std::nullopt}).at(0).field, "reason");
  EXPECT_EQ(complaint_errors({"expired", "", "12345"}).at(0).field, "phone");
  EXPECT_EQ(complaint_retry_after(4, kNow - 100, kNow), 0);
  EXPECT_EQ(complaint_retry_after(5, kNow - 100, kNow), 3500);
  EXPECT_EQ(complaint_retry_after(5, kNow - 3600, kNow), 1);
}

template <class T>
T wait_for(std::function<void(std::function<void(T)>)> call) {
  std::promise<T> p;
  call([&p](T r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

class JobDesk : public JobDeskWorld {
 protected:
  Result<Employer> add_employer(EmployerService& s, const Caller& by, const char* code,
                                std::optional<int64_t> org = std::nullopt) {
    return wait_for<Result<Employer>>([&](auto done) {
      s.add({"吕梁家政服务有限公司", code, "离石区龙凤大街", org}, by, std::move(done));
    });
  }
  std::pair<Result<Complaint>, int64_t> complain(ComplaintService& s, int64_t post,
                                                 const Caller& by) {
    std::promise<std::pair<Result<Complaint>, int64_t>> p;
    s.submit(post, {"discrimination", "限男性", "13812345678"}, by,
             [&p](Result<Complaint> r, int64_t wait) {
               p.set_value({std::move(r), wait});
             });
    return p.get_future().get();
  }
  Result<Complaint> handle(ComplaintService& s, int64_t id, const char* outcome, const Caller& by) {
    return wait_for<Result<Complaint>>(
        [&](auto done) { s.handle(id, outcome, "核实属实", by, std::move(done)); });
  }
  int64_t now_ = kNow;
};

TEST_F(JobDesk, AnEmployerIsVerifiedOnce) {
  EmployerService s(*db_, [this] { return now_; });
  Caller staff = user("renshe", "department", 11);
  Result<Employer> e = add_employer(s, staff, kValidCode);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->verified_by_org, 11);
  EXPECT_EQ(e->verified_by_org_name, "离石区人力资源和社会保障局");
  Result<Employer> again = add_employer(s, staff, kValidCode);
  EXPECT_EQ(again.status().code(), Code::kConflict);
  EXPECT_EQ(add_employer(s, staff, kWrongCheck).status().code(), Code::kUnprocessable);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_employers"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'job.employer_add'"), 1);

  Result<std::vector<Employer>> found = s.list(staff, "家政", std::nullopt, 20);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->size(), 1u);
  EXPECT_TRUE(s.list(staff, "保安", std::nullopt, 20)->empty());
  EXPECT_TRUE(s.list(staff, "%", std::nullopt, 20)->empty());  // a literal %, not a wildcard
}

TEST_F(JobDesk, WhoVerifiesEmployers) {
  EmployerService s(*db_, [this] { return now_; });
  Caller admin = user("admin", "admin");
  EXPECT_EQ(add_employer(s, admin, kValidCode).status().code(), Code::kUnprocessable);
  EXPECT_EQ(add_employer(s, admin, kValidCode, 12).status().code(), Code::kUnprocessable);
  EXPECT_TRUE(add_employer(s, admin, kValidCode, 11).ok());
  Caller outsider = user("gonghui", "department", 12);  // 12 is not a publisher yet
  EXPECT_EQ(add_employer(s, outsider, kOtherValidCode).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(s.list(outsider, "", std::nullopt, 20).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(add_employer(s, Caller{}, kOtherValidCode).status().code(), Code::kUnauthenticated);
}

TEST_F(JobDesk, APublisherTakenOffTheListLosesTheDesk) {
  PublisherService publishers(*db_, [this] { return now_; });
  EmployerService employers(*db_, [this] { return now_; });
  Caller admin = user("admin", "admin");
  Caller gonghui = user("gonghui", "department", 12);
  Result<Publisher> added =
      wait_for<Result<Publisher>>([&](auto done) { publishers.set(12, admin, std::move(done)); });
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(added->name, "离石区总工会");
  EXPECT_TRUE(*is_publisher_staff(db_->reader(), gonghui));
  EXPECT_TRUE(add_employer(employers, gonghui, kValidCode).ok());

  Status removed =
      wait_for<Status>([&](auto done) { publishers.remove(12, admin, std::move(done)); });
  ASSERT_TRUE(removed.ok()) << removed.message();
  EXPECT_FALSE(*is_publisher_staff(db_->reader(), gonghui));
  EXPECT_EQ(require_publisher_or_admin(db_->reader(), gonghui).code(), Code::kPermissionDenied);
  EXPECT_EQ(add_employer(employers, gonghui, kOtherValidCode).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'job.publisher_%'"), 2);
}

TEST_F(JobDesk, OnlyDepartmentsPublishAndOnlyAdminsSayWhich) {
  PublisherService s(*db_, [this] { return now_; });
  Caller admin = user("admin", "admin");
  auto set = [&](int64_t org, const Caller& by) {
    return wait_for<Result<Publisher>>([&](auto done) { s.set(org, by, std::move(done)); });
  };
  EXPECT_EQ(set(13, admin).status().code(), Code::kUnprocessable);  // a keeper org
  EXPECT_EQ(set(999, admin).status().code(), Code::kNotFound);
  EXPECT_EQ(set(12, user("renshe", "department", 11)).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(set(11, admin).ok());  // there already: nothing changes
  Status gone = wait_for<Status>([&](auto done) { s.remove(999, admin, std::move(done)); });
  EXPECT_EQ(gone.code(), Code::kNotFound);
  Result<std::vector<Publisher>> list = s.list(admin);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().organisation_id, 11);
}

TEST_F(JobDesk, FiveComplaintsPerNetworkPerHour) {
  ComplaintService s(*db_, [this] { return now_; });
  const int64_t post = published_post();
  Caller anonymous;
  anonymous.client_address = "203.0.113.7";
  for (int i = 0; i < 5; ++i) {
    anonymous.client_address = "203.0.113." + std::to_string(10 + i);  // one /24
    now_ = kNow + i * 60;
    auto [r, wait] = complain(s, post, anonymous);
    ASSERT_TRUE(r.ok()) << i << ": " << r.status().message();
    EXPECT_EQ(r->status, "open");
  }
  auto [sixth, wait] = complain(s, post, anonymous);
  EXPECT_EQ(sixth.status().code(), Code::kResourceExhausted);
  EXPECT_EQ(wait, kNow + 3600 - now_);  // until the first leaves the hour
  Caller elsewhere;
  elsewhere.client_address = "198.51.100.9";
  EXPECT_TRUE(complain(s, post, elsewhere).first.ok());
  now_ = kNow + 3601;  // the first is an hour old
  EXPECT_TRUE(complain(s, post, anonymous).first.ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_complaints"), 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_complaints WHERE from_prefix = '203.0.113.0/24'"), 6);
}

TEST_F(JobDesk, AComplaintOnAPostThePublicCannotSeeIsNotFound) {
  ComplaintService s(*db_, [this] { return now_; });
  const int64_t expired = published_post("2026-12-04");
  EXPECT_EQ(complain(s, expired, Caller{}).first.status().code(), Code::kNotFound);
  EXPECT_EQ(complain(s, 999, Caller{}).first.status().code(), Code::kNotFound);
  const int64_t today = published_post("2026-12-05");
  EXPECT_TRUE(complain(s, today, Caller{}).first.ok());
}

TEST_F(JobDesk, UpheldComplaintWithdrawsThePostInTheSameJob) {
  ComplaintService s(*db_, [this] { return now_; });
  const int64_t post = published_post();
  Caller staff = user("renshe", "department", 11);
  auto [k, wait] = complain(s, post, Caller{});
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(handle(s, k->id, "post_withdrawn", user("resident", "resident")).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(handle(s, 999, "post_withdrawn", staff).status().code(), Code::kNotFound);

  Result<Complaint> done = handle(s, k->id, "post_withdrawn", staff);
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->status, "handled");
  EXPECT_EQ(done->outcome, "post_withdrawn");
  EXPECT_EQ(done->handled_by_name, "renshe(显示)");
  const std::string id = std::to_string(post);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_posts WHERE status = 'withdrawn' AND id = " + id), 1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM job_post_events WHERE kind = 'withdrawn' AND post_id = " + id),
      1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'job.complaint_handle'"), 1);
  EXPECT_EQ(handle(s, k->id, "no_action", staff).status().code(), Code::kConflict);
  // The post is gone from the public: no complaint on it any more.
  EXPECT_EQ(complain(s, post, Caller{}).first.status().code(), Code::kNotFound);
}

TEST_F(JobDesk, NobodyHandlesTheirOwnComplaintNorWithdrawsAnotherPublishersPost) {
  exec("INSERT INTO job_publishers (organisation_id, added_at, added_by) VALUES (12, 0, 1)");
  ComplaintService s(*db_, [this] { return now_; });
  const int64_t post = published_post();  // the bureau's (org 11)
  Caller union_a = user("gonghui", "department", 12);
  Caller union_b = user("gonghui2", "department", 12);
  auto [k, wait] = complain(s, post, union_a);
  ASSERT_TRUE(k.ok()) << k.status().message();
  EXPECT_EQ(handle(s, k->id, "no_action", union_a).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(handle(s, k->id, "post_withdrawn", union_a).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(handle(s, k->id, "post_withdrawn", union_b).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_posts WHERE status = 'published'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_complaints WHERE status = 'open'"), 1);
  // Another publisher's staff may still record no_action; the answer's words are audited.
  Result<Complaint> kept = handle(s, k->id, "no_action", union_b);
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'job.complaint_handle' AND "
                  "detail LIKE '%\"fields\":[\"phone_masked\",\"text\"]%'"),
            1);
  // The post's own publisher and admins withdraw through a complaint.
  auto [k2, wait2] = complain(s, post, Caller{});
  ASSERT_TRUE(k2.ok());
  EXPECT_TRUE(handle(s, k2->id, "post_withdrawn", user("boss", "admin")).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_posts WHERE status = 'withdrawn'"), 1);
}

TEST(ComplaintRules, ControlAndInvisibleCharactersInTheTextAreRefused) {
  EXPECT_EQ(complaint_errors({"other", "收\u200b费", std::nullopt}).size(), 1u);
  EXPECT_EQ(complaint_errors({"other", std::string("a\0b", 3), std::nullopt}).size(), 1u);
  EXPECT_TRUE(complaint_errors({"other", "第一行\n第二行", std::nullopt}).empty());
  Result<HandleInput> blank = read_handle_input(R"({"outcome":"no_action","note":"   "})");
  ASSERT_EQ(blank.status().code(), Code::kUnprocessable);
  EXPECT_EQ(blank.status().field_errors()[0].field, "note");
  Result<HandleInput> trimmed = read_handle_input(R"({"outcome":"no_action","note":" 属实 "})");
  ASSERT_TRUE(trimmed.ok());
  EXPECT_EQ(trimmed->note, "属实");
}

TEST_F(JobDesk, NoActionLeavesThePostAndTheListMasksThePhone) {
  ComplaintService s(*db_, [this] { return now_; });
  const int64_t post = published_post();
  Caller staff = user("renshe", "department", 11);
  auto [k, wait] = complain(s, post, Caller{});
  ASSERT_TRUE(k.ok());
  ASSERT_TRUE(handle(s, k->id, "no_action", staff).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_posts WHERE status = 'published'"), 1);
  auto listed = wait_for<Result<std::vector<Complaint>>>(
      [&](auto done) { s.list(staff, "handled", std::nullopt, 20, std::move(done)); });
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "subject_type = 'job_complaints'"),
            1);
  auto open = wait_for<Result<std::vector<Complaint>>>(
      [&](auto done) { s.list(staff, "open", std::nullopt, 20, std::move(done)); });
  EXPECT_TRUE(open.ok() && open->empty());
  auto refused = wait_for<Result<std::vector<Complaint>>>([&](auto done) {
    s.list(user("gonghui", "department", 12), "", std::nullopt, 20, std::move(done));
  });
  EXPECT_EQ(refused.status().code(), Code::kPermissionDenied);
}

TEST_F(JobDesk, TheDashboardCounts) {
  const int64_t live = published_post();
  published_post("2026-12-01");  // expired, published this month
  exec("UPDATE job_posts SET published_at = " + std::to_string(kNow - 3600) +
       " WHERE id = " + std::to_string(live));
  exec("UPDATE job_posts SET status = 'pending', published_at = NULL WHERE id <> " +
       std::to_string(live));
  ComplaintService s(*db_, [this] { return now_; });
  ASSERT_TRUE(complain(s, live, Caller{}).first.ok());
  Result<JobCounts> n = job_counts(db_->reader(), kNow);
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->live, 1);
  EXPECT_EQ(n->pending_review, 1);
  EXPECT_EQ(n->published_this_month, 1);
  EXPECT_EQ(n->complaints_open, 1);
}

}  // namespace
}  // namespace warmcity::jobs
