// JPEG: a whitelist walk over the marker segments, stopping at the end of
// the image.
//
// A JPEG is SOI (FF D8), then segments — FF, a marker byte, a two-byte
// length that counts itself, the payload — and after each SOS (start of
// scan) the entropy-coded picture data, in which FF is always followed by
// 00 (stuffing) or by RST0-7; any other marker ends the scan. A baseline
// file has one scan; a progressive one has several, with DHT (and DQT)
// segments between them. EOI (FF D9) ends the image.
//
// Copied, because a decoder needs them and they hold no free text:
//   SOF0-3, SOF9-11  the frame header — exactly one, before the first scan
//   DQT DHT DAC DRI  quantisation, Huffman, arithmetic tables; restart interval
//   SOS + its data   every scan, RST0-7 inside the data included
//   DNL, EOI
//   APP0 "JFIF"      rewritten to its 14 fixed bytes: the embedded thumbnail
//                    (a second, uncropped picture) is not kept
//   APP2 "ICC_PROFILE"  the colour profile: phone photos in Display P3 look
//                    washed out without it; it describes colours, not places
//   APP14 "Adobe"    its 12 fixed bytes: which colour transform (RGB, YCbCr,
//                    CMYK) the data uses; without it CMYK files show inverted
// Dropped: every other APPn — APP1 (Exif with its GPS IFD, XMP), APP2 "MPF"
// (which points at further pictures after EOI), APP13 (IPTC place names),
// maker notes in any other APPn — COM segments and fill bytes.
// Refused: a file cut off before EOI; no frame header before the first scan;
// a second frame (a second picture, or hierarchical JPEG); a second SOI; any
// other marker (reserved, JPEG-LS, TEM, RSTn outside a scan); bad lengths.
// After EOI: nothing is kept. Phones append a second JPEG (Ultra HDR gain
// maps, MPF depth maps), a motion-photo video or a vendor trailer there, and
// decoders never read it, so it is dropped rather than refused — refusing
// would turn away most photos from current phones. The stored bytes are
// then exactly one picture: nothing of a JPEG/ZIP or JPEG/HTML polyglot that
// lives after EOI or in a COM or APPn segment survives.
#include <string>
#include <string_view>

#include "photos/photos_internal.h"

namespace warmcity::photos::formats {

namespace {

constexpr uint8_t kTem = 0x01;
constexpr uint8_t kSoi = 0xD8;
constexpr uint8_t kEoi = 0xD9;
constexpr uint8_t kSos = 0xDA;
constexpr uint8_t kDqt = 0xDB;
constexpr uint8_t kDnl = 0xDC;
constexpr uint8_t kDri = 0xDD;
constexpr uint8_t kDht = 0xC4;
constexpr uint8_t kDac = 0xCC;
constexpr uint8_t kApp0 = 0xE0;
constexpr uint8_t kApp2 = 0xE2;
constexpr uint8_t kApp14 = 0xEE;
constexpr uint8_t kCom = 0xFE;

constexpr std::string_view kJfif("JFIF\0", 5);
constexpr std::string_view kIcc("ICC_PROFILE\0", 12);
constexpr std::string_view kAdobe("Adobe");
constexpr size_t kJfifFixed = 14;   // identifier, version, units, densities, thumbnail size
constexpr size_t kAdobeFixed = 12;  // identifier, version, flags0, flags1, transform

Status broken_jpeg(std::string_view why) { return not_valid("JPEG", why); }
Status cut_off() { return broken_jpeg("it is cut off before its end"); }

bool is_rst(uint8_t m) { return m >= 0xD0 && m <= 0xD7; }
bool is_app(uint8_t m) { return m >= 0xE0 && m <= 0xEF; }
// The non-differential frames: baseline, extended, progressive, lossless,
// with Huffman or arithmetic coding. SOF5-7 and 13-15 exist only in
// hierarchical files, which hold several pictures.
bool is_sof(uint8_t m) { return (m >= 0xC0 && m <= 0xC3) || (m >= 0xC9 && m <= 0xCB); }

// Where the entropy-coded data that starts at `at` ends: at the first FF of
// a marker that is neither 00 stuffing nor RST0-7 (fill FFs before a marker
// belong to the marker). npos when the file ends inside the data.
size_t scan_end(std::string_view in, size_t at) {
  while (true) {
    at = in.find('\xFF', at);
    if (at == std::string_view::npos) return at;
    size_t code = at + 1;
    while (code < in.size() && byte(in, code) == 0xFF) ++code;
    if (code == in.size()) return std::string_view::npos;
    const uint8_t m = byte(in, code);
    if (m != 0x00 && !is_rst(m)) return at;
    at = code + 1;
  }
}

// A segment with `marker` and `payload` (its length field recomputed).
std::string segment(uint8_t marker, std::string_view payload) {
  const size_t n = payload.size() + 2;
  std::string out{'\xFF', static_cast<char>(marker), static_cast<char>(n >> 8),
                  static_cast<char>(n & 0xFF)};
  out.append(payload);
  return out;
}

// What of an APPn segment is kept: the whole segment, a rewritten one, or
// nothing ("").
std::string kept_app(uint8_t marker, std::string_view whole, std::string_view payload) {
  if (marker == kApp0 && payload.size() >= kJfifFixed && payload.starts_with(kJfif)) {
    std::string fixed(payload.substr(0, kJfifFixed - 2));
    fixed.append(2, '\0');  // thumbnail 0 × 0
    return segment(kApp0, fixed);
  }
  if (marker == kApp2 && payload.size() > kIcc.size() + 2 && payload.starts_with(kIcc)) {
    return std::string(whole);
  }
  if (marker == kApp14 && payload.size() >= kAdobeFixed && payload.starts_with(kAdobe)) {
    return segment(kApp14, payload.substr(0, kAdobeFixed));
  }
  return "";
}

// SOFn: precision, height, width, Nf, then 3 bytes per component.
bool valid_frame(std::string_view p) {
  if (p.size() < 6) return false;
  const size_t components = byte(p, 5);
  return components >= 1 && p.size() == 6 + 3 * components && be16(p, 3) > 0;
}

// SOS: Ns (1-4), 2 bytes per component, then Ss, Se, Ah/Al.
bool valid_scan_header(std::string_view p) {
  if (p.empty()) return false;
  const size_t components = byte(p, 0);
  return components >= 1 && components <= 4 && p.size() == 4 + 2 * components;
}

}  // namespace

Result<std::string> strip_jpeg(std::string_view in) {
  std::string out(in.substr(0, 2));  // SOI
  size_t at = 2;
  bool have_frame = false;
  bool have_scan = false;
  while (true) {
    if (at >= in.size()) return cut_off();
    if (byte(in, at) != 0xFF) return broken_jpeg("there are stray bytes between its segments");
    size_t code = at + 1;
    while (code < in.size() && byte(in, code) == 0xFF) ++code;  // fill bytes
    if (code >= in.size()) return cut_off();
    const uint8_t marker = byte(in, code);
    const size_t start = code - 1;  // the FF right before the marker byte
    if (marker == kEoi) {
      if (!have_scan) return broken_jpeg("it has no picture data");
      out.append("\xFF\xD9");
      return out;  // whatever follows EOI is not part of the picture (see above)
    }
    if (marker == kSoi) return broken_jpeg("it holds more than one picture");
    if (marker == kTem || marker == 0x00 || is_rst(marker)) {  // no length: not a segment
      return broken_jpeg("it has a marker in the wrong place");
    }
    if (code + 3 > in.size()) return cut_off();
    const size_t length = be16(in, code + 1);
    if (length < 2) return broken_jpeg("a segment length is wrong");
    if (length > in.size() - code - 1) return cut_off();
    const std::string_view whole = in.substr(start, 2 + length);
    const std::string_view payload = whole.substr(4);
    at = start + whole.size();

    if (is_sof(marker)) {
      if (have_frame) return broken_jpeg("it holds more than one picture");
      if (!valid_frame(payload)) return broken_jpeg("its frame header is wrong");
      have_frame = true;
      out.append(whole);
    } else if (marker == kSos) {
      if (!have_frame) return broken_jpeg("its picture data comes before its frame header");
      if (!valid_scan_header(payload)) return broken_jpeg("a scan header is wrong");
      const size_t end = scan_end(in, at);
      if (end == std::string_view::npos) return cut_off();
      out.append(in.substr(start, end - start));  // the header and the scan's data
      have_scan = true;
      at = end;
    } else if (marker == kDqt || marker == kDht || marker == kDac || marker == kDri ||
               marker == kDnl) {
      out.append(whole);
    } else if (is_app(marker)) {
      out.append(kept_app(marker, whole, payload));
    } else if (marker != kCom) {
      return broken_jpeg("it uses a kind of JPEG that is not accepted");
    }
  }
}

}  // namespace warmcity::photos::formats
