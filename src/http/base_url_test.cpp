#include "http/base_url.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace warmcity::http {
namespace {

Request with_headers(std::vector<std::pair<std::string, std::string>> headers) {
  Request r;
  r.headers = std::move(headers);
  return r;
}

TEST(BaseUrl, IsTheHostTheClientReached) {
  EXPECT_EQ(base_url(with_headers({{"host", "warmcity.example:8080"}})),
            "http://warmcity.example:8080");
  EXPECT_EQ(base_url(with_headers({{"host", "[::1]:8080"}})), "http://[::1]:8080");
  EXPECT_EQ(base_url(with_headers({{"host", "lishi.gov.cn"}, {"x-forwarded-proto", "https"}})),
            "https://lishi.gov.cn");
  EXPECT_EQ(base_url(with_headers({{"host", "lishi.gov.cn"}, {"x-forwarded-proto", "http"}})),
            "http://lishi.gov.cn");
}

TEST(BaseUrl, AHostThatIsNotPlainIsNeverEchoed) {
  EXPECT_EQ(base_url(with_headers({})), "http://localhost");
  EXPECT_EQ(base_url(with_headers({{"host", "evil.example/#/x"}})), "http://localhost");
  EXPECT_EQ(base_url(with_headers({{"host", "a b"}})), "http://localhost");
  EXPECT_EQ(base_url(with_headers({{"host", "\"><script>"}})), "http://localhost");
  EXPECT_EQ(base_url(with_headers({{"host", std::string(256, 'a')}})), "http://localhost");
  EXPECT_EQ(base_url(with_headers({{"host", std::string(255, 'a')}})),
            "http://" + std::string(255, 'a'));
}

}  // namespace
}  // namespace warmcity::http
