#include "core/phone.h"

#include <algorithm>
#include <vector>

namespace warmcity::core {

namespace {

// A masked landline shows at most this many of its last digits.
constexpr size_t kLandlineTailShown = 2;

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_mobile(std::string_view p) {
  return p.size() == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && all_digits(p);
}

// Length of the area code of a landline written without a hyphen: Beijing
// (010) and the 02x cities have three digits, every other area four.
size_t area_code_length(std::string_view p) { return (p[1] == '1' || p[1] == '2') ? 3 : 4; }

bool is_landline(std::string_view p) {
  if (p.size() < 2 || p[0] != '0') return false;
  size_t hyphen = p.find('-');
  if (hyphen != std::string_view::npos) {
    std::string_view area = p.substr(0, hyphen);
    std::string_view local = p.substr(hyphen + 1);
    return (area.size() == 3 || area.size() == 4) && all_digits(area) &&
           (local.size() == 7 || local.size() == 8) && all_digits(local);
  }
  // 0 + 2..3 digits + 7..8 digits: 10 to 12 digits in all.
  return p.size() >= 10 && p.size() <= 12 && all_digits(p);
}

}  // namespace

bool is_valid_phone(std::string_view phone) { return is_mobile(phone) || is_landline(phone); }

std::string mask_phone(std::string_view phone) {
  if (is_mobile(phone)) {
    return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(7));
  }
  if (!is_landline(phone)) return std::string(phone.size(), '*');
  const size_t hyphen = phone.find('-');
  const bool has_hyphen = hyphen != std::string_view::npos;
  const size_t area = has_hyphen ? hyphen : area_code_length(phone);
  const size_t digits = phone.size() - (has_hyphen ? 1 : 0);
  // Digits that may show: at most half of them, the area code first (3 or 4
  // digits, never more than half of 10 to 12), then the last ones.
  const size_t shown = digits / 2;
  const size_t tail = std::min<size_t>(kLandlineTailShown, shown - area);
  std::string out(phone);
  const size_t local_start = has_hyphen ? hyphen + 1 : area;
  for (size_t i = local_start; i + tail < out.size(); ++i) out[i] = '*';
  return out;
}

std::string mask_name(std::string_view name) {
  // Byte offsets where each character starts (a continuation byte never does).
  std::vector<size_t> starts;
  for (size_t i = 0; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80 || starts.empty()) starts.push_back(i);
  }
  if (starts.size() <= 1) return std::string(starts.size(), '*');
  return std::string(name.substr(0, starts[1])) + std::string(starts.size() - 1, '*');
}

}  // namespace warmcity::core
