#include "eldercare/card_number.h"

#include <sodium.h>

namespace warmcity::eldercare {

namespace {

// The Damm algorithm's totally anti-symmetric quasigroup of order 10.
constexpr char kDamm[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                                {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                                {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                                {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                                {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

constexpr size_t kDigits = 10;

}  // namespace

char damm_check_digit(std::string_view digits) {
  int interim = 0;
  for (char c : digits) interim = kDamm[interim][c - '0'];
  return static_cast<char>('0' + interim);
}

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
  if (n.size() != kDigits || damm_check_digit(n) != '0') return std::nullopt;
  return n;
}

std::string format_card_number(std::string_view number) {
  return std::string(number.substr(0, 4)) + "-" + std::string(number.substr(4, 3)) + "-" +
         std::string(number.substr(7));
}

}  // namespace warmcity::eldercare
