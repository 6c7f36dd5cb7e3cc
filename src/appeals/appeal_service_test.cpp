// AppealService on a scratch database: submit, the whole lifecycle with its
// events and audit rows, refusals, the dissatisfied-callback reopen, merge,
// follow, contact reveal, similar appeals and the escalation sweep.
#include "appeals/appeal_service.h"

#include <gtest/gtest.h>

#include <cmath>
#include <future>

#include "accounts/accounts.h"
#include "appeals/appeal_store.h"
#include "appeals/appeals.h"
#include "store/test_util.h"

namespace warmcity::appeals {
namespace {

template <class T, class Call>
Result<T> wait(Call call) {
  std::promise<Result<T>> p;
  call([&p](Result<T> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

class AppealServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : areas::migrations()) all.push_back(std::move(m));
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("appeals.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->write([](store::Connection& c) {
                     return c.exec(
                         "INSERT INTO organisations (id, kind, name, created_at) VALUES "
                         "(7, 'department', '区住建局', 0), (8, 'department', '区城管局', 0);"
                         // 区住建局 has somebody to act (a category may name it) …
                         "INSERT INTO users (id, username, display_name, role, password_hash, "
                         "created_at, updated_at) VALUES (70, 'zhujian', '住建', 'department', "
                         "'x', 0, 0);"
                         "INSERT INTO memberships (user_id, organisation_id) VALUES (70, 7);"
                         // … and 区城管局 too (an appeal may be dispatched to it).
                         "INSERT INTO users (id, username, display_name, role, password_hash, "
                         "created_at, updated_at) VALUES (71, 'chengguan', '城管', 'department', "
                         "'x', 0, 0);"
                         "INSERT INTO memberships (user_id, organisation_id) VALUES (71, 8);"
                         "INSERT INTO areas (id, level, parent_id, name, boundary, created_at, "
                         "updated_at) VALUES (1, 'subdistrict', NULL, '滨河', '{}', 0, 0), "
                         "(2, 'community', 1, '生态园', '{}', 0, 0), "
                         "(3, 'grid', 2, '生态园一网格', '{}', 0, 0);"
                         // 生态园's residents' committee and its worker: an
                         // appeal dispatched to the community or its grid reaches
                         // somebody; one dispatched to 滨河 alone reaches nobody.
                         "INSERT INTO organisations (id, kind, name, created_at, area_id) VALUES "
                         "(9, 'community', '生态园社区', 0, 2);"
                         "INSERT INTO users (id, username, display_name, role, password_hash, "
                         "created_at, updated_at) VALUES (72, 'wangge', '网格员', 'worker', "
                         "'x', 0, 0);"
                         "INSERT INTO memberships (user_id, organisation_id) VALUES (72, 9)");
                   })
                    .ok());
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    Config config;
    config.photo_dir = dir_.file("photos");
    config.sweep_interval_s = 0;
    config.now = [this] { return now_; };
    // Every point lies in grid 3 of community 2 of sub-district 1.
    Locator locate = [](double, double) {
      areas::Location l;
      l.subdistrict = areas::AreaRef{1, "滨河"};
      l.community = areas::AreaRef{2, "生态园"};
      l.grid = areas::AreaRef{3, "生态园一网格"};
      return l;
    };
    auto s = AppealService::open(*db_, *audit_, config, locate, nullptr);
    ASSERT_TRUE(s.ok()) << s.status().message();
    service_ = std::move(*s);
    Category c;
    c.code = "roads";
    c.name_zh = "道路";
    c.name_en = "Roads";
    c.department_org_id = 7;
    c.response_hours = 10;
    c.resolution_days = 5;
    ASSERT_TRUE(wait<Category>([&](auto d) { service_->create_category(c, admin_, d); }).ok());
  }
  void TearDown() override {
    service_->stop();
    db_->stop();
  }

  NewAppeal road(double lat = 37.52, double lon = 111.14) {
    NewAppeal in;
    in.category_code = "roads";
    in.description = "市场旁边的路没有硬化,一下雨全是泥";
    in.lat = lat;
    in.lon = lon;
    in.contact = Contact{"王阿姨", "13812345678"};
    return in;
  }
  Result<Appeal> submit(NewAppeal in, const Caller& by) {
    return wait<Appeal>([&](auto d) { service_->submit(std::move(in), by, d); });
  }
  Result<Appeal> step(int64_t id, StepRequest req, const Caller& by) {
    return wait<Appeal>([&](auto d) { service_->take_step(id, std::move(req), by, d); });
  }
  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<AppealService> service_;
  int64_t now_ = 1'780'000'000;  // 2026-05-28T…
  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller worker_{2, "worker", {}, "127.0.0.1"};
  const Caller dept_{3, "department", {7}, "127.0.0.1"};
  const Caller other_dept_{4, "department", {8}, "127.0.0.1"};
  const Caller resident_{5, "resident", {}, "127.0.0.1"};
  const Caller anonymous_{std::nullopt, "", {}, "127.0.0.1"};
};

TEST_F(AppealServiceTest, TheWholeLifecycle) {
  Result<Appeal> a = submit(road(), resident_);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->tracking_code.size(), 8u);
  EXPECT_EQ(a->response_due, now_ + 36000);
  EXPECT_EQ(a->due_at, a->response_due);
  const int64_t id = a->id;
  EXPECT_TRUE(step(id, {.step = Step::kAccept}, worker_).ok());
  Result<Appeal> d = step(id, {.step = Step::kDispatch}, worker_);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->assigned_org_id, 7);  // the category's department
  EXPECT_EQ(d->due_at, d->resolution_due);
  EXPECT_TRUE(step(id, {.step = Step::kStart}, dept_).ok());
  Result<Appeal> r = step(id, {.step = Step::kReply, .note = "已硬化", .outcome = "solved"}, dept_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->due_at);
  Result<Appeal> cb = step(id,
                           {.step = Step::kCallback,
                            .contacted = true,
                            .solved = true,
                            .satisfaction = Satisfaction::kSatisfied},
                           resident_);
  ASSERT_TRUE(cb.ok()) << cb.status().message();
  EXPECT_EQ(cb->state, State::kCalledBack);
  Result<Appeal> closed = step(id, {.step = Step::kClose}, admin_);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->state, State::kClosed);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_events WHERE appeal_id = " + std::to_string(id)), 7);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action LIKE 'appeal.%'"),
            6);  // steps, not the submission
  // The history is append-only.
  Status rewrite = db_->write(
      [](store::Connection& c) { return c.exec("UPDATE appeal_events SET note = 'x'"); });
  EXPECT_FALSE(rewrite.ok());
  EXPECT_FALSE(
      db_->write([](store::Connection& c) { return c.exec("DELETE FROM appeal_events"); }).ok());
  Result<std::vector<Event>> pub = service_->events(id, true);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->size(), 6u);  // the callback is internal
}

TEST_F(AppealServiceTest, RefusalsNameTheAllowedSteps) {
  const int64_t id = submit(road(), resident_)->id;
  // The department it is not dispatched to may not read it: told nothing of
  // its state or steps, whichever step it tries.
  Result<Appeal> early = step(id, {.step = Step::kReply, .note = "x", .outcome = "solved"}, dept_);
  EXPECT_EQ(early.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(early.status().message().find("submitted"), std::string::npos);
  EXPECT_EQ(early.status().message().find("allowed steps"), std::string::npos);
  EXPECT_EQ(step(id, {.step = Step::kAccept}, dept_).status().message(), early.status().message());
  Result<Appeal> resident = step(id, {.step = Step::kAccept}, resident_);
  EXPECT_EQ(resident.status().code(), Code::kPermissionDenied);
  Result<Appeal> worker = step(id, {.step = Step::kStart}, worker_);
  EXPECT_EQ(worker.status().code(), Code::kConflict);
  EXPECT_NE(worker.status().message().find("allowed steps: accept, merge"), std::string::npos);
  ASSERT_TRUE(step(id, {.step = Step::kAccept}, admin_).ok());
  ASSERT_TRUE(step(id, {.step = Step::kDispatch}, admin_).ok());
  EXPECT_EQ(step(id, {.step = Step::kStart}, other_dept_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(step(id, {.step = Step::kReturn}, dept_).status().code(), Code::kUnprocessable);
  Result<Appeal> back = step(id, {.step = Step::kReturn, .note = "不归我们管"}, dept_);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->state, State::kReturned);
  Result<Appeal> again = step(id, {.step = Step::kDispatch, .org_id = 8}, admin_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->assigned_org_id, 8);
  EXPECT_TRUE(step(id, {.step = Step::kStart}, other_dept_).ok());
  EXPECT_EQ(step(id, {.step = Step::kDispatch, .org_id = 999}, admin_).status().code(),
            Code::kConflict);  // not from in_progress
}

TEST_F(AppealServiceTest, DissatisfiedCallbackReopens) {
  const int64_t id = submit(road(), resident_)->id;
  for (Step s : {Step::kAccept, Step::kDispatch}) ASSERT_TRUE(step(id, {.step = s}, admin_).ok());
  ASSERT_TRUE(step(id, {.step = Step::kStart}, dept_).ok());
  ASSERT_TRUE(
      step(id, {.step = Step::kReply, .note = "无法解决", .outcome = "not_solvable"}, dept_).ok());
  now_ += 3600;
  Result<Appeal> cb = step(id,
                           {.step = Step::kCallback,
                            .contacted = true,
                            .solved = false,
                            .satisfaction = Satisfaction::kDissatisfied},
                           admin_);
  ASSERT_TRUE(cb.ok()) << cb.status().message();
  EXPECT_EQ(cb->state, State::kDispatched);
  EXPECT_EQ(cb->reopen_count, 1);
  EXPECT_EQ(cb->clock_start, now_);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_events WHERE action = 'reopen' AND "
                  "actor_role = 'system'"),
            1);
}

TEST_F(AppealServiceTest, SubmitValidation) {
  NewAppeal bad = road();
  bad.description = std::string(4001, 'x');
  bad.category_code = "nope";
  Result<Appeal> r = submit(bad, resident_);
  ASSERT_EQ(r.status().code(), Code::kUnprocessable);
  ASSERT_EQ(r.status().field_errors().size(), 2u);
  NewAppeal chinese = road();
  chinese.description.clear();
  for (int i = 0; i < 4000; ++i) chinese.description += "路";  // 12000 bytes, 4000 characters
  EXPECT_TRUE(submit(chinese, resident_).ok());
  NewAppeal phone = road();
  phone.channel = Channel::kPhone;
  EXPECT_EQ(submit(phone, resident_).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(submit(phone, worker_).ok());
  NewAppeal anon = road();
  anon.contact.reset();
  EXPECT_EQ(submit(anon, anonymous_).status().code(), Code::kUnprocessable);
  anon.anonymous = true;
  Result<Appeal> ok = submit(anon, anonymous_);
  ASSERT_TRUE(ok.ok());
  EXPECT_FALSE(ok->contact);
  EXPECT_EQ(
      wait<Contact>([&](auto d) { service_->reveal_contact(ok->id, admin_, d); }).status().code(),
      Code::kNotFound);
}

TEST_F(AppealServiceTest, WorkInTheSameWriteCommitsOrRollsBackWithTheAppeal) {
  const int64_t before = count("SELECT count(*) FROM appeals");
  NewAppeal failing = road();
  failing.in_same_write = [](store::Connection&, const Appeal& a) {
    EXPECT_GT(a.id, 0);
    return Status::Internal("the caller's own row could not be written");
  };
  EXPECT_EQ(submit(failing, resident_).status().code(), Code::kInternal);
  EXPECT_EQ(count("SELECT count(*) FROM appeals"), before);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_events WHERE action = 'submit'"), before);

  int64_t seen = 0;
  NewAppeal fine = road();
  fine.in_same_write = [&seen](store::Connection&, const Appeal& a) {
    seen = a.id;
    return Status::Ok();
  };
  Result<Appeal> ok = submit(fine, resident_);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(seen, ok->id);
  EXPECT_EQ(count("SELECT count(*) FROM appeals"), before + 1);
}

TEST_F(AppealServiceTest, RevealIsAuditedAndOnlyForStaff) {
  Result<Appeal> a = submit(road(), resident_);
  EXPECT_EQ(service_->contact_view(*a, admin_), ContactView::kMasked);
  EXPECT_EQ(service_->contact_view(*a, resident_), ContactView::kFull);
  EXPECT_EQ(
      wait<Contact>([&](auto d) { service_->reveal_contact(a->id, dept_, d); }).status().code(),
      Code::kPermissionDenied);  // not dispatched to them yet
  Result<Contact> c = wait<Contact>([&](auto d) { service_->reveal_contact(a->id, worker_, d); });
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->phone, "13812345678");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "actor_user_id = 2"),
            1);
}

// A 1×1 PNG (IHDR, IDAT, IEND).
std::string tiny_png() {
  const char* hex =
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
      "0000000e49444154789c6360000002000001e221bc33000000000000000049454e44ae426082";
  std::string out;
  for (const char* p = hex; p[0] && p[1]; p += 2) {
    out += static_cast<char>(std::stoi(std::string(p, 2), nullptr, 16));
  }
  return out;
}

// Photos come after the appeal, one at a time: with the submission's token
// for an hour (anonymous appeals too), or from the signed-in reporter.
TEST_F(AppealServiceTest, PhotosComeAfterwardsWithTheTokenOrFromTheReporter) {
  NewAppeal anon = road();
  anon.contact.reset();
  anon.anonymous = true;
  Result<Appeal> a = submit(anon, anonymous_);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->photo_token.size(), 43u);
  auto add = [&](int64_t id, std::string bytes, std::optional<std::string> token,
                 const Caller& by) {
    return wait<Appeal>([&](auto d) { service_->add_photo(id, bytes, token, by, d); });
  };
  const std::string png = tiny_png();
  EXPECT_EQ(add(a->id, png, std::nullopt, anonymous_).status().code(), Code::kPermissionDenied);
  std::string wrong = a->photo_token;
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(add(a->id, png, wrong, anonymous_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(add(a->id, "GIF89a not an image we take", a->photo_token, anonymous_).status().code(),
            Code::kUnsupportedMedia);
  EXPECT_EQ(add(a->id, std::string("\xFF\xD8\xFF", 3) + std::string(photos::kMaxPhotoBytes, 'x'),
                a->photo_token, anonymous_)
                .status()
                .code(),
            Code::kTooLarge);
  for (size_t i = 1; i <= kMaxPhotos; ++i) {
    Result<Appeal> with = add(a->id, png, a->photo_token, anonymous_);
    ASSERT_TRUE(with.ok()) << with.status().message();
    EXPECT_EQ(with->photos.size(), i);
    EXPECT_EQ(with->photos.back().media_type, "image/png");
  }
  EXPECT_EQ(add(a->id, png, a->photo_token, anonymous_).status().code(), Code::kConflict);
  EXPECT_EQ(service_->get(a->id)->photos.size(), kMaxPhotos);
  EXPECT_EQ(add(999, png, a->photo_token, anonymous_).status().code(), Code::kNotFound);

  // The reporter adds with the session while it is open; a token expires.
  Result<Appeal> mine = submit(road(), resident_);
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(add(mine->id, png, std::nullopt, resident_).ok());
  EXPECT_EQ(add(mine->id, png, std::nullopt, worker_).status().code(), Code::kPermissionDenied);
  now_ += kPhotoTokenSeconds + 1;
  EXPECT_EQ(add(mine->id, png, mine->photo_token, anonymous_).status().code(),
            Code::kPermissionDenied);
  EXPECT_TRUE(add(mine->id, png, std::nullopt, resident_).ok());
}

// Workers bound to areas (every test appeal lies in sub-district 1,
// community 2, grid 3): those of its areas work it, others do not; only its
// community (or district staff, or the reporter) records the callback.
TEST_F(AppealServiceTest, WorkersActOnTheirOwnAreasOnly) {
  Result<Appeal> a = submit(road(), resident_);
  ASSERT_TRUE(a.ok());
  const Caller community{6, "worker", {}, "127.0.0.1", {2}};
  const Caller grid{7, "worker", {}, "127.0.0.1", {3}};
  const Caller elsewhere{8, "worker", {}, "127.0.0.1", {20, 30}};
  for (const Caller* c : {&worker_, &community, &grid}) {
    EXPECT_TRUE(service_->works_on(*a, *c)) << c->user_id.value();
    EXPECT_TRUE(service_->may_read(*a, *c));
  }
  EXPECT_FALSE(service_->works_on(*a, elsewhere));
  EXPECT_FALSE(service_->may_read(*a, elsewhere));
  EXPECT_TRUE(service_->allowed(*a, elsewhere).empty());
  EXPECT_EQ(step(a->id, {.step = Step::kAccept}, elsewhere).status().code(),
            Code::kPermissionDenied);
  EXPECT_TRUE(service_->records_callback(*a, worker_));  // district staff
  EXPECT_TRUE(service_->records_callback(*a, community));
  EXPECT_TRUE(service_->records_callback(*a, resident_));  // the reporter
  EXPECT_FALSE(service_->records_callback(*a, grid));
  EXPECT_FALSE(service_->records_callback(*a, elsewhere));
  EXPECT_FALSE(service_->records_callback(*a, dept_));
}

// The public answer measures from the published (4-decimal) position, in
// tens of metres: probing around an appeal learns no more than Open311 shows.
TEST_F(AppealServiceTest, SimilarForThePublicUsesThePublishedPosition) {
  submit(road(37.520042, 111.140037), resident_);  // published as 37.5200, 111.1400
  using P = AppealService::Precision;
  for (double dlat : {0.0, 0.00003, -0.00003}) {
    Result<std::vector<Similar>> pub = service_->similar(1, 37.5200 + dlat, 111.14, P::kPublic);
    ASSERT_TRUE(pub.ok());
    ASSERT_EQ(pub->size(), 1u);
    EXPECT_EQ(std::fmod(pub->front().distance_m, 10.0), 0.0);
  }
  // Standing on the exact spot shows 0 m only to the exact caller.
  EXPECT_LT(service_->similar(1, 37.520042, 111.140037, P::kExact)->front().distance_m, 0.5);
  EXPECT_EQ(service_->similar(1, 37.520042, 111.140037, P::kPublic)->front().distance_m, 10);
  // The radius test also uses the published point: 50 m from it, not from the appeal.
  const double north_of_published = 37.5200 + 49.0 / 111195.0;
  EXPECT_EQ(service_->similar(1, north_of_published, 111.14, P::kPublic)->size(), 1u);
}

TEST_F(AppealServiceTest, SimilarFollowAndMerge) {
  const int64_t first = submit(road(37.52, 111.14), resident_)->id;
  submit(road(37.5204, 111.14), resident_);  // ~44 m north
  submit(road(37.5210, 111.14), resident_);  // ~111 m: too far
  using P = AppealService::Precision;
  Result<std::vector<Similar>> near = service_->similar(1, 37.52, 111.14, P::kExact);
  ASSERT_TRUE(near.ok());
  ASSERT_EQ(near->size(), 2u);
  EXPECT_EQ(near->front().appeal.id, first);
  EXPECT_LT((*near)[1].distance_m, 50);
  now_ += 31 * 86400;
  EXPECT_TRUE(service_->similar(1, 37.52, 111.14, P::kExact)->empty());  // older than 30 days

  EXPECT_EQ(*wait<int64_t>([&](auto d) { service_->follow(first, worker_, d); }), 1);
  EXPECT_EQ(*wait<int64_t>([&](auto d) { service_->follow(first, worker_, d); }), 1);
  EXPECT_EQ(*wait<int64_t>([&](auto d) { service_->follow(first, dept_, d); }), 2);
  const int64_t dup = submit(road(), resident_)->id;
  Result<Appeal> merged = step(dup, {.step = Step::kMerge, .into_id = first}, admin_);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->state, State::kClosed);
  EXPECT_EQ(merged->merged_into, first);
  EXPECT_EQ(service_->get(first)->followers, 3);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_events WHERE action = 'merged_from'"), 1);
  EXPECT_EQ(step(dup, {.step = Step::kMerge, .into_id = first}, admin_).status().code(),
            Code::kConflict);
}

TEST_F(AppealServiceTest, WithoutADepartmentTheGridGetsItAndItsWorkersWorkIt) {
  Category c;
  c.code = "ads";
  c.name_zh = "牛皮癣";
  c.name_en = "Illegal small ads";
  ASSERT_TRUE(wait<Category>([&](auto d) { service_->create_category(c, admin_, d); }).ok());
  NewAppeal in = road();
  in.category_code = "ads";
  Result<Appeal> a = submit(in, resident_);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->grid_id, 3);
  EXPECT_EQ(a->community_id, 2);
  ASSERT_TRUE(step(a->id, {.step = Step::kAccept}, admin_).ok());
  Result<Appeal> d = step(a->id, {.step = Step::kDispatch}, admin_);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->assigned_area_id, 3);
  EXPECT_FALSE(d->assigned_org_id);
  EXPECT_EQ(step(a->id, {.step = Step::kStart}, dept_).status().code(), Code::kPermissionDenied);
  // The grid's own worker, not a district worker (who dispatches).
  const Caller grid{9, "worker", {}, "127.0.0.1", {3}};
  Result<Appeal> district = step(a->id, {.step = Step::kStart}, worker_);
  EXPECT_EQ(district.status().code(), Code::kPermissionDenied);
  EXPECT_NE(district.status().message().find("workers of that area or of an area containing it"),
            std::string::npos)
      << district.status().message();
  EXPECT_TRUE(step(a->id, {.step = Step::kStart}, grid).ok());
  ASSERT_TRUE(step(a->id, {.step = Step::kReturn, .note = "应由城管处理"}, grid).ok());
  Result<Appeal> bad = step(a->id, {.step = Step::kDispatch, .area_id = 99}, admin_);
  EXPECT_EQ(bad.status().code(), Code::kUnprocessable);
  EXPECT_EQ(bad.status().field_errors().front().field, "area_id");
  Result<Appeal> both = step(a->id, {.step = Step::kDispatch, .org_id = 8, .area_id = 3}, admin_);
  EXPECT_EQ(both.status().code(), Code::kUnprocessable);
  EXPECT_EQ(step(a->id, {.step = Step::kDispatch, .org_id = 8}, admin_)->assigned_org_id, 8);
}

// An appeal dispatched to an area goes to the workers serving that area or
// one containing it (areas 1 ⊃ 2 ⊃ 3 here; 4 is another grid of community 2,
// 5 another community): they start, return and reply; the others dispatch
// at most, and an outsider learns nothing.
TEST_F(AppealServiceTest, AnAreaAppealGoesToTheWorkersOfThatAreaAndAroundIt) {
  Category c;
  c.code = "ads";
  c.name_zh = "牛皮癣";
  c.name_en = "Illegal small ads";
  ASSERT_TRUE(wait<Category>([&](auto d) { service_->create_category(c, admin_, d); }).ok());
  NewAppeal in = road();
  in.category_code = "ads";
  const int64_t id = submit(in, resident_)->id;
  ASSERT_TRUE(step(id, {.step = Step::kAccept}, admin_).ok());
  // 滨河 alone has no worker: refused rather than stranded.
  Result<Appeal> nobody = step(id, {.step = Step::kDispatch, .area_id = 1}, admin_);
  ASSERT_EQ(nobody.status().code(), Code::kUnprocessable);
  EXPECT_EQ(nobody.status().field_errors().front().field, "area_id");
  EXPECT_NE(nobody.status().field_errors().front().message.find("nobody could start it"),
            std::string::npos);
  ASSERT_TRUE(step(id, {.step = Step::kDispatch, .area_id = 3}, admin_).ok());
  const Caller subdistrict{10, "worker", {}, "127.0.0.1", {1}};
  const Caller community{11, "worker", {}, "127.0.0.1", {2}};
  const Caller grid{12, "worker", {}, "127.0.0.1", {3}};
  const Caller other_grid{13, "worker", {}, "127.0.0.1", {4}};
  const Caller other_community{14, "worker", {}, "127.0.0.1", {5}};
  const Caller dept_worker{15, "department", {7}, "127.0.0.1", {3}};
  using V = std::vector<Step>;
  const Appeal a = *service_->get(id);
  EXPECT_EQ(assignee_areas(a), (std::vector<int64_t>{3, 2, 1}));
  for (const Caller* w : {&subdistrict, &community, &grid}) {
    EXPECT_EQ(service_->allowed(a, *w), (V{Step::kStart, Step::kReturn, Step::kMerge}))
        << w->user_id.value();
  }
  EXPECT_EQ(service_->allowed(a, worker_), V{Step::kMerge});  // a district worker dispatches
  EXPECT_EQ(service_->allowed(a, admin_), V{Step::kMerge});
  EXPECT_TRUE(service_->allowed(a, dept_worker).empty());
  for (const Caller* w : {&other_grid, &other_community}) {
    EXPECT_FALSE(service_->may_read(a, *w));
    EXPECT_TRUE(service_->allowed(a, *w).empty());
    Result<Appeal> refused = step(id, {.step = Step::kStart}, *w);
    EXPECT_EQ(refused.status().code(), Code::kPermissionDenied);
    EXPECT_EQ(refused.status().message().find("allowed steps"), std::string::npos);
  }
  ASSERT_TRUE(step(id, {.step = Step::kStart}, community).ok());
  ASSERT_TRUE(step(id, {.step = Step::kReply, .note = "已清理", .outcome = "solved"}, grid).ok());

  // Dispatched to its community: the grid inside it no longer starts it
  // (it still reads it, lying in its grid), the community and sub-district do.
  const int64_t second = submit(in, resident_)->id;
  ASSERT_TRUE(step(second, {.step = Step::kAccept}, admin_).ok());
  ASSERT_TRUE(step(second, {.step = Step::kDispatch, .area_id = 2}, community).ok());
  const Appeal b = *service_->get(second);
  EXPECT_EQ(assignee_areas(b), (std::vector<int64_t>{2, 1}));
  EXPECT_TRUE(service_->may_read(b, grid));
  EXPECT_EQ(service_->allowed(b, grid), V{Step::kMerge});
  EXPECT_EQ(step(second, {.step = Step::kStart}, grid).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(service_->allowed(b, subdistrict), (V{Step::kStart, Step::kReturn, Step::kMerge}));
  EXPECT_TRUE(step(second, {.step = Step::kStart}, subdistrict).ok());
}

TEST_F(AppealServiceTest, SweepRecordsEachEscalationOnce) {
  const int64_t id = submit(road(), resident_)->id;  // response clock: 10 h
  auto sweep = [&] { return *wait<int64_t>([&](auto d) { service_->sweep(now_, d); }); };
  EXPECT_EQ(sweep(), 0);
  now_ += 8 * 3600;  // 80 %
  EXPECT_EQ(sweep(), 1);
  EXPECT_EQ(sweep(), 0);
  Result<std::vector<Appeal>> list =
      supervision_list(db_->reader(), now_, {}, {}, std::nullopt, 10);
  ASSERT_EQ(list->size(), 1u);
  now_ += 2 * 3600;  // due
  EXPECT_EQ(sweep(), 1);
  EXPECT_EQ(sweep(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_events WHERE action = 'escalate'"), 2);
  ASSERT_TRUE(step(id, {.step = Step::kAccept}, admin_).ok());  // the resolution clock starts
  EXPECT_EQ(service_->get(id)->escalation, 0);
}

}  // namespace
}  // namespace warmcity::appeals
