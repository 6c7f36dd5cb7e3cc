#include "http/message.h"

#include <gtest/gtest.h>

namespace warmcity::http {
namespace {

TEST(PercentDecode, DecodesEscapesAndPlus) {
  EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("%E6%9A%96%E5%9F%8E", true), "暖城");
}

TEST(PercentDecode, RejectsMalformedAndNul) {
  EXPECT_FALSE(percent_decode("%", true));
  EXPECT_FALSE(percent_decode("%4", true));
  EXPECT_FALSE(percent_decode("%zz", true));
  EXPECT_FALSE(percent_decode("a%00b", true));
  EXPECT_FALSE(percent_decode(std::string_view("a\0b", 3), true));  // found by fuzz/open311_form
}

TEST(Request, QueryParams) {
  Request r;
  r.query = "kind=toilet&open_now&name=%E5%8E%95%E6%89%80&kind=parking";
  EXPECT_EQ(r.query_param("kind"), "toilet");  // the first one wins
  EXPECT_EQ(r.query_param("open_now"), "");
  EXPECT_EQ(r.query_param("name"), "厕所");
  EXPECT_EQ(r.query_param("absent"), std::nullopt);
  EXPECT_EQ(r.query_params("kind"), (std::vector<std::string>{"toilet", "parking"}));
  EXPECT_EQ(r.query_params("open_now"), std::vector<std::string>{""});
  EXPECT_TRUE(r.query_params("absent").empty());
  // Escaped keys are decoded before they are compared; plain ones are not.
  r.query = "open%5Fnow=true&radius+m=5&lat=1";
  EXPECT_EQ(r.query_param("open_now"), "true");
  EXPECT_EQ(r.query_param("radius m"), "5");
  EXPECT_EQ(r.query_param("open%5Fnow"), std::nullopt);
  EXPECT_EQ(r.query_param("lat"), "1");
}

TEST(Request, HeaderLookupIsByLowerCaseName) {
  Request r;
  r.headers = {{"content-type", "application/json"}};
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("accept"), "");
}

TEST(Names, MethodsAndRolesRoundTrip) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                   Method::kDelete, Method::kOptions}) {
    EXPECT_EQ(parse_method(method_name(m)), m);
  }
  EXPECT_EQ(parse_method("BREW"), Method::kOther);
  for (Role r : {Role::kResident, Role::kWorker, Role::kVolunteer, Role::kKeeper, Role::kDepartment,
                 Role::kAdmin}) {
    EXPECT_EQ(parse_role(role_name(r)), r);
  }
  EXPECT_EQ(parse_role("mayor"), std::nullopt);
}

}  // namespace
}  // namespace warmcity::http

namespace warmcity::http {
namespace {

TEST(Request, PathIdAcceptsOnlyPositiveIntegers) {
  Request r;
  r.path_params = {{"id", "42"}};
  EXPECT_EQ(r.path_id("id"), 42);
  for (const char* bad : {"0", "-1", "4x", "", "99999999999999999999"}) {
    r.path_params = {{"id", bad}};
    EXPECT_EQ(r.path_id("id"), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace warmcity::http
