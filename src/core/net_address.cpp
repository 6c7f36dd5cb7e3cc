#include "core/net_address.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace warmcity::core {

namespace {

struct Parsed {
  bool v4 = false;
  std::array<uint8_t, 16> bytes{};  // v4: the first 4
};

std::optional<Parsed> parse(std::string_view address) {
  if (address.empty() || address.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char text[INET6_ADDRSTRLEN] = {};
  std::memcpy(text, address.data(), address.size());
  Parsed p;
  if (inet_pton(AF_INET, text, p.bytes.data()) == 1) {
    p.v4 = true;
    return p;
  }
  if (inet_pton(AF_INET6, text, p.bytes.data()) != 1) return std::nullopt;
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(p.bytes.data(), kMapped, sizeof kMapped) == 0) {
    std::memmove(p.bytes.data(), p.bytes.data() + 12, 4);
    std::memset(p.bytes.data() + 4, 0, 12);
    p.v4 = true;
  }
  return p;
}

}  // namespace

std::optional<std::string> network_of(std::string_view address) {
  std::optional<Parsed> p = parse(address);
  if (!p) return std::nullopt;
  char text[INET6_ADDRSTRLEN] = {};
  if (p->v4) {
    p->bytes[3] = 0;
    inet_ntop(AF_INET, p->bytes.data(), text, sizeof text);
    return std::string(text) + "/24";
  }
  std::memset(p->bytes.data() + 8, 0, 8);
  inet_ntop(AF_INET6, p->bytes.data(), text, sizeof text);
  return std::string(text) + "/64";
}

bool is_loopback(std::string_view address) {
  std::optional<Parsed> p = parse(address);
  if (!p) return false;
  if (p->v4) return p->bytes[0] == 127;
  static constexpr uint8_t kOne[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return std::memcmp(p->bytes.data(), kOne, 16) == 0;
}

}  // namespace warmcity::core
