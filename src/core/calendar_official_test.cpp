// The shipped calendar files (data/calendar/<year>.txt) against the State
// Council's notices, typed in here by hand. The files are generated from npm
// chinese-days and the other calendar tests compare them with chinese-days
// again; this test is the independent check. For every shipped year it
// compares both ways: every holiday and make-up working day of the notice is
// in the file with that kind, and the file lists no day the notice does not.
// A year shipped without its notice typed in below fails: type it in from
// 国务院办公厅关于<year>年部分节假日安排的通知, never from the file.
//
// How a notice's words become days: "X日至Y日放假(调休)" makes every day from
// X to Y a holiday, weekend days included ("共N天" is typed as `days` and
// checked against the range); "X日放假，与周末连休" makes only X a holiday
// (the weekend next to it is an ordinary weekend); "…上班" days are make-up
// working days, typed with the weekday the notice gives them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/read_file.h"
#include "core/time.h"

namespace warmcity::core {
namespace {

struct Holidays {
  const char* from;  // YYYY-MM-DD
  const char* to;    // YYYY-MM-DD, the same day for a single one
  int days;          // the notice's "共N天" (1 for a single day)
};

struct MakeUpDay {
  const char* date;
  int weekday;  // as the notice says it: 5 = 周六/星期六, 6 = 周日/星期日
};

struct Notice {
  const char* title;
  const char* number_and_date;
  std::vector<Holidays> holidays;
  std::vector<MakeUpDay> workdays;
};

constexpr int kSat = 5;
constexpr int kSun = 6;

// The notices, by year. Found through their reprints (人民日报, 新华社 via
// gmw.cn and others); each line names the paragraph it comes from.
const std::map<int, Notice>& notices() {
  static const std::map<int, Notice> kNotices = {
      {2024,
       {"国务院办公厅关于2024年部分节假日安排的通知",
        "国办发明电〔2023〕7号, 2023年10月25日",
        {
            {"2024-01-01", "2024-01-01", 1},  // 一、元旦：1月1日放假，与周末连休
            {"2024-02-10", "2024-02-17", 8},  // 二、春节：2月10日至17日放假调休，共8天
            {"2024-04-04", "2024-04-06", 3},  // 三、清明节：4月4日至6日放假调休，共3天
            {"2024-05-01", "2024-05-05", 5},  // 四、劳动节：5月1日至5日放假调休，共5天
            {"2024-06-10", "2024-06-10", 1},  // 五、端午节：6月10日放假，与周末连休
            {"2024-09-15", "2024-09-17", 3},  // 六、中秋节：9月15日至17日放假调休，共3天
            {"2024-10-01", "2024-10-07", 7},  // 七、国庆节：10月1日至7日放假调休，共7天
        },
        {
            {"2024-02-04", kSun},  // 二、2月4日（星期日）…上班
            {"2024-02-18", kSun},  // 二、…2月18日（星期日）上班
            {"2024-04-07", kSun},  // 三、4月7日（星期日）上班
            {"2024-04-28", kSun},  // 四、4月28日（星期日）…上班
            {"2024-05-11", kSat},  // 四、…5月11日（星期六）上班
            {"2024-09-14", kSat},  // 六、9月14日（星期六）上班
            {"2024-09-29", kSun},  // 七、9月29日（星期日）…上班
            {"2024-10-12", kSat},  // 七、…10月12日（星期六）上班
        }}},
      {2025,
       {"国务院办公厅关于2025年部分节假日安排的通知",
        "国办发明电〔2024〕12号, 2024年11月12日",
        {
            {"2025-01-01", "2025-01-01", 1},  // 一、元旦：1月1日（周三）放假1天，不调休
            {"2025-01-28", "2025-02-04", 8},  // 二、春节：1月28日（除夕）至2月4日，共8天
            {"2025-04-04", "2025-04-06", 3},  // 三、清明节：4月4日（周五）至6日（周日），共3天
            {"2025-05-01", "2025-05-05", 5},  // 四、劳动节：5月1日（周四）至5日（周一），共5天
            {"2025-05-31", "2025-06-02", 3},  // 五、端午节：5月31日（周六）至6月2日，共3天
            {"2025-10-01", "2025-10-08", 8},  // 六、国庆节、中秋节：10月1日至8日，共8天
        },
        {
            {"2025-01-26", kSun},  // 二、1月26日（周日）…上班
            {"2025-02-08", kSat},  // 二、…2月8日（周六）上班
            {"2025-04-27", kSun},  // 四、4月27日（周日）上班
            {"2025-09-28", kSun},  // 六、9月28日（周日）…上班
            {"2025-10-11", kSat},  // 六、…10月11日（周六）上班
        }}},
      {2026,
       {"国务院办公厅关于2026年部分节假日安排的通知",
        "2025年11月4日 (新华社北京11月4日电)",
        {
            {"2026-01-01", "2026-01-03", 3},  // 一、元旦：1月1日（周四）至3日（周六），共3天
            {"2026-02-15", "2026-02-23", 9},  // 二、春节：2月15日（腊月二十八）至23日，共9天
            {"2026-04-04", "2026-04-06", 3},  // 三、清明节：4月4日（周六）至6日（周一），共3天
            {"2026-05-01", "2026-05-05", 5},  // 四、劳动节：5月1日（周五）至5日（周二），共5天
            {"2026-06-19", "2026-06-21", 3},  // 五、端午节：6月19日（周五）至21日（周日），共3天
            {"2026-09-25", "2026-09-27", 3},  // 六、中秋节：9月25日（周五）至27日（周日），共3天
            {"2026-10-01", "2026-10-07", 7},  // 七、国庆节：10月1日（周四）至7日（周三），共7天
        },
        {
            {"2026-01-04", kSun},  // 一、1月4日（周日）上班
            {"2026-02-14", kSat},  // 二、2月14日（周六）…上班
            {"2026-02-28", kSat},  // 二、…2月28日（周六）上班
            {"2026-05-09", kSat},  // 四、5月9日（周六）上班
            {"2026-09-20", kSun},  // 七、9月20日（周日）…上班
            {"2026-10-10", kSat},  // 七、…10月10日（周六）上班
        }}},
  };
  return kNotices;
}

LocalDate date(const char* text) {
  Result<LocalDate> d = parse_date(text);
  EXPECT_TRUE(d.ok()) << text;
  return d.ok() ? *d : LocalDate{};
}

// The notice as days: date → kind.
std::map<LocalDate, DayKind> days_of(const Notice& n) {
  std::map<LocalDate, DayKind> out;
  for (const Holidays& h : n.holidays) {
    const int64_t from = days_from_civil(date(h.from));
    const int64_t to = days_from_civil(date(h.to));
    EXPECT_EQ(to - from + 1, h.days) << n.title << ": " << h.from << ".." << h.to;
    for (int64_t d = from; d <= to; ++d) out[civil_from_days(d)] = DayKind::kHoliday;
  }
  for (const MakeUpDay& w : n.workdays) {
    EXPECT_EQ(weekday(date(w.date)), w.weekday) << n.title << ": " << w.date;
    EXPECT_FALSE(out.contains(date(w.date))) << n.title << ": " << w.date << " typed twice";
    out[date(w.date)] = DayKind::kWorkday;
  }
  return out;
}

std::string kind_name(DayKind k) { return k == DayKind::kHoliday ? "holiday" : "workday"; }

// The years data/calendar ships: every <four digits>.txt.
std::vector<int> shipped_years() {
  std::vector<int> years;
  for (const auto& entry : std::filesystem::directory_iterator("data/calendar")) {
    const std::string name = entry.path().filename().string();
    if (name.size() == 8 && name.ends_with(".txt") &&
        std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
      years.push_back(std::stoi(name.substr(0, 4)));
    }
  }
  std::sort(years.begin(), years.end());
  return years;
}

TEST(CalendarOfficialTest, EveryShippedYearHasItsNoticeTypedIn) {
  const std::vector<int> years = shipped_years();
  ASSERT_FALSE(years.empty()) << "no data/calendar/<year>.txt found (run from the source tree)";
  for (int year : years) {
    EXPECT_TRUE(notices().contains(year))
        << "data/calendar/" << year << ".txt has no State Council notice typed in here: type the "
        << "dates of 国务院办公厅关于" << year << "年部分节假日安排的通知 into notices()";
  }
}

TEST(CalendarOfficialTest, FilesListExactlyTheNoticesDays) {
  const std::vector<int> years = shipped_years();
  ASSERT_FALSE(years.empty());
  for (int year : years) {
    auto notice = notices().find(year);
    if (notice == notices().end()) continue;  // reported by the test above
    const Notice& n = notice->second;
    Result<std::string> text = read_file("data/calendar/" + std::to_string(year) + ".txt");
    ASSERT_TRUE(text.ok()) << text.status().message();
    Result<Calendar> file = Calendar::parse(*text);
    ASSERT_TRUE(file.ok()) << year << ": " << file.status().message();
    ASSERT_EQ(file->known_years(), std::vector<int>{year});

    const std::map<LocalDate, DayKind> expected = days_of(n);
    ASSERT_FALSE(expected.empty()) << n.title;
    // Every day of the notice is in the file, with the notice's kind.
    for (const auto& [d, kind] : expected) {
      const OfficialDay* listed = file->find(d);
      if (!listed) {
        ADD_FAILURE() << year << ".txt lacks " << format_date(d) << " (" << kind_name(kind)
                      << " in " << n.title << ", " << n.number_and_date << ")";
        continue;
      }
      EXPECT_EQ(kind_name(listed->kind), kind_name(kind))
          << year << ".txt: " << format_date(d) << " (" << n.title << ")";
    }
    // The file lists no day the notice does not.
    const std::vector<OfficialDay> listed = file->days_of_year(year);
    ASSERT_FALSE(listed.empty()) << year;
    for (const OfficialDay& day : listed) {
      EXPECT_TRUE(expected.contains(day.date))
          << year << ".txt lists " << format_date(day.date) << " " << kind_name(day.kind) << " "
          << day.name << ", which " << n.title << " does not";
    }
    EXPECT_EQ(listed.size(), expected.size()) << year;
  }
}

}  // namespace
}  // namespace warmcity::core
