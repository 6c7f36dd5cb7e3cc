#include "core/log_text.h"

#include "core/utf8.h"

namespace warmcity::core {

namespace {

void append_escaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xf];
}

}  // namespace

std::string log_text(std::string_view s, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(s.size(), max_bytes) + 8);
  while (!s.empty() && out.size() < max_bytes) {
    const size_t valid = utf8_valid_prefix(s);
    for (size_t i = 0; i < valid && out.size() < max_bytes; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == 0x7f) {
        append_escaped(out, c);
      } else if (c == '\\') {
        out += "\\\\";
      } else {
        out += static_cast<char>(c);
      }
      if (out.size() >= max_bytes) {
        s = s.substr(i + 1);
        break;
      }
    }
    if (out.size() >= max_bytes) break;
    s.remove_prefix(valid);
    if (!s.empty()) {  // one byte of a bad sequence
      append_escaped(out, static_cast<unsigned char>(s.front()));
      s.remove_prefix(1);
    }
  }
  if (!s.empty()) {
    // Never end inside a UTF-8 sequence.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xc0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xc0) out.pop_back();
    out += "…";
  }
  return out;
}

}  // namespace warmcity::core
