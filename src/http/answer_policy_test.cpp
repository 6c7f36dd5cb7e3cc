#include "http/answer_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace warmcity::http {
namespace {

std::string header(const Response& r, std::string_view name) {
  std::string found;
  int count = 0;
  for (const auto& [n, v] : r.headers) {
    if (n == name) {
      found = v;
      ++count;
    }
  }
  return count == 1 ? found : "(" + std::to_string(count) + " times)";
}

// What the listener sends: the route's headers, then the emitted ones.
Response sent(Response r) {
  std::vector<std::pair<std::string, std::string>> add;
  each_security_header(r,
                       [&add](std::string_view n, std::string_view v) { add.emplace_back(n, v); });
  for (auto& [n, v] : add) r.set_header(n, v);
  return r;
}

TEST(AnswerPolicyTest, EveryAnswerGetsTheSecurityHeaders) {
  Response r = sent(Response{});
  EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header(r, "X-Frame-Options"), "DENY");
  EXPECT_EQ(header(r, "Referrer-Policy"), "strict-origin-when-cross-origin");
  EXPECT_EQ(header(r, "Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
  EXPECT_EQ(header(r, "Cache-Control"), "no-store");
}

TEST(AnswerPolicyTest, ARoutesOwnPolicyAndCachingStay) {
  Response r;
  r.set_header("content-security-policy", "default-src 'self'");
  r.set_header("Cache-Control", "public, max-age=300");
  r = sent(std::move(r));
  EXPECT_EQ(header(r, "Content-Security-Policy"), "(0 times)");
  EXPECT_EQ(header(r, "content-security-policy"), "default-src 'self'");
  EXPECT_EQ(header(r, "Cache-Control"), "public, max-age=300");
}

// The listener's way: the same headers, emitted as constants, r unchanged.
TEST(AnswerPolicyTest, EmittedWithoutTouchingTheAnswer) {
  Response bare;
  std::vector<std::string> seen;
  auto record = [&seen](std::string_view name, std::string_view value) {
    seen.push_back(std::string(name) + ": " + std::string(value));
  };
  each_security_header(bare, record);
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "X-Content-Type-Options: nosniff", "X-Frame-Options: DENY",
                      "Referrer-Policy: strict-origin-when-cross-origin",
                      "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
                      "Cache-Control: no-store"}));
  EXPECT_TRUE(bare.headers.empty());
  Response own;
  own.set_header("CACHE-CONTROL", "public, max-age=300");
  seen.clear();
  each_security_header(own, record);
  EXPECT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen.back(), "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'");
}

TEST(AnswerPolicyTest, ClientAddressBehindTrustedProxies) {
  auto trusted = [](const std::string& a) { return a == "127.0.0.1" || a == "10.0.0.2"; };
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", trusted), "203.0.113.9");
  EXPECT_EQ(client_address("127.0.0.1", "", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1", trusted), "198.51.100.1");
  // The nearest untrusted hop, not the leftmost (which the client wrote itself).
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 198.51.100.1 , 10.0.0.2", trusted),
            "198.51.100.1");
  EXPECT_EQ(client_address("127.0.0.1", "2001:db8::1", trusted), "2001:db8::1");
  // A hop that is not an address ends the trust: the proxy's own address stays.
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, evil", trusted), "127.0.0.1");
}

}  // namespace
}  // namespace warmcity::http
