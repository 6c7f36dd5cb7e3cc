// The counts answer written by hand (counts_json.h) is the JSON the route
// gave when it built ordered_json objects: the same keys in the same order,
// a group's cells summed into its count and listed in by_state, null for an
// appeal without an area and for a category that is gone.
#include "appeals/counts_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace warmcity::appeals {
namespace {

const CountsHeader kJune{
    .month = "2026-06", .from = "2026-06-01T00:00:00+08:00", .until = "2026-07-01T00:00:00+08:00"};
const std::string kHead = R"({"month":"2026-06","by":"%s","from":"2026-06-01T00:00:00+08:00",)"
                          R"("until":"2026-07-01T00:00:00+08:00",)";

std::string head(const std::string& by) {
  std::string out = kHead;
  out.replace(out.find("%s"), 2, by);
  return out;
}

const CategoryOf kNoCategory = [](int64_t) -> const Category* { return nullptr; };

TEST(CountsJson, ByState) {
  std::vector<CountCell> cells = {{.state = State::kSubmitted, .count = 3},
                                  {.state = State::kClosed, .count = 4}};
  EXPECT_EQ(
      counts_json(kJune, CountBy::kState, cells, kNoCategory),
      head("state") +
          R"("total":7,"items":[{"state":"submitted","count":3},{"state":"closed","count":4}]})");
}

TEST(CountsJson, ByAreaGroupsCellsAndPutsNoAreaLast) {
  std::vector<CountCell> cells = {{.id = 7, .state = State::kSubmitted, .count = 2},
                                  {.id = 7, .state = State::kClosed, .count = 5},
                                  {.id = 9, .state = State::kInProgress, .count = 1},
                                  {.state = State::kClosed, .count = 1}};
  EXPECT_EQ(counts_json(kJune, CountBy::kGrid, cells, kNoCategory),
            head("grid") + R"("total":9,"items":[)"
                           R"({"area_id":7,"count":7,"by_state":{"submitted":2,"closed":5}},)"
                           R"({"area_id":9,"count":1,"by_state":{"in_progress":1}},)"
                           R"({"area_id":null,"count":1,"by_state":{"closed":1}}]})");
}

TEST(CountsJson, ByChannelAndByCategoryNameTheGroup) {
  std::vector<CountCell> channels = {{.key = "phone", .state = State::kClosed, .count = 2},
                                     {.key = "web", .state = State::kClosed, .count = 1}};
  EXPECT_EQ(counts_json(kJune, CountBy::kChannel, channels, kNoCategory),
            head("channel") + R"("total":3,"items":[)"
                              R"({"channel":"phone","count":2,"by_state":{"closed":2}},)"
                              R"({"channel":"web","count":1,"by_state":{"closed":1}}]})");

  Category roads;
  roads.id = 1;
  roads.code = "roads";
  roads.name_zh = "道路\"坑\"";
  roads.name_en = "Roads";
  const CategoryOf category = [&](int64_t id) -> const Category* {
    return id == 1 ? &roads : nullptr;
  };
  std::vector<CountCell> cells = {{.id = 1, .state = State::kReplied, .count = 2},
                                  {.id = 5, .state = State::kClosed, .count = 1}};
  const std::string text = counts_json(kJune, CountBy::kCategory, cells, category);
  EXPECT_EQ(text, head("category") +
                      R"("total":3,"items":[)"
                      R"({"category_id":1,"category":"roads","name_zh":"道路\"坑\"",)"
                      R"("name_en":"Roads","count":2,"by_state":{"replied":2}},)"
                      R"({"category_id":5,"category":null,"name_zh":null,"name_en":null,)"
                      R"("count":1,"by_state":{"closed":1}}]})");
  // And it is JSON that reads back to the same document.
  const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text);
  EXPECT_EQ(doc.dump(), text);
}

TEST(CountsJson, NoCells) {
  EXPECT_EQ(counts_json(kJune, CountBy::kCommunity, {}, kNoCategory),
            head("community") + R"("total":0,"items":[]})");
}

}  // namespace
}  // namespace warmcity::appeals
