#include "core/net_address.h"

#include <gtest/gtest.h>

namespace warmcity::core {
namespace {

TEST(NetAddressTest, Ipv4GroupsBySlash24) {
  EXPECT_EQ(network_of("203.0.113.7"), "203.0.113.0/24");
  EXPECT_EQ(network_of("203.0.113.250"), "203.0.113.0/24");
  EXPECT_NE(network_of("203.0.114.7"), network_of("203.0.113.7"));
}

TEST(NetAddressTest, Ipv6GroupsBySlash64AndMappedIpv4CountsAsIpv4) {
  EXPECT_EQ(network_of("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(network_of("2001:DB8:1:2::ffff"), "2001:db8:1:2::/64");
  EXPECT_NE(network_of("2001:db8:1:3::1"), network_of("2001:db8:1:2::1"));
  EXPECT_EQ(network_of("::ffff:203.0.113.7"), "203.0.113.0/24");
}

TEST(NetAddressTest, NotAnAddress) {
  EXPECT_EQ(network_of(""), std::nullopt);
  EXPECT_EQ(network_of("localhost"), std::nullopt);
  EXPECT_EQ(network_of("1.2.3.4/24"), std::nullopt);
  EXPECT_EQ(network_of(std::string(100, '1')), std::nullopt);
}

TEST(NetAddressTest, Loopback) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.3.2.1"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_TRUE(is_loopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(is_loopback("10.0.0.1"));
  EXPECT_FALSE(is_loopback("::2"));
  EXPECT_FALSE(is_loopback("x"));
}

}  // namespace
}  // namespace warmcity::core
