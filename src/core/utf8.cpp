#include "core/utf8.h"

namespace warmcity::core {

namespace {

// The length of the valid UTF-8 sequence starting at s[i], 0 when it is not one.
size_t sequence_at(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t extra = 0;
  char32_t cp = 0;
  if (b < 0x80) {
    return 1;
  } else if (b >= 0xC2 && b <= 0xDF) {
    extra = 1;
    cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    extra = 2;
    cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    extra = 3;
    cp = b & 0x07;
  } else {
    return 0;
  }
  if (i + extra >= s.size()) return 0;  // truncated sequence
  for (size_t k = 1; k <= extra; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return extra + 1;
}

}  // namespace

std::optional<size_t> utf8_length(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++count) {
    size_t n = sequence_at(s, i);
    if (n == 0) return std::nullopt;
    i += n;
  }
  return count;
}

size_t utf8_valid_prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = sequence_at(s, i);
    if (n == 0) return i;
    i += n;
  }
  return i;
}

}  // namespace warmcity::core
