// Card numbers, the QR path, the printable card, and the cards' service
// calls with the phone desk's lookups (on the fixture of
// elder_service_test.cpp's kind, written again small here).
#include <gtest/gtest.h>
#include <sodium.h>

#include <future>
#include <set>

#include "accounts/accounts.h"
#include "eldercare/card_number.h"
#include "eldercare/card_svg.h"
#include "eldercare/elder_service.h"
#include "eldercare/eldercare.h"
#include "qr/qr.h"
#include "store/test_util.h"

namespace warmcity::eldercare {
namespace {

TEST(CardNumber, FreshNumbersAreValidAndDistinct) {
  ASSERT_GE(sodium_init(), 0);
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string n = new_card_number();
    ASSERT_EQ(n.size(), 10u);
    EXPECT_NE(n[0], '0');
    EXPECT_EQ(parse_card_number(n), n);
    seen.insert(n);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(CardNumber, CheckDigitCatchesTyposAndSwaps) {
  const std::string n = "572943018" + std::string(1, damm_check_digit("572943018"));
  ASSERT_TRUE(parse_card_number(n));
  for (size_t i = 0; i < n.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == n[i]) continue;
      std::string typo = n;
      typo[i] = d;
      EXPECT_FALSE(parse_card_number(typo)) << typo;
    }
    if (i + 1 < n.size() && n[i] != n[i + 1]) {
      std::string swapped = n;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_FALSE(parse_card_number(swapped)) << swapped;
    }
  }
  EXPECT_EQ(damm_check_digit("572"), '4');  // the algorithm's published example
  EXPECT_EQ(parse_card_number(format_card_number(n)), n);
  EXPECT_EQ(parse_card_number(" " + n.substr(0, 4) + " " + n.substr(4) + " "), n);
  EXPECT_FALSE(parse_card_number(n + "0"));
  EXPECT_FALSE(parse_card_number(n.substr(0, 9)));
  EXPECT_FALSE(parse_card_number("57294301x8"));
  EXPECT_EQ(format_card_number("5729430181"), "5729-430-181");
}

TEST(CardQr, DrawsTheModulesOfTheNumber) {
  Result<qr::QrPath> qr = qr::qr_path("5729430181");
  ASSERT_TRUE(qr.ok());
  EXPECT_EQ(qr->modules, 21);  // version 1
  // The top-left finder pattern: a 7-module bar, then its sides.
  EXPECT_EQ(qr->path.rfind("M0 0h7v1h-7z", 0), 0u) << qr->path.substr(0, 40);
  EXPECT_NE(qr->path.find("M0 1h1v1h-1zM6 1h1v1h-1z"), std::string::npos);
}

TEST(CardSvg, CarriesTheNumberAndPhonesOnly) {
  Card c{1, 7, "5729430181", true, "0358-8221234", "13903580001", 0, 1, 0, 0, ""};
  Result<std::string> svg = card_svg(c);
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg->find("5729-430-181"), std::string::npos);
  EXPECT_NE(svg->find("0358-8221234"), std::string::npos);
  EXPECT_NE(svg->find("13903580001"), std::string::npos);
  EXPECT_NE(svg->find("红色代办卡"), std::string::npos);
  EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
}

areas::Location one_grid(double, double lon) {
  areas::Location l;
  if (lon > 111.2) return l;
  l.subdistrict = areas::AreaRef{10, "滨河"};
  l.community = areas::AreaRef{20, "生态园"};
  l.grid = areas::AreaRef{30, "生态园第一网格"};
  return l;
}

class CardServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("cards.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto service = ElderService::open(*db_, one_grid);
    ASSERT_TRUE(service.ok());
    service_ = std::move(*service);
  }
  void TearDown() override { db_->stop(); }
  template <class T, class Call>
  Result<T> wait(Call call) {
    std::promise<Result<T>> p;
    call([&p](Result<T> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }
  int64_t elder(const std::string& phone) {
    ElderInput in;
    in.name = "张桂兰";
    in.phones = std::vector<std::string>{phone};
    in.address = "交通路 12 号";
    in.lat = 37.51;
    in.lon = 111.105;
    in.birth_date = "1941-03-08";
    in.consent = ConsentInput{"consent", ""};
    Result<ElderView> v =
        wait<ElderView>([&](auto d) { service_->create(std::move(in), admin_, d); });
    EXPECT_TRUE(v.ok()) << v.status().message();
    return v.ok() ? v->elder.id : 0;
  }
  Result<Card> issue(int64_t id, const Caller& by) {
    return wait<Card>([&](auto d) {
      service_->issue_card(id, {"0358-8221234", "13903580001"}, by, d);
    });
  }
  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ElderService> service_;
  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller worker_{2, "worker", {30}, "127.0.0.1"};
  const Caller district_{3, "worker", {}, "127.0.0.1"};
  const Caller elsewhere_{4, "worker", {99}, "127.0.0.1"};
};

TEST_F(CardServiceTest, IssueReissueRevokeAndLookUp) {
  const int64_t id = elder("13812345678");
  Result<Card> first = issue(id, worker_);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(issue(id, district_).status().code(), Code::kPermissionDenied);
  Result<Card> second = issue(id, worker_);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first->number, second->number);
  EXPECT_EQ(service_->card(id, worker_)->number, second->number);
  EXPECT_EQ(service_->card(id, district_).status().code(), Code::kPermissionDenied);
  // The old number answers without the elder and reads nothing.
  Result<CardLookup> old =
      wait<CardLookup>([&](auto d) { service_->lookup_card(first->number, worker_, d); });
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old->card.active);
  EXPECT_EQ(old->card.revoked_reason, "reissued");
  EXPECT_FALSE(old->elder);
  Result<CardLookup> now =
      wait<CardLookup>([&](auto d) { service_->lookup_card(second->number, district_, d); });
  ASSERT_TRUE(now.ok() && now->elder);
  EXPECT_EQ(now->elder->view, View::kMasked);
  EXPECT_EQ(wait<CardLookup>([&](auto d) { service_->lookup_card(second->number, elsewhere_, d); })
                .status()
                .code(),
            Code::kPermissionDenied);
  EXPECT_EQ(wait<CardLookup>([&](auto d) { service_->lookup_card("5729430181", admin_, d); })
                .status()
                .code(),
            Code::kNotFound);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'personal_data.read'"), 1);
  // Revoked: no active card left; closing revokes too.
  Result<Card> revoked = wait<Card>([&](auto d) { service_->revoke_card(id, "lost", worker_, d); });
  ASSERT_TRUE(revoked.ok());
  EXPECT_FALSE(revoked->active);
  EXPECT_EQ(service_->card(id, admin_).status().code(), Code::kNotFound);
  EXPECT_EQ(
      wait<Card>([&](auto d) { service_->revoke_card(id, "lost", worker_, d); }).status().code(),
      Code::kNotFound);
  ASSERT_TRUE(issue(id, admin_).ok());
  ASSERT_TRUE(wait<ElderView>([&](auto d) { service_->close(id, {"died", ""}, admin_, d); }).ok());
  EXPECT_EQ(count("SELECT count(*) FROM elder_cards WHERE state = 'active'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM elder_cards WHERE revoked_reason = 'closed'"), 1);
  EXPECT_EQ(issue(id, admin_).status().code(), Code::kConflict);
  Result<ElderExport> out =
      wait<ElderExport>([&](auto d) { service_->export_record(id, admin_, d); });
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->cards.size(), 3u);
}

TEST_F(CardServiceTest, PhoneLookupFindsOpenEldersTheCallerServes) {
  const int64_t a = elder("13812345678");
  const int64_t b = elder("13812345678");  // a couple sharing a phone
  elder("13900000000");
  Result<std::vector<ElderView>> both = wait<std::vector<ElderView>>(
      [&](auto d) { service_->lookup_phone("13812345678", worker_, d); });
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[0].elder.id, a);
  EXPECT_EQ((*both)[1].elder.id, b);
  EXPECT_EQ(wait<std::vector<ElderView>>(
                [&](auto d) { service_->lookup_phone("13812345678", elsewhere_, d); })
                .status()
                .code(),
            Code::kNotFound);
  ASSERT_TRUE(wait<ElderView>([&](auto d) {
                service_->close(a, {"moved_out", ""}, admin_, d);
              }).ok());
  EXPECT_EQ(wait<std::vector<ElderView>>([&](auto d) {
              service_->lookup_phone("13812345678", admin_, d);
            })->size(),
            1u);
}

// The caller-ID query (the index of elder_phones, then the elder's row) at
// 10,000 elders, on the reader: each phone finds its one elder. How fast is
// a benchmark (bench/eldercare: eldercare_bench --benchmark_filter=CallerId).
TEST_F(CardServiceTest, CallerIdAtTenThousandElders) {
  ASSERT_TRUE(db_->write([](store::Connection& c) {
                   for (int i = 0; i < 10000; ++i) {
                     Elder e;
                     e.name = "测试";
                     e.phones = {"139" + std::to_string(10000000 + i)};
                     e.address = "x";
                     e.grid_id = 30;
                     e.birth_date = "1941-01-01";
                     e.consent = {"consent", "", 1, 0};
                     if (Status s = insert_elder(c, e); !s.ok()) return s;
                   }
                   return Status::Ok();
                 })
                  .ok());
  store::Connection& r = db_->reader();
  for (int i = 0; i < 2000; ++i) {
    const std::string phone = "139" + std::to_string(10000000 + (i * 7919) % 10000);
    Result<std::vector<int64_t>> ids = elders_with_phone(r, phone);
    ASSERT_TRUE(ids.ok() && ids->size() == 1) << phone;
    Result<Elder> e = get_elder(r, ids->front());
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->phones, std::vector<std::string>{phone});
  }
}

}  // namespace
}  // namespace warmcity::eldercare
