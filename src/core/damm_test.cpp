#include "core/damm.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace warmcity::core {
namespace {

TEST(Damm, ThePublishedExample) {
  EXPECT_EQ(damm_check_digit("572"), '4');
  EXPECT_TRUE(damm_valid("5724"));
  EXPECT_FALSE(damm_valid("5723"));
}

TEST(Damm, EmptyAndNonDigitsAreNotValid) {
  EXPECT_EQ(damm_check_digit(""), '0');
  EXPECT_FALSE(damm_valid(""));
  EXPECT_FALSE(damm_valid("57a4"));
  EXPECT_FALSE(damm_valid("5 724"));
}

TEST(Damm, CatchesEverySingleWrongDigitAndEveryNeighbourSwap) {
  const std::string base = "2026123456789";
  const std::string n = base + damm_check_digit(base);
  ASSERT_TRUE(damm_valid(n));
  for (size_t i = 0; i < n.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == n[i]) continue;
      std::string wrong = n;
      wrong[i] = d;
      EXPECT_FALSE(damm_valid(wrong)) << wrong;
    }
    if (i + 1 < n.size() && n[i] != n[i + 1]) {
      std::string swapped = n;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_FALSE(damm_valid(swapped)) << swapped;
    }
  }
}

}  // namespace
}  // namespace warmcity::core
