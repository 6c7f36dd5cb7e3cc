// Job posts: the flags and the body's rules (job.h), the Chinese search, the
// public list's expiry, review with four eyes and its note rules, an edit
// back to review (JobService on a scratch database). job_tests runs them on
// SQLite, job_pg_tests (the same executable with WARMCITY_TEST_ENGINE=postgres)
// on a fresh PostgreSQL database: the same SQL proved on both engines.
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/audit.h"
#include "areas/areas.h"
#include "jobs/job.h"
#include "jobs/job_service.h"
#include "jobs/job_store.h"
#include "jobs/jobs.h"
#include "jobs/jobs_test_db.h"
#include "jobs/post_status.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::jobs {
namespace {

using nlohmann::json;

const core::LocalDate kToday{2026, 6, 1};

json good_body() {
  return {{"employer_id", 1},
          {"title", "保洁员"},
          {"headcount", 2},
          {"conditions", "身体健康，能吃苦"},
          {"duties", "小区公共区域清扫"},
          {"place", "滨河北路 8 号"},
          {"pay_min_fen", 220000},
          {"pay_max_fen", 280000},
          {"hours", "7:00-16:00，月休 4 天"},
          {"contact_name", "王经理"},
          {"contact_phone", "0358-8221234"},
          {"valid_until", "2026-06-30"}};
}

std::vector<std::string> bad_fields(const json& body) {
  Result<PostFields> r = read_post(body, kToday);
  std::vector<std::string> out;
  if (r.ok()) return out;
  for (const FieldError& e : r.status().field_errors()) out.push_back(e.field);
  return out;
}

TEST(JobRules, AGoodBodyReads) {
  Result<PostFields> r = read_post(good_body(), kToday);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->title, "保洁员");
  EXPECT_EQ(r->pay_min_fen, 220000);
  EXPECT_FALSE(r->area_id);
}

TEST(JobRules, EveryRefusalNamesItsField) {
  json b = good_body();
  b.erase("pay_min_fen");
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"pay_min_fen"});
  b = good_body();
  b["pay_min_fen"] = 300000;
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"pay_max_fen"});
  b = good_body();
  b["pay_min_fen"] = 2200.5;
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"pay_min_fen"});
  b = good_body();
  b["pay_max_fen"] = -1;
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"pay_max_fen"});
  b = good_body();
  b["headcount"] = 0;
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"headcount"});
  b = good_body();
  b["headcount"] = "2";
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"headcount"});
  b = good_body();
  b["valid_until"] = "2026-05-31";
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"valid_until"});
  b["valid_until"] = "2026-06-01";  // today: still good
  EXPECT_TRUE(bad_fields(b).empty());
  b["valid_until"] = "2026-11-28";  // 180 days ahead
  EXPECT_TRUE(bad_fields(b).empty());
  b["valid_until"] = "2026-11-29";
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"valid_until"});
  b = good_body();
  b["contact_phone"] = "12345";
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"contact_phone"});
  b = good_body();
  b["title"] = std::string(61, 'a');
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"title"});
  b = good_body();
  b["wage"] = 1;
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"wage"});
}

TEST(JobRules, FlagsNameFieldTermAndKind) {
  PostFields p;
  p.title = "保安（限男性）";
  p.conditions = "本地户口，无乙肝，HIV 阴性";
  p.duties = "门岗值守";
  std::vector<Flag> flags = find_flags(p);
  std::vector<std::string> seen;
  for (const Flag& f : flags) seen.push_back(f.field + ":" + f.term + ":" + f.kind);
  EXPECT_NE(std::find(seen.begin(), seen.end(), "title:限男:sex"), seen.end());
  EXPECT_NE(std::find(seen.begin(), seen.end(), "title:男性:sex"), seen.end());
  EXPECT_NE(std::find(seen.begin(), seen.end(), "conditions:本地户口:origin"), seen.end());
  EXPECT_NE(std::find(seen.begin(), seen.end(), "conditions:乙肝:health"), seen.end());
  EXPECT_NE(std::find(seen.begin(), seen.end(), "conditions:hiv:health"), seen.end());
  PostFields clean;
  clean.title = "收银员";
  clean.conditions = "会用电脑";
  clean.duties = "收银、理货";
  EXPECT_TRUE(find_flags(clean).empty());
  EXPECT_EQ(flags_json({}), "[]");
}

class JobWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    const std::string where = scratch_.where("jobs.db");
    auto db = open_jobs_test_db(where);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status s = db_->write([this](store::Connection& c) -> Status {
      Status e = c.exec(
          "INSERT INTO organisations (id, kind, name, created_at) VALUES "
          "(1001, 'department', '区人社局', 0), (1002, 'department', '区总工会', 0), "
          "(1003, 'department', '区城管局', 0);"
          "INSERT INTO users (id, username, display_name, role, password_hash, created_at, "
          "updated_at) VALUES (2001, 'renshe', '人社甲', 'department', 'x', 0, 0), "
          "(2002, 'gonghui', '工会乙', 'department', 'x', 0, 0), "
          "(2003, 'chengguan', '城管丙', 'department', 'x', 0, 0), "
          "(2004, 'boss', '管理员', 'admin', 'x', 0, 0);"
          "INSERT INTO memberships (user_id, organisation_id) VALUES (2001, 1001), "
          "(2002, 1002), (2003, 1003);"
          "INSERT INTO job_publishers (organisation_id, added_at, added_by) VALUES "
          "(1001, 0, 2004), (1002, 0, 2004)");
      if (!e.ok()) return e;
      auto q = c.prepare(
          "INSERT INTO job_employers (name, credit_code, address, verified_by_org, "
          "verified_by, verified_at) VALUES ('吕梁宏达物业有限公司', '91141100MA0K0000X1', "
          "'离石区', 1001, 2001, 0) RETURNING id");
      if (!q.ok()) return q.status();
      Result<int64_t> id = q->returning_id();
      if (!id.ok()) return id.status();
      employer_ = *id;
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.message();
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    service_ = std::make_unique<JobService>(*db_, *audit_, [this] { return now_; });
  }
  void TearDown() override {
    service_.reset();
    if (db_) db_->stop();
  }

  Caller renshe() const { return {2001, "department", {1001}, "127.0.0.1"}; }
  Caller gonghui() const { return {2002, "department", {1002}, "127.0.0.1"}; }
  Caller chengguan() const { return {2003, "department", {1003}, "127.0.0.1"}; }
  Caller admin() const { return {2004, "admin", {}, "127.0.0.1"}; }

  PostFields fields(std::string title, std::string duties = "日常工作",
                    std::string conditions = "身体健康") {
    Result<PostFields> f = read_post(good_body(), service_->today());
    EXPECT_TRUE(f.ok());
    f->employer_id = employer_;
    f->title = std::move(title);
    f->duties = std::move(duties);
    f->conditions = std::move(conditions);
    f->valid_until =
        core::format_date(core::civil_from_days(core::days_from_civil(service_->today()) + 10));
    return *f;
  }

  template <class F>
  Result<JobView> wait(F call) {
    std::promise<Result<JobView>> p;
    call([&p](Result<JobView> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }
  Result<JobView> create(PostFields f, Caller by) {
    return wait([&](JobDone<JobView> d) { service_->create(std::move(f), by, std::move(d)); });
  }
  // The post's updated_at as an admin reads it now (0: no such post).
  int64_t stamp(int64_t id) {
    Result<JobView> v = service_->get(id, admin());
    return v.ok() ? v->post.updated_at : 0;
  }
  Result<JobView> review_seen(int64_t id, const char* decision, const char* note, int64_t seen,
                              Caller by) {
    return wait([&](JobDone<JobView> d) {
      service_->review(id, {decision, note, seen}, by, std::move(d));
    });
  }
  // A review of the post as it is now.
  Result<JobView> review(int64_t id, const char* decision, const char* note, Caller by) {
    return review_seen(id, decision, note, stamp(id), by);
  }
  // Created by 人社局, approved by 总工会: its id.
  int64_t published(PostFields f) {
    Result<JobView> made = create(std::move(f), renshe());
    EXPECT_TRUE(made.ok()) << made.status().message();
    if (!made.ok()) return 0;
    Result<JobView> ok = review(made->post.id, "approve", "可以", gonghui());
    EXPECT_TRUE(ok.ok()) << ok.status().message();
    now_ += 1;
    return made->post.id;
  }
  std::vector<int64_t> search(const std::string& q, int limit = 20) {
    PublicFilter f;
    f.q = q;
    f.limit = limit;
    Result<JobPage> page = service_->public_list(f);
    EXPECT_TRUE(page.ok()) << page.status().message();
    std::vector<int64_t> ids;
    if (page.ok()) {
      for (const JobView& v : page->items) ids.push_back(v.post.id);
    }
    return ids;
  }

  int64_t now_ = 1780272000;  // 2026-06-01T08:00:00+08:00
  int64_t employer_ = 0;
  store::pg_testing::ScratchWhere scratch_;  // dropped after db_ is gone
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<JobService> service_;
};

TEST_F(JobWorld, SearchFindsOneTwoAndThreeCharacterTermsAndMixedAscii) {
  const int64_t cleaner = published(fields("保洁员", "楼道保洁"));
  const int64_t cook = published(fields("厨师", "后厨炒菜"));
  const int64_t drafter = published(fields("CAD 制图员", "用 cad 画施工图"));
  // 保洁 and 洁员 both occur, but apart (清洁员, 保洁经验): not 保洁员.
  const int64_t apart = published(fields("清洁员", "门岗", "保洁经验不限"));
  EXPECT_EQ(search("厨"), (std::vector<int64_t>{cook}));
  EXPECT_EQ(search("保洁"), (std::vector<int64_t>{apart, cleaner}));
  EXPECT_EQ(search("保洁员"), (std::vector<int64_t>{cleaner}));
  EXPECT_EQ(search("ＣＡＤ"), (std::vector<int64_t>{drafter}));
  EXPECT_EQ(search("cad 制图"), (std::vector<int64_t>{drafter}));
  EXPECT_EQ(search("宏达"),
            (std::vector<int64_t>{apart, drafter, cook, cleaner}));  // employer name
  EXPECT_TRUE(search("保洁员 厨").empty());
  EXPECT_EQ(search("").size(), 4u);
}

TEST_F(JobWorld, SearchPagesOnPastUnconfirmedCandidates) {
  std::vector<int64_t> wanted;
  for (int k = 0; k < 3; ++k) wanted.push_back(published(fields("保洁员")));
  for (int k = 0; k < 120; ++k)
    published(fields("清洁员", "保洁经验不限"));  // candidates, not matches
  EXPECT_EQ(search("保洁员", 2), (std::vector<int64_t>{wanted[2], wanted[1]}));
  PublicFilter f;
  f.q = "保洁员";
  f.limit = 2;
  Result<JobPage> first = service_->public_list(f);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->next);
  f.after = first->next;
  Result<JobPage> second = service_->public_list(f);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].post.id, wanted[0]);
  EXPECT_FALSE(second->next);
}

// The search walks the newest posts first, in windows of the public order,
// for as many posts as the query's grams have postings, and lists the
// grams' posts from where the walk ended (job_store.h): with 2,400 posts and
// 焊工证's two grams in about 560 each, a page is found by the walk, by the
// listing, or by both, and every page (limit 1, 7, 50, with and without
// `since`) follows the cursor so that each match comes exactly once, in the
// public order — ties of published_at broken by id, which does not follow
// published_at here.
TEST_F(JobWorld, SearchPagesEveryMatchOnceInOrderAcrossTheWalkAndTheListing) {
  struct Seeded {
    int64_t id = 0;
    int64_t published_at = 0;
    bool match = false;
  };
  std::vector<Seeded> posts;
  Status s = db_->write([&](store::Connection& c) -> Status {
    for (int k = 0; k < 2400; ++k) {
      NewPost p;
      p.fields = fields("保安");
      // The newest 15 match; the next 1,485 (more than the walk covers)
      // none; of the oldest 900 one in six. Kind 0 elsewhere and kind 3
      // among the oldest have both grams but no 焊工证 (焊工 … 电工证).
      const int64_t minute = (k * 37) % 1600;
      const int kind = k % 6;
      const bool match = minute >= 1590 || (minute < 600 && kind == 0);
      const bool apart = !match && (kind == 0 || (minute < 600 && kind == 3));
      if (match || apart) p.fields.title = "焊工";
      if (match) p.fields.conditions = "持焊工证";
      if (apart) p.fields.conditions = "需电工证";
      p.publisher_org_id = 1001;
      p.created_by = 2001;
      p.at = now_ - 86400;
      Result<int64_t> id = insert_post(c, p);
      if (!id.ok()) return id.status();
      // Several posts share each published_at.
      const int64_t at = now_ - 86400 + 60 * (minute / 3);
      Status st = change_post_status(c, {*id, "published", "approved", 2002, at, ""});
      if (!st.ok()) return st;
      posts.push_back({*id, at, match});
    }
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  std::sort(posts.begin(), posts.end(), [](const Seeded& a, const Seeded& b) {
    return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
  });
  const int64_t since = now_ - 86400 + 60 * 100;
  for (const bool with_since : {false, true}) {
    std::vector<int64_t> expected;
    for (const Seeded& p : posts) {
      if (p.match && (!with_since || p.published_at >= since)) expected.push_back(p.id);
    }
    ASSERT_GT(expected.size(), 60u);
    for (const int limit : {1, 7, 50}) {
      PublicQuery q;
      q.today = core::format_date(service_->today());
      q.q = "焊工证";
      q.limit = limit;
      if (with_since) q.since = since;
      std::vector<int64_t> got;
      for (int page = 0; page < 1000; ++page) {
        Result<std::vector<PostRecord>> r = public_posts(db_->reader(), q);
        ASSERT_TRUE(r.ok()) << r.status().message();
        const bool more = static_cast<int>(r->size()) > limit;
        for (int k = 0; k < std::min(limit, static_cast<int>(r->size())); ++k) {
          got.push_back((*r)[static_cast<size_t>(k)].id);
        }
        if (!more) break;
        const PostRecord& last = (*r)[static_cast<size_t>(limit - 1)];
        q.after = PostKey{last.published_at.value_or(0), last.id};
      }
      EXPECT_EQ(got, expected) << "limit " << limit << (with_since ? " since" : "");
    }
  }
}

TEST_F(JobWorld, ExpiredPostsLeaveThePublicListByThemselves) {
  PostFields f = fields("收银员");
  f.valid_until = core::format_date(service_->today());
  const int64_t id = published(f);
  EXPECT_EQ(search("收银"), (std::vector<int64_t>{id}));
  EXPECT_TRUE(service_->get(id, Caller{}).ok());
  now_ += 86400;  // the next district day
  EXPECT_TRUE(search("收银").empty());
  EXPECT_EQ(service_->get(id, Caller{}).status().code(), Code::kNotFound);
  Result<JobView> staff = service_->get(id, renshe());
  ASSERT_TRUE(staff.ok());
  EXPECT_TRUE(staff->expired);
  Result<JobPage> expired = service_->staff_list("expired", std::nullopt, 20, renshe());
  ASSERT_TRUE(expired.ok());
  ASSERT_EQ(expired->items.size(), 1u);
}

TEST_F(JobWorld, ReviewNeedsFourEyesAndANoteToRejectOrPassAFlag) {
  Result<JobView> made = create(fields("保安", "门岗", "限男性"), renshe());
  ASSERT_TRUE(made.ok()) << made.status().message();
  const int64_t id = made->post.id;
  EXPECT_EQ(made->post.status, "pending");
  EXPECT_NE(made->post.flags_json, "[]");
  EXPECT_EQ(service_->get(id, Caller{}).status().code(), Code::kNotFound);  // not public yet
  EXPECT_EQ(review(id, "approve", "好", renshe()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(review(id, "approve", "", chengguan()).status().code(), Code::kPermissionDenied);
  Result<JobView> no_note = review(id, "approve", "", gonghui());
  ASSERT_EQ(no_note.status().code(), Code::kUnprocessable);
  EXPECT_EQ(no_note.status().field_errors()[0].field, "note");
  EXPECT_EQ(review(id, "reject", "", gonghui()).status().code(), Code::kUnprocessable);
  Result<JobView> ok = review(id, "approve", "保安夜班，经核实可以", gonghui());
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->post.status, "published");
  EXPECT_EQ(review(id, "approve", "再来", admin()).status().code(), Code::kConflict);

  // An edit by the union's reviewer is not theirs to make; by its author, back to pending.
  Result<JobView> foreign = wait(
      [&](JobDone<JobView> d) { service_->edit(id, fields("保安"), gonghui(), std::move(d)); });
  EXPECT_EQ(foreign.status().code(), Code::kPermissionDenied);
  Result<JobView> edited =
      wait([&](JobDone<JobView> d) { service_->edit(id, fields("保安"), renshe(), std::move(d)); });
  ASSERT_TRUE(edited.ok()) << edited.status().message();
  EXPECT_EQ(edited->post.status, "pending");
  EXPECT_EQ(edited->post.flags_json, "[]");
  EXPECT_TRUE(search("保安").empty());
  // The admin edits it: the union may review it again, the admin may not.
  Result<JobView> by_admin = wait(
      [&](JobDone<JobView> d) { service_->edit(id, fields("保安员"), admin(), std::move(d)); });
  ASSERT_TRUE(by_admin.ok());
  EXPECT_EQ(review(id, "approve", "", admin()).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(review(id, "reject", "写清楚工资", gonghui()).ok());
  Result<JobView> gone =
      wait([&](JobDone<JobView> d) { service_->withdraw(id, "招满了", renshe(), std::move(d)); });
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone->post.status, "withdrawn");
  std::vector<std::string> kinds;
  for (const PostEvent& e : gone->history) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"created", "approved", "edited", "edited", "rejected",
                                             "withdrawn"}));
  Result<JobView> again =
      wait([&](JobDone<JobView> d) { service_->edit(id, fields("保安"), renshe(), std::move(d)); });
  EXPECT_EQ(again.status().code(), Code::kConflict);
}

TEST_F(JobWorld, OnlyPublishersCreateAndAdminsNameTheirPublisher) {
  EXPECT_EQ(create(fields("司机"), chengguan()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(create(fields("司机"), Caller{}).status().code(), Code::kUnauthenticated);
  Result<JobView> unnamed = create(fields("司机"), admin());
  ASSERT_EQ(unnamed.status().code(), Code::kUnprocessable);
  EXPECT_EQ(unnamed.status().field_errors()[0].field, "publisher_org_id");
  PostFields f = fields("司机");
  f.publisher_org_id = 1003;  // not a publisher
  EXPECT_EQ(create(f, admin()).status().code(), Code::kUnprocessable);
  f.publisher_org_id = 1002;
  Result<JobView> made = create(f, admin());
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ(made->post.publisher_name, "区总工会");
  f.employer_id = 999;
  Result<JobView> no_employer = create(f, admin());
  ASSERT_EQ(no_employer.status().code(), Code::kUnprocessable);
  EXPECT_EQ(no_employer.status().field_errors()[0].field, "employer_id");
  EXPECT_EQ(store::testing_util::query_int(
                db_->reader(), "SELECT COUNT(*) FROM audit_log WHERE action = 'job.create'"),
            1);
}

TEST(JobRules, FlagsSeeThroughBlanksAndDotsInEveryField) {
  PostFields p;
  p.title = "保安";
  p.conditions = "限 男，男　性";
  p.duties = "限·男";
  p.place = "本地 户口";
  p.hours = "夜班，男性";
  p.contact_name = "王先生（女士优先）";
  std::vector<std::string> seen;
  for (const Flag& f : find_flags(p)) seen.push_back(f.field + ":" + f.term);
  for (const char* want : {"conditions:限男", "conditions:男性", "duties:限男", "place:本地户口",
                           "hours:男性", "contact_name:女士优先"}) {
    EXPECT_NE(std::find(seen.begin(), seen.end(), want), seen.end()) << want;
  }
  EXPECT_EQ(squeezed_fold("限\u200b男 Ｂ２"), "限男b2");
}

TEST(JobRules, BlankControlAndInvisibleTextIsRefusedByField) {
  const std::vector<std::pair<const char*, std::string>> bad = {
      {"title", "   "},
      {"title", "　"},
      {"title", "保洁\n员"},
      {"contact_name", std::string("\0", 1)},
      {"conditions", "限\u200b男"},
      {"duties", "打扫\u202e"},
      {"place", "a\u007fb"},
  };
  for (const auto& [field, text] : bad) {
    json b = good_body();
    b[field] = text;
    EXPECT_EQ(bad_fields(b), std::vector<std::string>{field}) << field << " " << text;
  }
  json b = good_body();
  b["hours"] = "夜\t班";
  EXPECT_EQ(bad_fields(b), std::vector<std::string>{"hours"});
  b = good_body();
  b["conditions"] = "  身体健康\n能吃苦  ";
  b["title"] = " 保洁员 ";
  Result<PostFields> r = read_post(b, kToday);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->title, "保洁员");  // stored trimmed
  EXPECT_EQ(r->conditions, "身体健康\n能吃苦");
  EXPECT_FALSE(text_refusal("第一行\n第二行", true));
  EXPECT_TRUE(text_refusal("第一行\n第二行", false));
}

TEST_F(JobWorld, ReviewRefusesAPostChangedSinceItWasRead) {
  Result<JobView> made = create(fields("保洁员", "打扫"), renshe());
  ASSERT_TRUE(made.ok()) << made.status().message();
  const int64_t id = made->post.id;
  const int64_t read = made->post.updated_at;
  now_ += 60;
  Result<JobView> edited = wait([&](JobDone<JobView> d) {
    service_->edit(id, fields("保洁员", "入职前须交报名费500元"), renshe(), std::move(d));
  });
  ASSERT_TRUE(edited.ok()) << edited.status().message();
  Result<JobView> stale = review_seen(id, "approve", "", read, gonghui());
  ASSERT_EQ(stale.status().code(), Code::kConflict);
  EXPECT_EQ(stale.status().message(), "the post changed since you opened it: read it again");
  EXPECT_EQ(review_seen(id, "reject", "不行", read, gonghui()).status().code(), Code::kConflict);
  // The queue shows the edit in each item's history.
  Result<JobPage> queue = service_->review_queue(std::nullopt, 20, gonghui());
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->items.size(), 1u);
  std::vector<std::string> kinds;
  for (const PostEvent& e : queue->items[0].history) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"created", "edited"}));
  Result<JobView> fresh =
      review_seen(id, "reject", "不得收费", queue->items[0].post.updated_at, gonghui());
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();
  EXPECT_EQ(fresh->post.status, "rejected");
}

TEST_F(JobWorld, APostWhoseValidUntilPassedWhileWaitingIsNotApproved) {
  PostFields f = fields("收银员");
  f.valid_until = core::format_date(service_->today());
  Result<JobView> made = create(f, renshe());
  ASSERT_TRUE(made.ok()) << made.status().message();
  now_ += 86400;  // the next district day: valid_until has passed
  Result<JobView> late = review(made->post.id, "approve", "可以", gonghui());
  ASSERT_EQ(late.status().code(), Code::kConflict);
  EXPECT_EQ(late.status().message(), "the post's valid_until has passed: edit it first");
  EXPECT_EQ(stamp(made->post.id), made->post.updated_at);  // still pending, untouched
  EXPECT_TRUE(review(made->post.id, "reject", "已过期", gonghui()).ok());
}

TEST_F(JobWorld, AQueryOfPunctuationOnlyFindsNothing) {
  published(fields("保洁员"));
  EXPECT_EQ(search("").size(), 1u);
  for (const char* q : {"%", "_", "!!!", "，。", "、"}) EXPECT_TRUE(search(q).empty()) << q;
}

TEST_F(JobWorld, TheStaffListIsTheirPublishersOnlyAndNeverAll) {
  published(fields("保洁员"));
  EXPECT_EQ(service_->staff_list("published", std::nullopt, 20, chengguan()).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(service_->staff_list("published", std::nullopt, 20, Caller{}).status().code(),
            Code::kUnauthenticated);
  Result<JobPage> mine = service_->staff_list("published", std::nullopt, 20, renshe());
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->items.size(), 1u);
  Result<JobPage> theirs = service_->staff_list("published", std::nullopt, 20, gonghui());
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->items.empty());
  Result<JobPage> all = service_->staff_list("published", std::nullopt, 20, admin());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->items.size(), 1u);
}

}  // namespace
}  // namespace warmcity::jobs
