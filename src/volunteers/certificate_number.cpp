// The certificate number (certificate_number.h).
#include "volunteers/certificate_number.h"

#include "accounts/resident_codes.h"
#include "core/damm.h"

namespace warmcity::volunteers {

namespace {

constexpr std::string_view kCertPrefix = "ZY";
constexpr size_t kCertNumberLength = 15;  // ZY + 4 + 8 + 1

}  // namespace

std::string certificate_number(int year, std::string_view eight_digits) {
  std::string digits = std::to_string(year);
  digits += eight_digits;
  return std::string(kCertPrefix) + digits + core::damm_check_digit(digits);
}

std::string new_certificate_number(int year) {
  // Two independent draws of six uniform digits; eight of them are kept.
  return certificate_number(year, accounts::new_code() + accounts::new_code().substr(0, 2));
}

bool is_certificate_number(std::string_view text) {
  if (text.size() != kCertNumberLength || text.substr(0, kCertPrefix.size()) != kCertPrefix)
    return false;
  return core::damm_valid(text.substr(kCertPrefix.size()));
}

}  // namespace warmcity::volunteers
