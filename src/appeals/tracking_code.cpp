#include "appeals/tracking_code.h"

#include <sodium.h>

namespace warmcity::appeals {

namespace {
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";
}

std::string new_tracking_code() {
  // One getrandom() per code: bytes below the largest multiple of the
  // alphabet size map uniformly; the rest are drawn again (rarely).
  const unsigned limit = 256 - 256 % kAlphabet.size();
  std::string code;
  unsigned char random[16];
  while (code.size() < kTrackingCodeLength) {
    randombytes_buf(random, sizeof random);
    for (unsigned char r : random) {
      if (r < limit && code.size() < kTrackingCodeLength)
        code.push_back(kAlphabet[r % kAlphabet.size()]);
    }
  }
  return code;
}

std::optional<std::string> normalize_tracking_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out.push_back(c);
    if (out.size() > kTrackingCodeLength) return std::nullopt;
  }
  if (out.size() != kTrackingCodeLength) return std::nullopt;
  return out;
}

}  // namespace warmcity::appeals
