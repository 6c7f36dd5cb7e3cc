#include "http/json_input.h"

#include <gtest/gtest.h>

namespace warmcity::http {
namespace {

TEST(ParseJsonObject, RejectsNonObjects) {
  EXPECT_EQ(parse_json_object("").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(parse_json_object("{bad").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(parse_json_object("[1,2]").status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(parse_json_object(R"({"a":1})").ok());
}

TEST(FieldReader, CollectsEveryError) {
  auto doc = parse_json_object(R"({"name": 5, "age": "x", "extra": true, "n": 1.5})");
  ASSERT_TRUE(doc.ok());
  FieldReader in(*doc);
  EXPECT_FALSE(in.required_string("name", 1, 10));
  EXPECT_FALSE(in.optional_int("age", 0, 150));
  EXPECT_FALSE(in.required_string("missing", 1, 10));
  EXPECT_EQ(in.optional_number("n", 0, 2), 1.5);
  in.reject_unknown();
  ASSERT_FALSE(in.ok());
  Status s = in.status();
  EXPECT_EQ(s.code(), Code::kUnprocessable);
  ASSERT_EQ(s.field_errors().size(), 4u);
  EXPECT_EQ(s.field_errors()[0].field, "name");
  EXPECT_EQ(s.field_errors()[2].field, "missing");
  EXPECT_EQ(s.field_errors()[3].field, "extra");
}

TEST(FieldReader, StringLengthCountsCharactersNotBytes) {
  auto doc = parse_json_object(R"({"name": "生态园社区"})");
  FieldReader in(*doc);
  EXPECT_EQ(in.required_string("name", 1, 5), "生态园社区");
  FieldReader strict(*doc);
  EXPECT_FALSE(strict.required_string("name", 1, 4));
}

TEST(FieldReader, RangesAndTypes) {
  auto doc = parse_json_object(R"({"i": 7, "f": 2.5, "b": "yes", "big": 99999999999999999999})");
  FieldReader in(*doc);
  EXPECT_FALSE(in.optional_int("i", 0, 5));
  EXPECT_FALSE(in.optional_int("f", 0, 5));
  EXPECT_FALSE(in.optional_bool("b"));
  EXPECT_FALSE(in.optional_int("big", 0, 5));
  EXPECT_EQ(in.status().field_errors().size(), 4u);
}

}  // namespace
}  // namespace warmcity::http
