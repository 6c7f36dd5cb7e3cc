// Open311Service on a real database: a key issued, found by its secret,
// listed, revoked (and then not found); a submission whose Open311 row
// commits with the appeal, found by token and by appeal; organisation names.
#include "open311/open311_service.h"

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>

#include "accounts/accounts.h"
#include "appeals/appeals.h"
#include "areas/areas.h"
#include "open311/open311.h"
#include "store/test_util.h"

namespace warmcity::open311 {
namespace {

template <class T, class Call>
Result<T> wait_for(Call call) {
  std::promise<Result<T>> p;
  call([&p](Result<T> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

class Open311ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : areas::migrations()) all.push_back(std::move(m));
    for (auto& m : appeals::migrations()) all.push_back(std::move(m));
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("open311.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->write([](store::Connection& c) {
                     return c.exec(
                         "INSERT INTO organisations (id, kind, name, created_at) VALUES "
                         "(7, 'department', '区住建局', 0)");
                   })
                    .ok());
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    appeals::Config config;
    config.photo_dir = dir_.file("photos");
    config.sweep_interval_s = 0;
    auto s = appeals::AppealService::open(*db_, *audit_, config, nullptr, nullptr);
    ASSERT_TRUE(s.ok()) << s.status().message();
    appeals_ = std::move(*s);
    appeals::Category c;
    c.code = "roads";
    c.name_zh = "道路";
    c.name_en = "Roads";
    const appeals::Caller admin{1, "admin", {}, "127.0.0.1"};
    ASSERT_TRUE(
        wait_for<appeals::Category>([&](auto d) { appeals_->create_category(c, admin, d); }).ok());
    service_ = std::make_unique<Open311Service>(*db_, *appeals_);
  }
  void TearDown() override {
    appeals_->stop();
    db_->stop();
  }
  accounts::AuditEntry audit(const std::string& action) {
    return {1, action, "open311_key", "0", "{}", "127.0.0.1"};
  }
  int64_t count(const std::string& query) {
    return store::testing_util::query_int(db_->reader(), query);
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<appeals::AppealService> appeals_;
  std::unique_ptr<Open311Service> service_;
};

TEST_F(Open311ServiceTest, KeysAreIssuedFoundListedAndRevoked) {
  ApiKey first{.name = "city app", .batch = true, .created_by = 1};
  Result<Open311Service::IssuedKey> a = wait_for<Open311Service::IssuedKey>(
      [&](auto d) { service_->issue_key(first, audit("open311_key.issue"), d); });
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_GT(a->key.id, 0);
  EXPECT_EQ(a->secret.substr(0, 5), "o311_");
  EXPECT_EQ(a->key.key_prefix, a->secret.substr(0, 9));
  Result<Open311Service::IssuedKey> b = wait_for<Open311Service::IssuedKey>(
      [&](auto d) { service_->issue_key(ApiKey{.name = "12345"}, audit("open311_key.issue"), d); });
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_GT(b->key.id, a->key.id);

  Result<ApiKey> found = service_->find_active_key(a->secret);
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->id, a->key.id);
  EXPECT_TRUE(found->batch);
  EXPECT_EQ(service_->find_active_key(a->secret + "x").status().code(), Code::kNotFound);

  Result<std::vector<ApiKey>> keys = service_->keys(std::nullopt, 10);
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].id, b->key.id);  // newest first
  Result<std::vector<ApiKey>> older = service_->keys(b->key.id, 10);
  ASSERT_TRUE(older.ok());
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ((*older)[0].id, a->key.id);

  Result<ApiKey> revoked = wait_for<ApiKey>(
      [&](auto d) { service_->revoke_key(a->key.id, audit("open311_key.revoke"), d); });
  ASSERT_TRUE(revoked.ok()) << revoked.status().message();
  ASSERT_TRUE(revoked->revoked_at.has_value());
  EXPECT_EQ(service_->find_active_key(a->secret).status().code(), Code::kNotFound);
  Result<ApiKey> none =
      wait_for<ApiKey>([&](auto d) { service_->revoke_key(999, audit("open311_key.revoke"), d); });
  EXPECT_EQ(none.status().code(), Code::kNotFound);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action LIKE 'open311_key.%'"), 3);
}

TEST_F(Open311ServiceTest, ARequestRowCommitsWithItsAppeal) {
  Result<Open311Service::IssuedKey> key = wait_for<Open311Service::IssuedKey>(
      [&](auto d) { service_->issue_key(ApiKey{.name = "app"}, audit("open311_key.issue"), d); });
  ASSERT_TRUE(key.ok());
  appeals::NewAppeal in;
  in.category_code = "roads";
  in.channel = appeals::Channel::kOpen311;
  in.description = "路面塌陷";
  in.lat = 37.52;
  in.lon = 111.14;
  in.anonymous = true;
  RequestRow row{.api_key_id = key->key.id, .token = "tok-1", .email = "a@example.com"};
  Result<appeals::Appeal> saved = wait_for<appeals::Appeal>(
      [&](auto d) { service_->submit(std::move(in), row, appeals::Caller{}, d); });
  ASSERT_TRUE(saved.ok()) << saved.status().message();
  Result<RequestRow> by_token = service_->request_by_token("tok-1");
  ASSERT_TRUE(by_token.ok()) << by_token.status().message();
  EXPECT_EQ(by_token->appeal_id, saved->id);
  EXPECT_EQ(by_token->created_at, saved->submitted_at);
  EXPECT_EQ(by_token->email, "a@example.com");
  Result<std::map<int64_t, RequestRow>> rows =
      service_->requests_by_appeals({saved->id, saved->id + 1000, saved->id});
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 1u);  // the unknown id has none, the repeated one counts once
  EXPECT_EQ(rows->at(saved->id).token, "tok-1");
  EXPECT_EQ(service_->request_by_token("tok-2").status().code(), Code::kNotFound);

  // A row that cannot be stored (the token is taken) takes its appeal with it.
  const int64_t appeals_before = count("SELECT count(*) FROM appeals");
  appeals::NewAppeal again;
  again.category_code = "roads";
  again.channel = appeals::Channel::kOpen311;
  again.description = "又一处";
  again.address = "滨河北路";
  again.anonymous = true;
  Result<appeals::Appeal> refused = wait_for<appeals::Appeal>(
      [&](auto d) { service_->submit(std::move(again), row, appeals::Caller{}, d); });
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(count("SELECT count(*) FROM appeals"), appeals_before);

  Result<std::map<int64_t, std::string>> names = service_->organisation_names({7, 8});
  ASSERT_TRUE(names.ok()) << names.status().message();
  EXPECT_EQ(*names, (std::map<int64_t, std::string>{{7, "区住建局"}}));
}

}  // namespace
}  // namespace warmcity::open311
