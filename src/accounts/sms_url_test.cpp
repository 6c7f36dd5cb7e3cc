#include "accounts/sms_url.h"

#include <gtest/gtest.h>

namespace warmcity::accounts {
namespace {

TEST(SmsUrl, ParsesHostPortAndTarget) {
  auto u = parse_sms_url("http://127.0.0.1:9/send?to={phone}&text={text}");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 9);
  EXPECT_EQ(u->target, "/send?to={phone}&text={text}");
  auto v = parse_sms_url("http://sms.example/api/{phone}/{code}");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->port, 80);
  auto six = parse_sms_url("http://[::1]:8080/s?p={phone}&c={code}");
  ASSERT_TRUE(six.ok());
  EXPECT_EQ(six->host, "::1");
  EXPECT_EQ(six->port, 8080);
}

TEST(SmsUrl, RefusesWhatCannotWork) {
  for (const char* bad :
       {"https://sms.example/s?p={phone}&t={text}",  // no TLS here
        "http://sms.example",                        // no path
        "http://sms.example/s?t={text}",             // no phone
        "http://sms.example/s?p={phone}",            // nothing to send
        "http://{phone}.example/s?t={text}",         // placeholder in host
        "http://user@sms.example/s?p={phone}&t={text}", "http://sms.example:0/s?p={phone}&t={text}",
        "http://sms.example:70000/s?p={phone}&t={text}", "http://sms.example:/s?p={phone}&t={text}",
        "http://:80/s?p={phone}&t={text}", "http://sms.example/s?p={phone}&t={text} x", ""}) {
    auto u = parse_sms_url(bad);
    EXPECT_FALSE(u.ok()) << bad;
    if (!u.ok()) {
      EXPECT_EQ(u.status().code(), Code::kInvalidArgument) << bad;
    }
  }
}

TEST(SmsUrl, PercentEncodesEveryValue) {
  EXPECT_EQ(percent_encode("a-Z_0.~"), "a-Z_0.~");
  EXPECT_EQ(percent_encode("a b&c=d/e?"), "a%20b%26c%3Dd%2Fe%3F");
  EXPECT_EQ(percent_encode("暖"), "%E6%9A%96");
  auto u = parse_sms_url("http://127.0.0.1:9/send?to={phone}&text={text}&c={code}&x={other}");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(expand_sms_target(*u, "13812345678", "码 1&2", "004217"),
            "/send?to=13812345678&text=%E7%A0%81%201%262&c=004217&x={other}");
}

}  // namespace
}  // namespace warmcity::accounts
