// Inside photos.cpp and its three per-format strippers (photos_jpeg.cpp,
// photos_png.cpp, photos_webp.cpp): the byte readers they share and the
// strippers' entry points. Not for use outside those four files; the
// contract is in photos.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::photos::formats {

inline constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

// REQUIRES for all readers: the bytes read lie inside `b`.
inline uint8_t byte(std::string_view b, size_t at) { return static_cast<uint8_t>(b[at]); }

inline uint32_t be16(std::string_view b, size_t at) {
  return (static_cast<uint32_t>(byte(b, at)) << 8) | byte(b, at + 1);
}

inline uint32_t be32(std::string_view b, size_t at) {
  return (be16(b, at) << 16) | be16(b, at + 2);
}

inline uint32_t le32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(byte(b, at)) | (static_cast<uint32_t>(byte(b, at + 1)) << 8) |
         (static_cast<uint32_t>(byte(b, at + 2)) << 16) |
         (static_cast<uint32_t>(byte(b, at + 3)) << 24);
}

inline void put_le32(std::string& b, size_t at, uint32_t v) {
  for (size_t i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// kUnsupportedMedia "not a valid JPEG image: <why>"; `why` is plain English
// a resident can act on ("it is cut off before its end").
inline Status not_valid(std::string_view format, std::string_view why) {
  return Status::UnsupportedMedia("not a valid " + std::string(format) +
                                  " image: " + std::string(why));
}

// REQUIRES: sniff(in) named the format (so the signature bytes are there).
Result<std::string> strip_jpeg(std::string_view in);
Result<std::string> strip_png(std::string_view in);
Result<std::string> strip_webp(std::string_view in);

}  // namespace warmcity::photos::formats
