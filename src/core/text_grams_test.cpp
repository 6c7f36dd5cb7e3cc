#include "core/text_grams.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace warmcity::core {
namespace {

using V = std::vector<std::string>;

TEST(TextGrams, EveryCharacterAndNeighbouringPairInsideARun) {
  V g = text_grams("保洁员");
  EXPECT_EQ(g.size(), 5u);
  for (const char* want : {"保", "保洁", "洁", "洁员", "员"}) {
    EXPECT_NE(std::find(g.begin(), g.end(), want), g.end()) << want;
  }
  EXPECT_EQ(text_grams("保洁保洁"), (V{"保", "保洁", "洁", "洁保"}));  // each gram once, sorted
}

TEST(TextGrams, PunctuationAndBlanksEndARun) {
  V g = text_grams("厨师，司机　保安");
  EXPECT_NE(std::find(g.begin(), g.end(), "厨师"), g.end());
  EXPECT_NE(std::find(g.begin(), g.end(), "司机"), g.end());
  EXPECT_EQ(std::find(g.begin(), g.end(), "师司"), g.end());  // across the comma
  EXPECT_EQ(std::find(g.begin(), g.end(), "机保"), g.end());  // across the ideographic space
}

TEST(TextGrams, FoldsAsciiCaseAndFullWidthForms) {
  EXPECT_EQ(fold_for_search("ＡutoＣＡＤ"), "autocad");
  V g = text_grams("AutoCAD");
  EXPECT_NE(std::find(g.begin(), g.end(), "ca"), g.end());
  EXPECT_EQ(query_grams("ＣＡＤ"), (V{"ad", "ca"}));
}

TEST(QueryGrams, OneCharacterTermIsItsCharacterLongerTermsTheirPairs) {
  EXPECT_EQ(query_grams("厨"), (V{"厨"}));
  EXPECT_EQ(query_grams("保洁"), (V{"保洁"}));
  EXPECT_EQ(query_grams("保洁员"), (V{"保洁", "洁员"}));
  EXPECT_EQ(query_grams("司机 厨"), (V{"厨", "司机"}));
  EXPECT_TRUE(query_grams("  ，。 ").empty());
}

TEST(QueryGrams, EveryQueryGramIsAGramOfATextContainingIt) {
  const std::string text = "招聘保洁员2名，负责小区公共区域清洁；厨房帮工";
  V all = text_grams(text);
  for (const char* q : {"厨", "保洁", "保洁员", "清洁", "2名", "公共区域"}) {
    for (const auto& g : query_grams(q)) {
      EXPECT_NE(std::find(all.begin(), all.end(), g), all.end()) << q << " " << g;
    }
    EXPECT_TRUE(text_contains(fold_for_search(text), query_terms(q))) << q;
  }
}

TEST(TextContains, NeedsEveryTermAdjacentNotOnlyItsGrams) {
  // "保洁" and "洁员" both occur, "保洁员" does not: the grams match, the text not.
  const std::string text = fold_for_search("保洁、洁员");
  V g = text_grams(text);
  for (const auto& q : query_grams("保洁员")) EXPECT_NE(std::find(g.begin(), g.end(), q), g.end());
  EXPECT_FALSE(text_contains(text, query_terms("保洁员")));
  EXPECT_TRUE(text_contains(text, query_terms("保洁 洁员")));
}

TEST(TextGrams, InvalidUtf8EndsARunAndNeverCrashes) {
  V g = text_grams(std::string("司\xff机"));
  EXPECT_EQ(std::find(g.begin(), g.end(), "司机"), g.end());
  EXPECT_NE(std::find(g.begin(), g.end(), "司"), g.end());
  EXPECT_TRUE(text_grams(std::string("\xe5\x8f", 2)).empty());
  EXPECT_TRUE(text_grams("").empty());
}

}  // namespace
}  // namespace warmcity::core
