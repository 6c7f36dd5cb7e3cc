// iCalendar text (ical.h): folding at 75 octets without splitting a UTF-8
// character, TEXT escaping, the times, and output that does not change
// while its events do not. Pure: the same on both test binaries.
#include "activities/ical.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace warmcity::activities {
namespace {

// The physical lines of `text` without their CRLFs; fails on a bare LF.
std::vector<std::string> ical_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "the text ends without CRLF";
    if (end == std::string::npos) break;
    std::string line = text.substr(start, end - start);
    EXPECT_EQ(line.find('\n'), std::string::npos) << "bare LF in " << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << "bare CR in " << line;
    out.push_back(std::move(line));
    start = end + 2;
  }
  return out;
}

// True when `s` is whole UTF-8 (no character cut at either end).
bool whole_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// Undoes the folding: every CRLF followed by one space is removed.
std::string unfold(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

TEST(IcalTest, ShortLineIsOneLineWithCrlf) {
  EXPECT_EQ(fold_ical_line("SUMMARY:太极拳"), "SUMMARY:太极拳\r\n");
  const std::string exact(75, 'a');
  EXPECT_EQ(fold_ical_line(exact), exact + "\r\n");
}

TEST(IcalTest, AsciiFoldsAtSeventyFiveOctets) {
  const std::string line(200, 'x');
  const std::string folded = fold_ical_line(line);
  std::vector<std::string> lines = ical_lines(folded);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].size(), 75u);
  EXPECT_EQ(lines[1].size(), 75u);  // a space and 74 octets
  EXPECT_EQ(lines[1][0], ' ');
  EXPECT_EQ(lines[2], " " + std::string(200 - 75 - 74, 'x'));
  EXPECT_EQ(unfold(folded), line + "\r\n");
}

TEST(IcalTest, ChineseTextFoldsBetweenCharactersNeverInside) {
  // 3 octets a character: "DESCRIPTION:" is 12, so a cut by octets alone
  // would fall inside a character.
  std::string text = "DESCRIPTION:";
  for (int i = 0; i < 60; ++i) text += "太极拳广场舞书法班";
  const std::string folded = fold_ical_line(text);
  std::vector<std::string> lines = ical_lines(folded);
  ASSERT_GT(lines.size(), 10u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << i;
    const std::string content = i == 0 ? lines[i] : lines[i].substr(1);
    if (i > 0) {
      EXPECT_EQ(lines[i][0], ' ');
    }
    EXPECT_TRUE(whole_utf8(content)) << "line " << i << " cuts a character";
    // Full lines are filled as far as a whole character allows.
    if (i + 1 < lines.size()) {
      EXPECT_GE(lines[i].size(), 73u) << i;
    }
  }
  EXPECT_EQ(unfold(folded), text + "\r\n");
}

TEST(IcalTest, FourOctetCharactersStayWhole) {
  std::string text = "SUMMARY:a";
  for (int i = 0; i < 40; ++i) text += "𠀀";  // U+20000, 4 octets
  std::vector<std::string> lines = ical_lines(fold_ical_line(text));
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u);
    EXPECT_TRUE(whole_utf8(i == 0 ? lines[i] : lines[i].substr(1))) << i;
  }
}

TEST(IcalTest, TextEscapesBackslashSemicolonCommaAndNewlines) {
  EXPECT_EQ(escape_ical_text("a\\b;c,d"), "a\\\\b\\;c\\,d");
  EXPECT_EQ(escape_ical_text("一\n二\r\n三\r四"), "一\\n二\\n三\\n四");
  EXPECT_EQ(escape_ical_text("，；：、"), "，；：、");  // full-width marks are not special
  EXPECT_EQ(escape_ical_text("a:b\"c"), "a:b\"c");
  EXPECT_EQ(escape_ical_text(std::string("x\x01y", 3)), "x y");
  EXPECT_EQ(escape_ical_text(std::string("x\x7fy", 3)), "x y");  // DEL too
}

TEST(IcalTest, TimesAreDistrictLocalAndUtc) {
  // 2026-12-08 08:00 +08:00 = 2026-12-08 00:00 UTC.
  const int64_t t = 1'796'688'000;
  EXPECT_EQ(ical_local_time(t), "20261208T080000");
  EXPECT_EQ(ical_utc_time(t), "20261208T000000Z");
  // 23:30 UTC is the next district day.
  EXPECT_EQ(ical_local_time(t - 1800), "20261208T073000");
  EXPECT_EQ(ical_local_time(t + 16 * 3600 + 90), "20261209T000130");
}

IcalEvent sample_event() {
  IcalEvent e;
  e.occurrence_id = 42;
  e.starts_at = 1'796'688'000;  // 08:00 district time
  e.ends_at = e.starts_at + 3600;
  e.stamp = 1'796'000'000;
  e.sequence = 3;
  e.summary = "太极拳晨练, 周二班; 零基础";
  e.location = "凤山公园（离石区凤山街道凤山路169号）";
  e.url = "http://localhost:8080/#/activities/7";
  e.description = "请穿平底鞋\n自带水杯";
  return e;
}

TEST(IcalTest, CalendarHasTheFieldsTheFeedsPromise) {
  IcalEvent cancelled = sample_event();
  cancelled.occurrence_id = 43;
  cancelled.cancelled = true;
  const std::string text = render_ical("凤山公园 · 文体活动", {sample_event(), cancelled});
  std::vector<std::string> lines = ical_lines(unfold(text));
  auto has = [&](const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
  };
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(has("VERSION:2.0"));
  EXPECT_TRUE(has("BEGIN:VTIMEZONE"));
  EXPECT_TRUE(has("TZID:Asia/Shanghai"));
  EXPECT_TRUE(has("TZOFFSETFROM:+0800"));
  EXPECT_TRUE(has("TZOFFSETTO:+0800"));
  EXPECT_TRUE(has("X-WR-CALNAME:凤山公园 · 文体活动"));
  EXPECT_TRUE(has("UID:occurrence-42@warmcity"));
  EXPECT_TRUE(has("UID:occurrence-43@warmcity"));
  EXPECT_TRUE(has("DTSTAMP:20261130T005320Z"));
  EXPECT_TRUE(has("DTSTART;TZID=Asia/Shanghai:20261208T080000"));
  EXPECT_TRUE(has("DTEND;TZID=Asia/Shanghai:20261208T090000"));
  EXPECT_TRUE(has("SEQUENCE:3"));
  EXPECT_TRUE(has("STATUS:CONFIRMED"));
  EXPECT_TRUE(has("STATUS:CANCELLED"));
  EXPECT_TRUE(has("SUMMARY:太极拳晨练\\, 周二班\\; 零基础"));
  EXPECT_TRUE(has("LOCATION:凤山公园（离石区凤山街道凤山路169号）"));
  EXPECT_TRUE(has("URL:http://localhost:8080/#/activities/7"));
  EXPECT_TRUE(has("DESCRIPTION:请穿平底鞋\\n自带水杯\\n\\nhttp://localhost:8080/#/activities/7"));
  int begins = 0;
  for (const std::string& l : lines) begins += l == "BEGIN:VEVENT";
  EXPECT_EQ(begins, 2);
}

TEST(IcalTest, SameEventsGiveTheSameBytesAndAChangeShows) {
  const std::string a = render_ical("x", {sample_event()});
  EXPECT_EQ(a, render_ical("x", {sample_event()}));
  IcalEvent edited = sample_event();
  edited.sequence = 4;
  EXPECT_NE(a, render_ical("x", {edited}));
  for (const std::string& l : ical_lines(a)) EXPECT_LE(l.size(), 75u) << l;
}

}  // namespace
}  // namespace warmcity::activities
