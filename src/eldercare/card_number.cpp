#include "eldercare/card_number.h"

#include <sodium.h>

#include "core/damm.h"

namespace warmcity::eldercare {

namespace {

constexpr size_t kDigits = 10;

}  // namespace

std::string new_card_number() {
  std::string n;
  // A leading digit from 1 to 9: the number never reads as a landline (0…).
  n += static_cast<char>('1' + randombytes_uniform(9));
  while (n.size() < kDigits - 1) n += static_cast<char>('0' + randombytes_uniform(10));
  n += damm_check_digit(n);
  return n;
}

std::optional<std::string> parse_card_number(std::string_view text) {
  std::string n;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '.') continue;
    if (c < '0' || c > '9' || n.size() == kDigits) return std::nullopt;
    n += c;
  }
  if (n.size() != kDigits || !core::damm_valid(n)) return std::nullopt;
  return n;
}

std::string format_card_number(std::string_view number) {
  return std::string(number.substr(0, 4)) + "-" + std::string(number.substr(4, 3)) + "-" +
         std::string(number.substr(7));
}

}  // namespace warmcity::eldercare
