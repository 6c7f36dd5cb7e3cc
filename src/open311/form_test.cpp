#include "open311/form.h"

#include <gtest/gtest.h>

namespace warmcity::open311 {
namespace {

TEST(Form, ReadsFieldsAndAttributes) {
  auto f = parse_form(
      "api_key=k&service_code=fire&description=%E6%B6%88%E9%98%B2+lane&attribute[floor]=3&"
      "attribute%5Bkinds%5D%5B%5D=car&attribute[kinds][]=bike&&empty=");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->get("api_key"), "k");
  EXPECT_EQ(f->get("description"), "消防 lane");
  EXPECT_EQ(f->get("empty"), "");
  EXPECT_EQ(f->get("absent"), "");
  EXPECT_EQ(f->attributes.at("floor"), std::vector<std::string>{"3"});
  EXPECT_EQ(f->attributes.at("kinds"), (std::vector<std::string>{"car", "bike"}));
}

TEST(Form, RefusesRepeatsAndBadNames) {
  EXPECT_FALSE(parse_form("a=1&a=2").ok());
  EXPECT_FALSE(parse_form("attribute[x]=1&attribute[x]=2").ok());
  EXPECT_FALSE(parse_form("attribute[x]=1&attribute[x][]=2").ok());
  EXPECT_FALSE(parse_form("attribute[x][]=1&attribute[x]=2").ok());
  EXPECT_FALSE(parse_form("attribute[]=1").ok());
  EXPECT_FALSE(parse_form("attribute[a][b]=1").ok());
  EXPECT_FALSE(parse_form("attribute=1").ok());
  EXPECT_FALSE(parse_form("a=%ZZ").ok());
}

TEST(Form, ContentType) {
  EXPECT_TRUE(is_form_content_type("application/x-www-form-urlencoded"));
  EXPECT_TRUE(is_form_content_type("Application/X-WWW-Form-Urlencoded; charset=utf-8"));
  EXPECT_FALSE(is_form_content_type("application/json"));
  EXPECT_FALSE(is_form_content_type(""));
}

}  // namespace
}  // namespace warmcity::open311
