// Residents signing in with a one-time code: the limits, the code's life and
// tries, the account made on first sign-in, and its deletion — against a real
// database file, with a sender that keeps the messages instead of sending.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <string>
#include <vector>

#include "accounts/resident_codes.h"
#include "accounts/resident_service.h"
#include "accounts/test_db.h"
#include "accounts/tokens.h"

namespace warmcity::accounts {
namespace {

TEST(ResidentCodes, ShapeAndHash) {
  for (int i = 0; i < 50; ++i) EXPECT_TRUE(is_code_shaped(new_code()));
  EXPECT_FALSE(is_code_shaped("12345"));
  EXPECT_FALSE(is_code_shaped("12345a"));
  EXPECT_EQ(new_code_salt().size(), 32u);
  EXPECT_NE(new_code_salt(), new_code_salt());
  EXPECT_EQ(code_hash("s", "13812345678", "123456"), code_hash("s", "13812345678", "123456"));
  EXPECT_NE(code_hash("s", "13812345678", "123456"), code_hash("t", "13812345678", "123456"));
  EXPECT_NE(code_hash("s", "13812345678", "123456"), code_hash("s", "13812345679", "123456"));
  EXPECT_TRUE(is_mobile("13812345678"));
  EXPECT_FALSE(is_mobile("0358-8221234"));
  EXPECT_FALSE(is_mobile("12812345678"));
}

TEST(ResidentCodes, WaitsPerNumberAndNetwork) {
  ResidentLimits l;
  const int64_t now = 100000;
  EXPECT_EQ(code_wait({}, l, now), 0);
  EXPECT_EQ(code_wait({now - 20, 1, now - 20, 1, now - 20}, l, now), 40);  // once a minute
  EXPECT_EQ(code_wait({now - 60, 1, now - 60, 1, now - 60}, l, now), 0);
  // Five to the number this hour, the first 1000 s ago: 2600 s to go.
  EXPECT_EQ(code_wait({now - 100, 5, now - 1000, 5, now - 1000}, l, now), 2600);
  // The network's allowance, spread over many numbers.
  EXPECT_EQ(code_wait({0, 0, 0, l.codes_per_network_per_hour, now - 3000}, l, now), 600);
  EXPECT_EQ(code_wait({0, 0, 0, l.codes_per_network_per_hour - 1, now - 3000}, l, now), 0);
}

// Keeps every message; fails on demand.
class FakeSender final : public SmsSender {
 public:
  void send(SmsMessage m, std::function<void(SmsResult)> done) override {
    sent.push_back(m);
    done(fail ? SmsResult{SmsOutcome::kGatewayRefused, "no"} : SmsResult{});
  }
  const char* kind() const override { return "fake"; }
  std::vector<SmsMessage> sent;
  bool fail = false;
};

class ResidentsTest : public testing_util::AccountsDbTest {
 protected:
  void SetUp() override {
    AccountsDbTest::SetUp();
    auto sender = std::make_unique<FakeSender>();
    sender_ = sender.get();
    ResidentConfig config;
    config.now = [this] { return clock_.load(); };
    config.forget_appeals = [this](store::Connection&, int64_t user_id,
                                   const std::optional<std::string>& phone,
                                   int64_t) -> Result<int64_t> {
      forgotten_ = {user_id, phone.value_or("")};
      return int64_t{3};
    };
    residents_ = std::make_unique<Residents>(*db_, config, std::move(sender));
  }
  void TearDown() override {
    residents_.reset();
    AccountsDbTest::TearDown();
  }

  CodeOutcome ask(const std::string& phone, const std::string& address = "203.0.113.7") {
    std::promise<CodeOutcome> p;
    residents_->request_code(phone, address, [&p](CodeOutcome o) { p.set_value(std::move(o)); });
    return p.get_future().get();
  }
  SignInOutcome enter(const std::string& phone, const std::string& code) {
    std::promise<SignInOutcome> p;
    residents_->sign_in({phone, code, "203.0.113.7", "test"},
                        [&p](SignInOutcome o) { p.set_value(std::move(o)); });
    return p.get_future().get();
  }
  std::string last_code() { return sender_->sent.back().code; }

  std::atomic<int64_t> clock_{1'800'000'000};
  FakeSender* sender_ = nullptr;
  std::unique_ptr<Residents> residents_;
  std::pair<int64_t, std::string> forgotten_;
};

TEST_F(ResidentsTest, FirstSignInMakesTheAccountTheNextFindsIt) {
  ASSERT_TRUE(ask("13812345678").status.ok());
  ASSERT_EQ(sender_->sent.size(), 1u);
  EXPECT_NE(sender_->sent[0].text.find(last_code()), std::string::npos);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM resident_codes WHERE code_hash LIKE '%" + last_code() + "%'"),
      0);  // stored hashed
  SignInOutcome first = enter("13812345678", last_code());
  ASSERT_TRUE(first.status.ok()) << first.status.message();
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.user.role, "resident");
  EXPECT_EQ(first.user.display_name, "138****5678");
  EXPECT_EQ(first.user.username.find("1381"), std::string::npos);  // the number is not the name
  EXPECT_EQ(first.token.size(), kTokenLength);
  // The code is used up.
  EXPECT_EQ(enter("13812345678", last_code()).status.code(), Code::kUnauthenticated);

  clock_ += 61;
  ASSERT_TRUE(ask("13812345678").status.ok());
  SignInOutcome second = enter("13812345678", last_code());
  ASSERT_TRUE(second.status.ok());
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.user.id, first.user.id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE role = 'resident'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login'"), 2);
}

TEST_F(ResidentsTest, StaffWithTheNumberAreNeverSignedIn) {
  int64_t staff = insert_user("wangge", "worker");
  ASSERT_TRUE(db_->write([&](store::Connection& c) {
                   auto s = c.prepare("UPDATE users SET phone = '13812345678' WHERE id = ?");
                   if (!s.ok()) return s.status();
                   s->bind(1, staff);
                   return s->run();
                 })
                  .ok());
  ASSERT_TRUE(ask("13812345678").status.ok());
  SignInOutcome o = enter("13812345678", last_code());
  ASSERT_TRUE(o.status.ok());
  EXPECT_NE(o.user.id, staff);
  EXPECT_EQ(o.user.role, "resident");
}

TEST_F(ResidentsTest, FiveTriesThenTheCodeIsDead) {
  ASSERT_TRUE(ask("13912345678").status.ok());
  const std::string code = last_code();
  const std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 4; i >= 1; --i) {
    SignInOutcome o = enter("13912345678", wrong);
    EXPECT_EQ(o.status.code(), Code::kUnauthenticated);
    EXPECT_EQ(o.tries_left, i);
    EXPECT_TRUE(o.token.empty());
  }
  EXPECT_EQ(enter("13912345678", wrong).tries_left, 0);
  EXPECT_EQ(enter("13912345678", code).status.code(), Code::kUnauthenticated);  // too late
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 0);
}

TEST_F(ResidentsTest, CodesExpire) {
  ASSERT_TRUE(ask("13912345678").status.ok());
  clock_ += 301;
  SignInOutcome o = enter("13912345678", last_code());
  EXPECT_EQ(o.status.code(), Code::kUnauthenticated);
  EXPECT_NE(o.status.message().find("ask for a new one"), std::string::npos);
}

TEST_F(ResidentsTest, OnlyTheNewestCodeCounts) {
  ASSERT_TRUE(ask("13912345678").status.ok());
  const std::string old = last_code();
  clock_ += 60;
  ASSERT_TRUE(ask("13912345678").status.ok());
  if (old != last_code()) {
    EXPECT_EQ(enter("13912345678", old).status.code(), Code::kUnauthenticated);
  }
  EXPECT_TRUE(enter("13912345678", last_code()).status.ok());
}

TEST_F(ResidentsTest, LimitsPerNumberAndNetwork) {
  ASSERT_TRUE(ask("13700000000").status.ok());
  CodeOutcome again = ask("13700000000");
  EXPECT_EQ(again.status.code(), Code::kResourceExhausted);
  EXPECT_EQ(again.retry_after, 60);
  for (int i = 0; i < 4; ++i) {
    clock_ += 60;
    ASSERT_TRUE(ask("13700000000").status.ok()) << i;
  }
  clock_ += 60;
  CodeOutcome hour = ask("13700000000");
  EXPECT_EQ(hour.status.code(), Code::kResourceExhausted);
  EXPECT_EQ(hour.retry_after, 3600 - 300);
  EXPECT_EQ(sender_->sent.size(), 5u);
  // Another network, another number: the network's allowance is its own.
  ResidentLimits l;
  for (int i = 0; i < l.codes_per_network_per_hour - 5; ++i) {
    ASSERT_TRUE(ask("136" + std::to_string(10000000 + i)).status.ok()) << i;
  }
  EXPECT_EQ(ask("13500000000", "203.0.113.99").status.code(), Code::kResourceExhausted);
  EXPECT_TRUE(ask("13500000000", "198.51.100.1").status.ok());
}

TEST_F(ResidentsTest, AFailedSendLeavesNoCode) {
  sender_->fail = true;
  CodeOutcome o = ask("13812345678");
  EXPECT_EQ(o.status.code(), Code::kUnavailable);
  EXPECT_TRUE(o.gateway_refused);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_codes"), 0);
  EXPECT_EQ(enter("13812345678", last_code()).status.code(), Code::kUnauthenticated);
  sender_->fail = false;
  EXPECT_TRUE(ask("13812345678").status.ok());  // the failure used up no allowance
}

TEST_F(ResidentsTest, RefusesBadInput) {
  EXPECT_EQ(ask("0358-8221234").status.code(), Code::kUnprocessable);
  EXPECT_EQ(ask("1381234567").status.code(), Code::kUnprocessable);
  SignInOutcome o = enter("13812345678", "12ab56");
  EXPECT_EQ(o.status.code(), Code::kUnprocessable);
  EXPECT_TRUE(sender_->sent.empty());
}

TEST_F(ResidentsTest, DeletingErasesAndAudits) {
  ASSERT_TRUE(ask("13812345678").status.ok());
  SignInOutcome in = enter("13812345678", last_code());
  ASSERT_TRUE(in.status.ok());
  http::Principal who;
  who.user_id = in.user.id;
  std::promise<Result<int64_t>> p;
  residents_->delete_account(who, "203.0.113.7",
                             [&p](Result<int64_t> r) { p.set_value(std::move(r)); });
  Result<int64_t> n = p.get_future().get();
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 3);
  EXPECT_EQ(forgotten_.first, in.user.id);
  EXPECT_EQ(forgotten_.second, "13812345678");
  const std::string id = std::to_string(in.user.id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE phone IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT disabled FROM users WHERE id = " + id), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resident_codes"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.delete' AND "
                  "subject_id = '" +
                  id + "'"),
            1);
  EXPECT_EQ(residents_->phone_of(in.user.id).status().code(), Code::kOk);
  // The number signs up afresh: a new account.
  clock_ += 61;
  ASSERT_TRUE(ask("13812345678").status.ok());
  SignInOutcome again = enter("13812345678", last_code());
  ASSERT_TRUE(again.status.ok());
  EXPECT_TRUE(again.created);
  EXPECT_NE(again.user.id, in.user.id);
}

TEST_F(ResidentsTest, StaffCannotDeleteThemselvesHere) {
  http::Principal who;
  who.user_id = insert_user("admin", "admin");
  std::promise<Result<int64_t>> p;
  residents_->delete_account(who, "", [&p](Result<int64_t> r) { p.set_value(std::move(r)); });
  EXPECT_EQ(p.get_future().get().status().code(), Code::kPermissionDenied);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE username = 'admin'"), 1);
}

}  // namespace
}  // namespace warmcity::accounts
