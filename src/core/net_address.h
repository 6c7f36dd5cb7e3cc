// Client addresses grouped the way one household, office or attacker holds
// them: an IPv4 /24 or an IPv6 /64 (what one subscriber line usually gets).
// Used by whatever counts per client network — connection caps, rate limits
// for anonymous writes, login throttling — so they all agree on the groups.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warmcity::core {

// "203.0.113.7" → "203.0.113.0/24"; "2001:db8:1:2:3:4:5:6" → "2001:db8:1:2::/64";
// an IPv4-mapped IPv6 address ("::ffff:203.0.113.7") counts as its IPv4
// address. nullopt when `address` is not an IP address.
std::optional<std::string> network_of(std::string_view address);

// Whether `address` is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x).
bool is_loopback(std::string_view address);

}  // namespace warmcity::core
