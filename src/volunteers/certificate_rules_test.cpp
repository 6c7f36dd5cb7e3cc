// The certificates' pure rules: the number, the content counted from the
// ledger, hours with one decimal, the period asked for, the stored content.
#include <gtest/gtest.h>
#include <sodium.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/damm.h"
#include "volunteers/certificate.h"
#include "volunteers/certificate_json.h"
#include "volunteers/certificate_number.h"

namespace warmcity::volunteers {
namespace {

TEST(CertificateNumber, IsZyTheYearEightDigitsAndADammDigit) {
  ASSERT_GE(sodium_init(), 0);
  std::set<std::string> seen;
  for (int i = 0; i < 500; ++i) {
    const std::string n = new_certificate_number(2026);
    ASSERT_EQ(n.size(), 15u) << n;
    EXPECT_EQ(n.substr(0, 6), "ZY2026");
    EXPECT_TRUE(core::damm_valid(n.substr(2))) << n;
    EXPECT_TRUE(is_certificate_number(n)) << n;
    seen.insert(n);
  }
  EXPECT_EQ(seen.size(), 500u);
  // 2026 + 12345678: the Damm digit of "202612345678".
  const std::string n = certificate_number(2026, "12345678");
  EXPECT_EQ(n, std::string("ZY202612345678") + core::damm_check_digit("202612345678"));
}

TEST(CertificateNumber, AnyWrongDigitSwapOrShapeIsNoNumber) {
  const std::string n = certificate_number(2026, "57392018");
  ASSERT_TRUE(is_certificate_number(n));
  for (size_t i = 2; i < n.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == n[i]) continue;
      std::string typo = n;
      typo[i] = d;
      EXPECT_FALSE(is_certificate_number(typo)) << typo;
    }
  }
  for (const char* bad : {"", "ZY", "zy2026573920184", "ZX2026573920184", "ZY20265739201",
                          "ZY2026573920184 ", "ZY202657392018a", "ZY20265739201845"})
    EXPECT_FALSE(is_certificate_number(bad)) << bad;
}

CountedRecord rec(std::optional<int64_t> org, std::string name, std::string content,
                  int64_t minutes, bool correction = false) {
  return CountedRecord{org, std::move(name), std::move(content), minutes, correction};
}

TEST(CertificateContent, OneLinePerOrganiserWithCorrectionsInTheirLine) {
  std::vector<CountedRecord> rows = {
      rec(7, "凤山社区居委会", "清理小广告", 120),
      rec(9, "区文明办", "文明劝导", 60),
      rec(7, "凤山社区居委会", "清理小广告", 90),
      rec(7, "凤山社区居委会", "清理小广告", -30, true),  // a correction: no record of its own
      rec(std::nullopt, "蒲公英读书会", "读书陪伴", 45),
      rec(7, "凤山社区（新名）", "助老代购", 30),
  };
  std::vector<CertificateLine> lines = certificate_content(rows);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].organiser_id, 7);
  EXPECT_EQ(lines[0].organiser_name, "凤山社区（新名）");  // the latest name
  EXPECT_EQ(lines[0].records, 3);
  EXPECT_EQ(lines[0].minutes, 210);
  EXPECT_EQ(lines[0].services, (std::vector<std::string>{"清理小广告", "助老代购"}));
  EXPECT_EQ(lines[1].organiser_id, 9);
  EXPECT_EQ(lines[1].minutes, 60);
  EXPECT_EQ(lines[2].organiser_id, std::nullopt);
  EXPECT_EQ(lines[2].organiser_name, "蒲公英读书会");
  EXPECT_EQ(content_minutes(lines), 315);
}

TEST(CertificateContent, AtMostTenServicesAndNoLineWithNothingLeft) {
  std::vector<CountedRecord> rows;
  for (int i = 0; i < 12; ++i) rows.push_back(rec(3, "团委", "服务" + std::to_string(i), 10));
  rows.push_back(rec(4, "文明办", "劝导", 60));
  rows.push_back(rec(4, "文明办", "劝导", -60, true));  // corrected to nothing
  std::vector<CertificateLine> lines = certificate_content(rows);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].records, 12);
  EXPECT_EQ(lines[0].minutes, 120);
  EXPECT_EQ(lines[0].services.size(), 10u);
  EXPECT_EQ(lines[0].services.front(), "服务0");
  EXPECT_TRUE(certificate_content({}).empty());
}

TEST(CertificateHours, OneDecimalRoundedHalfUp) {
  EXPECT_EQ(hours_of(0), 0.0);
  EXPECT_EQ(hours_of(60), 1.0);
  EXPECT_EQ(hours_of(90), 1.5);
  EXPECT_EQ(hours_of(100), 1.7);  // 1.666…
  EXPECT_EQ(hours_of(3), 0.1);    // 0.05 rounds up
  EXPECT_EQ(hours_of(2), 0.0);
  EXPECT_EQ(hours_of(12345), 205.8);
}

TEST(CertificatePeriod, FromNotAfterToNotInTheFutureAtMostTenYears) {
  const core::LocalDate today{2026, 5, 29};
  EXPECT_TRUE(check_certificate_period("2026-01-01", "2026-05-29", today).ok());
  EXPECT_TRUE(check_certificate_period("2026-05-29", "2026-05-29", today).ok());
  EXPECT_TRUE(check_certificate_period("2016-05-29", "2026-05-29", today).ok());
  auto field = [&](const char* from, const char* to) {
    Result<CertificatePeriod> p = check_certificate_period(from, to, today);
    EXPECT_EQ(p.status().code(), Code::kUnprocessable) << from << ".." << to;
    return p.ok() ? std::string() : p.status().field_errors().at(0).field;
  };
  EXPECT_EQ(field("2016-05-28", "2026-05-29"), "from");  // a day over ten years
  EXPECT_EQ(field("2026-05-02", "2026-05-01"), "to");
  EXPECT_EQ(field("2026-05-01", "2026-05-30"), "to");  // tomorrow
  EXPECT_EQ(field("2026-5-1", "2026-05-01"), "from");
  EXPECT_EQ(field("2026-05-01", "2026-02-30"), "to");
  // Ten years back from a 29 February is the 28th.
  EXPECT_TRUE(check_certificate_period("2014-02-28", "2024-02-29", today).ok());
  EXPECT_EQ(field("2014-02-27", "2024-02-29"), "from");
}

TEST(CertificateContentText, RoundTripsAndRefusesAnotherShape) {
  std::vector<CertificateLine> lines = {{7, "凤山社区居委会", 3, 210, {"清理小广告", "助老代购"}},
                                        {std::nullopt, "读书会", 1, 45, {"读书陪伴"}}};
  Result<std::vector<CertificateLine>> back = content_from_text(content_text(lines));
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].organiser_id, 7);
  EXPECT_EQ((*back)[0].services, lines[0].services);
  EXPECT_EQ((*back)[1].organiser_id, std::nullopt);
  EXPECT_EQ((*back)[1].minutes, 45);
  EXPECT_FALSE(content_from_text("{}").ok());
  EXPECT_FALSE(content_from_text("[{\"organiser\": 3}]").ok());
  EXPECT_FALSE(content_from_text("not json").ok());
}

}  // namespace
}  // namespace warmcity::volunteers
