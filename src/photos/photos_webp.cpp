// WebP: a whitelist walk over the RIFF chunks.
//
// A WebP is "RIFF", a little-endian size of everything after it, "WEBP",
// then chunks — a four-character code, a size, the data, a pad byte when
// the size is odd. The simple form is one image chunk: VP8 (lossy) or VP8L
// (lossless). The extended form starts with VP8X, whose first byte has
// flags for ICC (0x20), alpha (0x10), EXIF (0x08), XMP (0x04) and
// animation (0x02), and may add ICCP, ALPH, EXIF, XMP and unknown chunks.
//
// Copied: VP8X (its EXIF and XMP flags cleared, ICC cleared when no ICCP is
// kept), ICCP (colours), ALPH (transparency), and the one VP8 or VP8L chunk.
// In the simple form only the image chunk is kept: decoders read nothing
// else there.
// Dropped: EXIF (with GPS), XMP and every unknown chunk.
// Refused: a RIFF size that does not match the file's length (a cut-off
// file, or a second file behind the first); no image chunk (a 12-byte
// "RIFF....WEBP" header alone); a second image chunk; an image chunk whose
// signature is wrong; a simple file whose first chunk is not the image;
// animation (ANIM, ANMF or the flag) — appeal photos are still pictures, and
// frames would each need their own walk.
#include <string>
#include <string_view>

#include "photos/photos_internal.h"

namespace warmcity::photos::formats {

namespace {

constexpr size_t kRiffHeader = 12;  // "RIFF", size, "WEBP"
constexpr size_t kChunkHeader = 8;  // fourcc, size
constexpr size_t kVp8xLength = 10;
constexpr uint8_t kIccFlag = 0x20;
constexpr uint8_t kExifFlag = 0x08;
constexpr uint8_t kXmpFlag = 0x04;
constexpr uint8_t kAnimationFlag = 0x02;

Status broken(std::string_view why) { return not_valid("WebP", why); }

// The bitstream's own signature: VP8's key-frame start code 9D 01 2A after
// its 3-byte frame tag; VP8L's signature byte 2F.
bool valid_image(std::string_view fourcc, std::string_view data) {
  if (fourcc == "VP8L") return data.size() >= 5 && byte(data, 0) == 0x2F;
  return data.size() >= 10 && data.substr(3, 3) == "\x9D\x01\x2A";
}

}  // namespace

Result<std::string> strip_webp(std::string_view in) {
  if (in.size() - 8 != le32(in, 4)) return broken("its size does not match the file's length");
  std::string out(in.substr(0, kRiffHeader));
  size_t at = kRiffHeader;
  size_t vp8x_at = std::string::npos;  // in `out`
  bool have_icc = false;
  bool have_image = false;
  while (at < in.size()) {
    if (in.size() - at < kChunkHeader) return broken("it is cut off before its end");
    const std::string_view fourcc = in.substr(at, 4);
    const size_t size = le32(in, at + 4);
    const size_t padded = size + (size & 1);
    if (padded > in.size() - at - kChunkHeader) return broken("it is cut off before its end");
    const std::string_view chunk = in.substr(at, kChunkHeader + padded);
    const std::string_view data = chunk.substr(kChunkHeader, size);
    const bool first = at == kRiffHeader;
    at += chunk.size();

    if (fourcc == "VP8 " || fourcc == "VP8L") {
      if (have_image) return broken("it holds more than one picture");
      if (!valid_image(fourcc, data)) return broken("its picture data is wrong");
      have_image = true;
      out.append(chunk);
    } else if (fourcc == "ANIM" || fourcc == "ANMF") {
      return broken("moving pictures are not accepted; please send a still photo");
    } else if (first && fourcc == "VP8X") {
      if (size != kVp8xLength) return broken("its VP8X header is wrong");
      if (byte(data, 0) & kAnimationFlag) {
        return broken("moving pictures are not accepted; please send a still photo");
      }
      vp8x_at = out.size();
      out.append(chunk);
    } else if (first) {
      return broken("it does not start with a picture or a VP8X header");
    } else if (vp8x_at != std::string::npos && (fourcc == "ICCP" || fourcc == "ALPH")) {
      have_icc = have_icc || fourcc == "ICCP";
      out.append(chunk);
    }
    // Anything else (EXIF, XMP, unknown; any chunk after a simple file's
    // image) is dropped.
  }
  if (!have_image) return broken("it has no picture data");
  if (vp8x_at != std::string::npos) {
    const size_t flags_at = vp8x_at + kChunkHeader;
    uint8_t flags = byte(out, flags_at) & ~(kExifFlag | kXmpFlag);
    if (!have_icc) flags &= ~kIccFlag;
    out[flags_at] = static_cast<char>(flags);
  }
  put_le32(out, 4, static_cast<uint32_t>(out.size() - 8));
  return out;
}

}  // namespace warmcity::photos::formats
