#include "calendar/calendar_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "calendar/calendar_module.h"
#include "calendar/calendar_store.h"
#include "store/test_util.h"

namespace warmcity::calendar {
namespace {

using core::DayKind;
using core::LocalDate;
using core::OfficialDay;

class CalendarServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { reopen_db(); }
  void TearDown() override { db_->stop(); }

  void reopen_db() {
    if (db_) db_->stop();
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("calendar.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
  }

  std::unique_ptr<CalendarService> open(const std::string& dir = "data/calendar") {
    auto s = CalendarService::open(*db_, *audit_, dir);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(*s) : nullptr;
  }

  // replace_year, waiting for its answer.
  Result<std::vector<OfficialDay>> replace(CalendarService& s, int year,
                                           std::vector<OfficialDay> days) {
    std::promise<Result<std::vector<OfficialDay>>> answered;
    s.replace_year(year, std::move(days), Editor{7, "127.0.0.1"},
                   [&](Result<std::vector<OfficialDay>> r) { answered.set_value(std::move(r)); });
    return answered.get_future().get();
  }

  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
};

TEST_F(CalendarServiceTest, StartsFromTheFiles) {
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->current()->is_working_day(LocalDate{2025, 1, 26}));
  EXPECT_TRUE(s->current()->is_public_holiday(LocalDate{2026, 10, 1}));
  EXPECT_FALSE(s->current()->knows_year(2027));
}

TEST_F(CalendarServiceTest, AnEmptyDirectoryNameLoadsNoFiles) {
  auto s = open("");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->current()->known_years().empty());
}

TEST_F(CalendarServiceTest, AMissingOrBadDirectoryIsAStartUpError) {
  auto missing = CalendarService::open(*db_, *audit_, dir_.file("nowhere"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nowhere"), std::string::npos);
  std::ofstream(dir_.file("2027.txt")) << "year 2027\n2027-01-05 workday 调休\n";
  auto bad = CalendarService::open(*db_, *audit_, dir_.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("2027.txt"), std::string::npos);
}

TEST_F(CalendarServiceTest, AReplacedYearIsAuditedSwappedAndSurvivesARestart) {
  auto s = open();
  ASSERT_TRUE(s);
  auto stored = replace(*s, 2027,
                        {{LocalDate{2027, 1, 2}, DayKind::kHoliday, "元旦"},
                         {LocalDate{2027, 1, 1}, DayKind::kHoliday, "元旦"}});
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].date, (LocalDate{2027, 1, 1}));  // sorted
  EXPECT_TRUE(s->current()->is_public_holiday(LocalDate{2027, 1, 1}));
  EXPECT_TRUE(s->current()->knows_year(2026));
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'calendar.update' AND "
                  "actor_user_id = 7 AND subject_id = '2027' AND "
                  "detail = '{\"year\":2027,\"days\":2}'"),
            1);

  // A stored year replaces the file's, also after a restart.
  ASSERT_TRUE(replace(*s, 2026, {{LocalDate{2026, 3, 2}, DayKind::kHoliday, "试"}}).ok());
  s.reset();
  reopen_db();
  auto again = open();
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->current()->is_public_holiday(LocalDate{2027, 1, 2}));
  EXPECT_TRUE(again->current()->is_public_holiday(LocalDate{2026, 3, 2}));
  EXPECT_FALSE(again->current()->is_public_holiday(LocalDate{2026, 10, 1}));
  EXPECT_TRUE(again->current()->is_working_day(LocalDate{2025, 1, 26}));
}

TEST_F(CalendarServiceTest, RefusedDaysChangeNothing) {
  auto s = open();
  ASSERT_TRUE(s);
  auto tuesday = replace(*s, 2027, {{LocalDate{2027, 1, 5}, DayKind::kWorkday, "调休"}});
  EXPECT_EQ(tuesday.status().code(), Code::kUnprocessable);
  auto outside = replace(*s, 2027, {{LocalDate{2028, 1, 1}, DayKind::kHoliday, "元旦"}});
  EXPECT_EQ(outside.status().code(), Code::kUnprocessable);
  EXPECT_EQ(replace(*s, 99999, {}).status().code(), Code::kUnprocessable);
  EXPECT_FALSE(s->current()->knows_year(2027));
  EXPECT_EQ(count("SELECT count(*) FROM calendar_years"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(CalendarServiceTest, ADamagedStoredYearIsAStartUpError) {
  Status s = db_->write(save_year_job(StoredYear{2027, "year 2026\n", 0, std::nullopt}));
  ASSERT_TRUE(s.ok()) << s.message();
  auto bad = CalendarService::open(*db_, *audit_, "data/calendar");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInternal);
}

TEST(YearTextTest, RoundTripsThroughTheCalendarParser) {
  std::vector<OfficialDay> days = {{LocalDate{2027, 1, 1}, DayKind::kHoliday, "元旦"},
                                   {LocalDate{2027, 1, 3}, DayKind::kWorkday, "元旦 调休"}};
  std::string text = year_text(2027, days);
  EXPECT_EQ(text, "year 2027\n2027-01-01 holiday 元旦\n2027-01-03 workday 元旦 调休\n");
  auto parsed = core::Calendar::parse(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto back = parsed->days_of_year(2027);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].name, "元旦 调休");
  EXPECT_EQ(back[1].kind, DayKind::kWorkday);
}

}  // namespace
}  // namespace warmcity::calendar
