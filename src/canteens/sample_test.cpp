// The food-safety sample log (sample.h, sample_service.h, sample_csv.h):
// the rules of a new sample, the 48-hour boundary on an injected clock (from
// the later of taken_at and the recording: a log written up late, or a voided
// record written again, does not shorten it), voiding, who may do what, and
// the inspectors' CSV. The HTTP test (fixed server clock) shows the refusal
// before 48 hours; the destroy after them is shown here.
#include <future>

#include <gtest/gtest.h>

#include "accounts/accounts.h"
#include "canteens/canteen_test_world.h"
#include "canteens/sample.h"
#include "canteens/sample_csv.h"
#include "canteens/sample_service.h"
#include "core/time.h"
#include "facilities/facilities.h"
#include "facilities/facility_store.h"

namespace warmcity::canteens {
namespace {

const int64_t kNoon = *core::parse_rfc3339("2026-12-05T11:20:00+08:00");

SampleInput lunch(int64_t taken_at = kNoon, std::string date = "2026-12-05") {
  return SampleInput{std::move(date), "lunch", "西红柿炒鸡蛋", 3, 150, taken_at, "留样柜1", ""};
}

bool names(const std::vector<FieldError>& errors, const std::string& field) {
  for (const FieldError& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(SampleRules, AGoodSamplePasses) { EXPECT_TRUE(sample_errors(lunch(), kNoon).empty()); }

TEST(SampleRules, WeightIsAtLeast125Grams) {
  SampleInput in = lunch();
  in.weight_g = 124;
  std::vector<FieldError> e = sample_errors(in, kNoon);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "weight_g");
  EXPECT_NE(e[0].message.find("125克"), std::string::npos);
  EXPECT_NE(e[0].message.find("at least 125 g"), std::string::npos);
  in.weight_g = 125;
  EXPECT_TRUE(sample_errors(in, kNoon).empty());
}

TEST(SampleRules, MealAndDate) {
  SampleInput in = lunch();
  in.meal = "supper";
  in.date = "2026-02-30";
  std::vector<FieldError> e = sample_errors(in, kNoon);
  EXPECT_TRUE(names(e, "meal"));
  EXPECT_TRUE(names(e, "date"));
  EXPECT_EQ(sample_meal_label_zh("breakfast"), "早餐");
  EXPECT_EQ(sample_meal_label_zh("dinner"), "晚餐");
}

TEST(SampleRules, TakenAtWindow) {
  EXPECT_TRUE(sample_errors(lunch(kNoon + 300), kNoon).empty());  // 5 minutes ahead
  EXPECT_TRUE(names(sample_errors(lunch(kNoon + 301), kNoon), "taken_at"));
  EXPECT_TRUE(sample_errors(lunch(kNoon - 72 * 3600, "2026-12-03"), kNoon).empty());
  EXPECT_TRUE(names(sample_errors(lunch(kNoon - 72 * 3600 - 1, "2026-12-03"), kNoon), "taken_at"));
}

TEST(SampleRules, TakenAtFallsOnTheMealsDayOrTheDayBefore) {
  const int64_t eve = *core::parse_rfc3339("2026-12-04T00:00:00+08:00");
  EXPECT_TRUE(sample_errors(lunch(eve), kNoon).empty());             // the day before
  std::vector<FieldError> e = sample_errors(lunch(eve - 1), kNoon);  // two days before
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "taken_at");
  EXPECT_NE(e[0].message.find("the meal's day"), std::string::npos);
  // The bypass of issue #17's review: date today, taken 71 hours ago.
  EXPECT_TRUE(names(sample_errors(lunch(kNoon - 71 * 3600), kNoon), "taken_at"));
  // A day after the meal's: refused too.
  const int64_t next = *core::parse_rfc3339("2026-12-06T00:00:00+08:00");
  EXPECT_TRUE(names(sample_errors(lunch(next), next + 60), "taken_at"));
  EXPECT_TRUE(sample_errors(lunch(next - 1), next + 60).empty());
}

TEST(SampleRules, KeptFromTheLaterOfTakenAndRecorded) {
  EXPECT_EQ(keep_until(kNoon, kNoon + 600), kNoon + 600 + kKeepSeconds);
  EXPECT_EQ(keep_until(kNoon + 60, kNoon), kNoon + 60 + kKeepSeconds);  // clocks a little apart
}

class SampleServiceTest : public CanteenWorld {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open("samples.db", sample_migrations()));
    canteen_ = add(facilities::Kind::kCanteen, "生态园长者食堂", 7);
    other_ = add(facilities::Kind::kCanteen, "交通路长者食堂", 8);
    service_ = std::make_unique<SampleService>(
        *db_,
        [](store::Connection&, int64_t id) -> Result<std::string> {
          return "用户" + std::to_string(id);
        },
        [this] { return now_; });
  }

  Result<Sample> record(int64_t canteen, SampleInput in, const Caller& by) {
    std::promise<Result<Sample>> p;
    service_->record(canteen, std::move(in), by, [&p](Result<Sample> r) { p.set_value(r); });
    return p.get_future().get();
  }
  std::pair<Result<Sample>, std::optional<int64_t>> destroy(int64_t canteen, int64_t id,
                                                            const Caller& by) {
    std::promise<std::pair<Result<Sample>, std::optional<int64_t>>> p;
    service_->destroy(canteen, id, by, [&p](Result<Sample> r, std::optional<int64_t> until) {
      p.set_value({r, until});
    });
    return p.get_future().get();
  }
  Result<Sample> void_it(int64_t canteen, int64_t id, const Caller& by) {
    std::promise<Result<Sample>> p;
    service_->void_sample(canteen, id, "称重有误", by, [&p](Result<Sample> r) { p.set_value(r); });
    return p.get_future().get();
  }
  int64_t audits(const char* action) {
    auto s = db_->reader().prepare("SELECT count(*) FROM audit_log WHERE action = ?");
    EXPECT_TRUE(s.ok());
    s->bind(1, action);
    EXPECT_TRUE(s->step().ok());
    return s->column_int64(0);
  }

  std::unique_ptr<SampleService> service_;
  int64_t canteen_ = 0, other_ = 0;
  int64_t now_ = kNoon + 600;
  const Caller keeper_{5, "keeper", {7}, "127.0.0.1"};
  const Caller other_keeper_{6, "keeper", {8}, "127.0.0.1"};
};

TEST_F(SampleServiceTest, RecordsWithWhoTookItAndAudits) {
  Result<Sample> s = record(canteen_, lunch(), keeper_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->taken_by.id, 5);
  EXPECT_EQ(s->taken_by.name, "用户5");
  EXPECT_EQ(s->recorded_at, now_);
  EXPECT_EQ(audits("canteen.sample_record"), 1);
  Result<SampleDay> day = service_->day(canteen_, "2026-12-05", keeper_);
  ASSERT_TRUE(day.ok()) << day.status().message();
  ASSERT_EQ(day->items.size(), 1u);
  EXPECT_EQ(day->items[0].dish_id, 3);
  EXPECT_EQ(day->canteen.name, "生态园长者食堂");
}

TEST_F(SampleServiceTest, DayIsOrderedByMealThenTime) {
  SampleInput dinner = lunch(kNoon - 3600);
  dinner.meal = "dinner";
  SampleInput breakfast = lunch(kNoon);
  breakfast.meal = "breakfast";
  ASSERT_TRUE(record(canteen_, dinner, keeper_).ok());
  ASSERT_TRUE(record(canteen_, lunch(kNoon), keeper_).ok());
  ASSERT_TRUE(record(canteen_, lunch(kNoon - 60), keeper_).ok());
  ASSERT_TRUE(record(canteen_, breakfast, keeper_).ok());
  Result<SampleDay> day = service_->day(canteen_, "2026-12-05", keeper_);
  ASSERT_TRUE(day.ok());
  ASSERT_EQ(day->items.size(), 4u);
  EXPECT_EQ(day->items[0].meal, "breakfast");
  EXPECT_EQ(day->items[1].taken_at, kNoon - 60);
  EXPECT_EQ(day->items[2].taken_at, kNoon);
  EXPECT_EQ(day->items[3].meal, "dinner");
  EXPECT_TRUE(service_->day(canteen_, "2026-12-06", keeper_)->items.empty());
}

TEST_F(SampleServiceTest, DestroyWaitsFor48Hours) {
  now_ = kNoon;  // recorded as it is taken
  Result<Sample> s = record(canteen_, lunch(), keeper_);
  ASSERT_TRUE(s.ok());
  now_ = kNoon + kKeepSeconds - 1;
  auto [early, until] = destroy(canteen_, s->id, keeper_);
  EXPECT_EQ(early.status().code(), Code::kConflict);
  EXPECT_NE(early.status().message().find("2026-12-07T11:20:00+08:00"), std::string::npos);
  EXPECT_EQ(until, kNoon + kKeepSeconds);
  EXPECT_EQ(audits("canteen.sample_destroy"), 0);

  now_ = kNoon + kKeepSeconds;
  auto [done, at] = destroy(canteen_, s->id, keeper_);
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->destroyed_at, now_);
  EXPECT_EQ(done->destroyed_by->name, "用户5");
  EXPECT_EQ(audits("canteen.sample_destroy"), 1);
  EXPECT_EQ(destroy(canteen_, s->id, keeper_).first.status().code(), Code::kConflict);
  // A destroyed sample's record is not voided.
  Result<Sample> v = void_it(canteen_, s->id, keeper_);
  EXPECT_EQ(v.status().code(), Code::kConflict);
  EXPECT_NE(v.status().message().find("destroyed"), std::string::npos);
  EXPECT_EQ(audits("canteen.sample_void"), 0);
  Result<SampleDay> day = service_->day(canteen_, "2026-12-05", keeper_);
  ASSERT_EQ(day->items.size(), 1u);  // the row stays
  EXPECT_EQ(day->items[0].destroyed_at, now_);
  EXPECT_FALSE(day->items[0].voided_at);
}

TEST_F(SampleServiceTest, ALateLogKeeps48HoursFromItsRecording) {
  now_ = kNoon;
  const int64_t taken = kNoon - 71 * 3600;  // 2026-12-02 13:20
  EXPECT_EQ(record(canteen_, lunch(taken), keeper_).status().code(), Code::kUnprocessable);
  Result<Sample> s = record(canteen_, lunch(taken, "2026-12-03"), keeper_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  now_ = kNoon + kKeepSeconds - 1;
  auto [early, until] = destroy(canteen_, s->id, keeper_);
  EXPECT_EQ(early.status().code(), Code::kConflict);
  EXPECT_EQ(until, kNoon + kKeepSeconds);
  now_ = kNoon + kKeepSeconds;
  EXPECT_TRUE(destroy(canteen_, s->id, keeper_).first.ok());
}

TEST_F(SampleServiceTest, VoidingAndRecordingAgainDoesNotShortenTheKeep) {
  now_ = kNoon;
  Result<Sample> s = record(canteen_, lunch(kNoon - 60), keeper_);
  ASSERT_TRUE(s.ok());
  now_ = kNoon + 47 * 3600;
  ASSERT_TRUE(void_it(canteen_, s->id, keeper_).ok());
  Result<Sample> again = record(canteen_, lunch(kNoon - 60), keeper_);  // same taken_at
  ASSERT_TRUE(again.ok()) << again.status().message();
  now_ = kNoon + kKeepSeconds;
  auto [early, until] = destroy(canteen_, again->id, keeper_);
  EXPECT_EQ(early.status().code(), Code::kConflict);
  EXPECT_EQ(until, kNoon + 47 * 3600 + kKeepSeconds);
  now_ = kNoon + 47 * 3600 + kKeepSeconds;
  EXPECT_TRUE(destroy(canteen_, again->id, keeper_).first.ok());
}

TEST_F(SampleServiceTest, AVoidedRecordStaysAndIsNotDestroyed) {
  Result<Sample> s = record(canteen_, lunch(), keeper_);
  ASSERT_TRUE(s.ok());
  Result<Sample> v = void_it(canteen_, s->id, keeper_);
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->void_reason, "称重有误");
  EXPECT_EQ(void_it(canteen_, s->id, keeper_).status().code(), Code::kConflict);
  now_ = kNoon + kKeepSeconds + 1;
  EXPECT_EQ(destroy(canteen_, s->id, keeper_).first.status().code(), Code::kConflict);
  EXPECT_EQ(audits("canteen.sample_void"), 1);
  EXPECT_EQ(service_->day(canteen_, "2026-12-05", keeper_)->items[0].voided_by->id, 5);
}

TEST_F(SampleServiceTest, WhoMayDoWhat) {
  Result<Sample> s = record(canteen_, lunch(), keeper_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(record(canteen_, lunch(), other_keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(record(999999, lunch(), keeper_).status().code(), Code::kNotFound);
  EXPECT_EQ(service_->day(canteen_, "2026-12-05", other_keeper_).status().code(),
            Code::kPermissionDenied);
  EXPECT_TRUE(service_->day(canteen_, "2026-12-05", Caller{9, "department", {}, ""}).ok());
  EXPECT_TRUE(service_->day(canteen_, "2026-12-05", Caller{1, "admin", {}, ""}).ok());
  EXPECT_EQ(service_->day(canteen_, "2026-12-05", Caller{3, "worker", {7}, ""}).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(service_->day(canteen_, "5 Dec", keeper_).status().code(), Code::kUnprocessable);
  // The sample through another canteen's path: not found there.
  EXPECT_EQ(void_it(other_, s->id, other_keeper_).status().code(), Code::kNotFound);
  EXPECT_EQ(void_it(canteen_, s->id, other_keeper_).status().code(), Code::kPermissionDenied);
  now_ += kKeepSeconds;
  EXPECT_EQ(destroy(other_, s->id, other_keeper_).first.status().code(), Code::kNotFound);
}

TEST_F(SampleServiceTest, CsvForInspectors) {
  SampleInput in = lunch();
  in.dish_name = "=HYPERLINK(\"x\")";
  in.note = "含, 逗号";  // recorded ten minutes after it was taken: kept from then
  ASSERT_TRUE(record(canteen_, in, keeper_).ok());
  Result<SampleDay> day = service_->day(canteen_, "2026-12-05", keeper_);
  ASSERT_TRUE(day.ok());
  const std::string csv = sample_day_csv(*day);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF食堂,日期,餐次,菜品,留样量(克)", 0), 0u);
  EXPECT_NE(csv.find("生态园长者食堂,2026-12-05,午餐,\"'=HYPERLINK(\"\"x\"\")\",150,"
                     "2026-12-05 11:20,用户5,留样柜1,2026-12-07 11:30,,,,,\"含, 逗号\","),
            std::string::npos)
      << csv;
}

}  // namespace
}  // namespace warmcity::canteens
