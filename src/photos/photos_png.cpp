// PNG: a whitelist walk over the chunks, ending at IEND.
//
// A PNG is the 8-byte signature, then chunks — a four-byte length, a
// four-letter type, the data, a CRC — from IHDR to IEND. A type whose first
// letter is upper case is critical (a decoder that does not know it must
// give up); lower case is ancillary (safe to leave out).
//
// Copied:
//   IHDR PLTE IDAT IEND   the critical chunks: the picture itself
//   tRNS                  transparency
//   gAMA cHRM sRGB iCCP   colour: without them colours shift
//   pHYs                  pixel aspect ratio
// Dropped: every other ancillary chunk — eXIf (Exif with GPS), tEXt, zTXt
// and iTXt (free text, XMP), tIME, the APNG animation chunks (the still
// default picture remains) and unknown ones.
// Refused: IHDR not first or twice, no IDAT, an unknown critical chunk, a
// chunk type that is not four letters, a file cut off before IEND, and any
// byte after IEND (no PNG writer puts one there; a second file does).
// CRCs are copied, not checked: a wrong one spoils the picture for the
// viewer and hides nothing.
#include <string>
#include <string_view>

#include "photos/photos_internal.h"

namespace warmcity::photos::formats {

namespace {

constexpr size_t kChunkOverhead = 12;  // length, type, CRC
constexpr size_t kIhdrLength = 13;

Status broken_png(std::string_view why) { return not_valid("PNG", why); }

bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool kept(std::string_view type) {
  static constexpr std::string_view kKept[] = {"IHDR", "PLTE", "IDAT", "IEND", "tRNS",
                                               "gAMA", "cHRM", "sRGB", "iCCP", "pHYs"};
  for (std::string_view k : kKept) {
    if (type == k) return true;
  }
  return false;
}

}  // namespace

Result<std::string> strip_png(std::string_view in) {
  std::string out(kPngSignature);
  size_t at = kPngSignature.size();
  bool first = true;
  bool have_data = false;
  while (true) {
    if (in.size() - at < kChunkOverhead) return broken_png("it is cut off before its end");
    const size_t length = be32(in, at);
    if (length > in.size() - at - kChunkOverhead) return broken_png("it is cut off before its end");
    const std::string_view type = in.substr(at + 4, 4);
    const std::string_view chunk = in.substr(at, kChunkOverhead + length);
    const std::string_view data = chunk.substr(8, length);
    at += chunk.size();
    for (char c : type) {
      if (!is_letter(c)) return broken_png("a chunk name is not four letters");
    }
    if (first != (type == "IHDR")) return broken_png("it does not start with one IHDR header");
    if (first && (length != kIhdrLength || be32(data, 0) == 0 || be32(data, 4) == 0)) {
      return broken_png("its IHDR header is wrong");
    }
    first = false;
    if (type == "IDAT") have_data = true;
    if (type == "IEND") {
      if (!have_data) return broken_png("it has no picture data");
      if (at != in.size()) return broken_png("there are more bytes after its end (IEND)");
      out.append(chunk);
      return out;
    }
    if (kept(type)) {
      out.append(chunk);
    } else if (type[0] >= 'A' && type[0] <= 'Z') {
      return broken_png("it has a part (" + std::string(type) + ") no viewer can show");
    }
  }
}

}  // namespace warmcity::photos::formats
