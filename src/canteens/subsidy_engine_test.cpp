// The subsidy engine (subsidy_engine.h) and the rules' checks
// (subsidy_rule.h): birthdays, 29 February, statuses on the day, a rule
// change on its effective date, caps per day and month, precedence, a price
// below the subsidy, someone who is not an elder; overlapping age bands.
#include "canteens/subsidy_engine.h"

#include <gtest/gtest.h>

namespace warmcity::canteens {
namespace {

core::LocalDate day(int y, int m, int d) { return {y, m, d}; }

SubsidyTier tier(std::string name, std::optional<int> lo, std::optional<int> hi, int64_t fen,
                 std::vector<std::string> statuses = {},
                 std::vector<Meal> meals = {Meal::kLunch, Meal::kDinner}) {
  SubsidyTier t;
  t.name = std::move(name);
  t.age_min = lo;
  t.age_max = hi;
  t.amount_fen = fen;
  t.statuses = std::move(statuses);
  t.meals = std::move(meals);
  return t;
}

// The demo's table: 60–69 ¥2, 70–79 ¥3, 80+ ¥5, 特困/低保 ¥7.
SubsidyRules table(core::LocalDate from = day(2026, 12, 1)) {
  SubsidyRules r;
  r.id = 3;
  r.effective_from = from;
  r.tiers = {tier("60-69岁", 60, 69, 200), tier("70-79岁", 70, 79, 300),
             tier("80岁以上", 80, std::nullopt, 500),
             tier("特困/低保", std::nullopt, std::nullopt, 700,
                  {"extreme_poverty", "subsistence_allowance"})};
  return r;
}

MealToPrice lunch(core::LocalDate d, int64_t price = 1500) {
  return MealToPrice{d, Meal::kLunch, price, 0, 0};
}

ElderOnDay born(core::LocalDate b, std::vector<std::string> statuses = {}) {
  return ElderOnDay{b, std::move(statuses)};
}

TEST(SubsidyEngine, AgeInWholeYearsOnTheDay) {
  EXPECT_EQ(age_on(day(1951, 12, 16), day(2026, 12, 15)), 74);
  EXPECT_EQ(age_on(day(1951, 12, 16), day(2026, 12, 16)), 75);
  EXPECT_EQ(age_on(day(1951, 12, 16), day(2026, 12, 31)), 75);
}

TEST(SubsidyEngine, ASeventyFifthBirthdayMidMonthMovesHerThatDay) {
  SubsidyRules r = table();
  r.tiers = {tier("60-74岁", 60, 74, 200), tier("75岁以上", 75, std::nullopt, 400)};
  const ElderOnDay her = born(day(1951, 12, 16));
  const Quote before = quote(&r, her, lunch(day(2026, 12, 15)));
  EXPECT_EQ(before.tier, "60-74岁");
  EXPECT_EQ(before.subsidy_fen, 200);
  EXPECT_EQ(before.age, 74);
  const Quote on = quote(&r, her, lunch(day(2026, 12, 16)));
  EXPECT_EQ(on.tier, "75岁以上");
  EXPECT_EQ(on.subsidy_fen, 400);
  EXPECT_EQ(on.pays_fen, 1100);
  EXPECT_EQ(on.reason, "75岁以上 每餐补贴¥4（2026-12-01起）");
}

// Born on 29 February: in a common year her birthday counts on 1 March.
TEST(SubsidyEngine, BornOnTheTwentyNinthOfFebruary) {
  const core::LocalDate leapling = day(1948, 2, 29);
  EXPECT_EQ(age_on(leapling, day(2027, 2, 28)), 78);  // 2027 is a common year
  EXPECT_EQ(age_on(leapling, day(2027, 3, 1)), 79);
  EXPECT_EQ(age_on(leapling, day(2028, 2, 28)), 79);  // 2028 is a leap year
  EXPECT_EQ(age_on(leapling, day(2028, 2, 29)), 80);
  const SubsidyRules r = table(day(2027, 1, 1));
  const ElderOnDay her = born(leapling);
  EXPECT_EQ(quote(&r, her, lunch(day(2028, 2, 28))).tier, "70-79岁");
  EXPECT_EQ(quote(&r, her, lunch(day(2028, 2, 29))).tier, "80岁以上");
  // Born 29 Feb 1948, 70 in the common year 2018: on 1 March, not 28 February.
  const SubsidyRules early = table(day(2018, 1, 1));
  EXPECT_EQ(quote(&early, her, lunch(day(2018, 2, 28))).tier, "60-69岁");
  EXPECT_EQ(quote(&early, her, lunch(day(2018, 3, 1))).tier, "70-79岁");
}

TEST(SubsidyEngine, StatusesOnTheDayPriceMealsDifferently) {
  const SubsidyRules r = table();
  const core::LocalDate b = day(1950, 1, 1);  // 76
  // Before 特困 was recorded (the caller passes her categories on each day).
  const Quote before = quote(&r, born(b, {"living_alone"}), lunch(day(2026, 12, 10)));
  EXPECT_EQ(before.tier, "70-79岁");
  EXPECT_EQ(before.subsidy_fen, 300);
  const Quote after =
      quote(&r, born(b, {"living_alone", "extreme_poverty"}), lunch(day(2026, 12, 20)));
  EXPECT_EQ(after.tier, "特困/低保");
  EXPECT_EQ(after.subsidy_fen, 700);
}

TEST(SubsidyEngine, ARuleChangeTakesEffectOnItsDay) {
  SubsidyRules old_rules = table(day(2026, 12, 1));
  old_rules.id = 1;
  SubsidyRules new_rules = table(day(2027, 1, 1));
  new_rules.id = 2;
  new_rules.tiers[1].amount_fen = 350;  // 70-79 from ¥3 to ¥3.50
  const std::vector<SubsidyRules> versions = {new_rules, old_rules};
  EXPECT_EQ(in_force(versions, day(2026, 11, 30)), nullptr);
  EXPECT_EQ(in_force(versions, day(2026, 12, 31))->id, 1);
  EXPECT_EQ(in_force(versions, day(2027, 1, 1))->id, 2);
  const ElderOnDay her = born(day(1950, 6, 1));
  const Quote dec31 = quote(in_force(versions, day(2026, 12, 31)), her, lunch(day(2026, 12, 31)));
  const Quote jan1 = quote(in_force(versions, day(2027, 1, 1)), her, lunch(day(2027, 1, 1)));
  EXPECT_EQ(dec31.subsidy_fen, 300);
  EXPECT_EQ(dec31.version_id, 1);
  EXPECT_EQ(jan1.subsidy_fen, 350);
  EXPECT_EQ(jan1.version_id, 2);
  EXPECT_EQ(jan1.reason, "70-79岁 每餐补贴¥3.50（2027-01-01起）");
  // No version in force: no subsidy, and the text says so.
  const Quote none = quote(nullptr, her, lunch(day(2026, 11, 30)));
  EXPECT_EQ(none.subsidy_fen, 0);
  EXPECT_EQ(none.reason, "2026-11-30无补贴规则，按原价");
}

TEST(SubsidyEngine, CapsPerDayAndPerMonth) {
  SubsidyRules r = table();
  r.cap_per_day_fen = 700;
  r.cap_per_month_fen = 20000;
  const ElderOnDay her = born(day(1940, 1, 1));  // 80+: ¥5 a meal
  MealToPrice dinner{day(2026, 12, 5), Meal::kDinner, 1500, 500, 500};
  Quote q = quote(&r, her, dinner);
  EXPECT_EQ(q.subsidy_fen, 200);
  EXPECT_EQ(q.pays_fen, 1300);
  EXPECT_EQ(q.limited_by, "cap_per_day");
  EXPECT_EQ(q.reason, "80岁以上 每餐补贴¥5（2026-12-01起）；每日上限¥7，当日已补¥5，本餐补贴¥2");
  dinner.subsidised_today_fen = 700;
  EXPECT_EQ(quote(&r, her, dinner).subsidy_fen, 0);
  dinner.subsidised_today_fen = 900;  // more than the cap already: never negative
  EXPECT_EQ(quote(&r, her, dinner).subsidy_fen, 0);
  dinner.subsidised_today_fen = 0;
  dinner.subsidised_month_fen = 19900;
  q = quote(&r, her, dinner);
  EXPECT_EQ(q.subsidy_fen, 100);
  EXPECT_EQ(q.limited_by, "cap_per_month");
}

TEST(SubsidyEngine, PrecedenceHighestOrFirst) {
  SubsidyRules r = table();
  const ElderOnDay her = born(day(1940, 1, 1), {"subsistence_allowance"});  // 80+ and 低保
  r.precedence = Precedence::kHighest;
  EXPECT_EQ(quote(&r, her, lunch(day(2026, 12, 5))).tier, "特困/低保");
  r.precedence = Precedence::kFirst;
  EXPECT_EQ(quote(&r, her, lunch(day(2026, 12, 5))).tier, "80岁以上");
  // Equal amounts under "highest": the first in list order.
  r.precedence = Precedence::kHighest;
  r.tiers[3].amount_fen = 500;
  EXPECT_EQ(quote(&r, her, lunch(day(2026, 12, 5))).tier, "80岁以上");
}

TEST(SubsidyEngine, APriceBelowTheSubsidyIsAllSubsidised) {
  const SubsidyRules r = table();
  const Quote q = quote(&r, born(day(1940, 1, 1)), lunch(day(2026, 12, 5), 300));
  EXPECT_EQ(q.subsidy_fen, 300);
  EXPECT_EQ(q.pays_fen, 0);
  EXPECT_EQ(q.limited_by, "price");
  EXPECT_EQ(quote(&r, born(day(1940, 1, 1)), lunch(day(2026, 12, 5), 0)).subsidy_fen, 0);
}

TEST(SubsidyEngine, NotAnElderOrNoTierPaysInFull) {
  const SubsidyRules r = table();
  const Quote stranger = quote(&r, std::nullopt, lunch(day(2026, 12, 5)));
  EXPECT_EQ(stranger.subsidy_fen, 0);
  EXPECT_EQ(stranger.pays_fen, 1500);
  EXPECT_EQ(stranger.reason, "非服务对象，按原价");
  EXPECT_FALSE(stranger.age.has_value());
  const Quote young = quote(&r, born(day(1970, 1, 1)), lunch(day(2026, 12, 5)));
  EXPECT_EQ(young.subsidy_fen, 0);
  EXPECT_FALSE(young.tier.has_value());
  EXPECT_EQ(young.reason, "不符合补贴条件（2026-12-01起），按原价");
  // Breakfast counts in no tier of the table.
  MealToPrice breakfast = lunch(day(2026, 12, 5));
  breakfast.meal = Meal::kBreakfast;
  EXPECT_EQ(quote(&r, born(day(1940, 1, 1)), breakfast).subsidy_fen, 0);
}

TEST(SubsidyRulesCheck, OverlappingBandsNameBothTiers) {
  SubsidyRules r = table();
  EXPECT_TRUE(check_rules(r).empty());
  r.tiers[1].age_min = 69;  // 60-69 and 69-79 share 69
  std::vector<FieldError> errors = check_rules(r);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "tiers[1].age_min");
  EXPECT_NE(errors[0].message.find("60-69岁"), std::string::npos);
  EXPECT_NE(errors[0].message.find("70-79岁"), std::string::npos);
  // A band open above overlaps every band above its start.
  r = table();
  r.tiers[2].age_min = 75;
  EXPECT_EQ(check_rules(r).size(), 1u);
  // A status tier's band may overlap: statuses decide it.
  r = table();
  r.tiers[3].age_min = 60;
  EXPECT_TRUE(check_rules(r).empty());
}

TEST(SubsidyRulesCheck, UnknownStatusNoBandNoMealsRepeatedName) {
  SubsidyRules r = table();
  r.tiers[3].statuses = {"extreme_poverty", "rich"};
  r.tiers[0].meals = {};
  r.tiers[1].name = "60-69岁";
  r.tiers[2].age_min.reset();
  r.tiers[2].age_max = 90;
  std::vector<std::string> fields;
  for (const FieldError& e : check_rules(r)) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"tiers[0].meals", "tiers[1].name", "tiers[2].age_min",
                                              "tiers[2].age_min", "tiers[3].statuses[1]"}));
  r.tiers.clear();
  EXPECT_EQ(check_rules(r).at(0).field, "tiers");
}

TEST(SubsidyRulesCheck, Yuan) {
  EXPECT_EQ(yuan(500), "¥5");
  EXPECT_EQ(yuan(350), "¥3.50");
  EXPECT_EQ(yuan(5), "¥0.05");
  EXPECT_EQ(yuan(0), "¥0");
}

}  // namespace
}  // namespace warmcity::canteens
