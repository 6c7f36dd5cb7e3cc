#include "accounts/cookies.h"

#include <gtest/gtest.h>

namespace warmcity::accounts {
namespace {

TEST(Cookies, SessionCookieAttributes) {
  EXPECT_EQ(session_cookie("tok", 3600, false),
            "wc_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
  EXPECT_EQ(session_cookie("tok", 60, true),
            "wc_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure");
  EXPECT_EQ(cleared_session_cookie(false),
            "wc_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

TEST(Cookies, ReadsValue) {
  EXPECT_EQ(cookie_value("wc_session=abc", "wc_session"), "abc");
  EXPECT_EQ(cookie_value("a=1; wc_session=abc; b=2", "wc_session"), "abc");
  EXPECT_EQ(cookie_value("a=1;wc_session=\"abc\"", "wc_session"), "abc");
  EXPECT_EQ(cookie_value("xwc_session=abc", "wc_session"), std::nullopt);
  EXPECT_EQ(cookie_value("", "wc_session"), std::nullopt);
  EXPECT_EQ(cookie_value("wc_session", "wc_session"), std::nullopt);
  EXPECT_EQ(cookie_value("wc_session=first; wc_session=second", "wc_session"), "first");
}

}  // namespace
}  // namespace warmcity::accounts
