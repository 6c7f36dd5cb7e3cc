#include "appeals/photos.h"

#include <cstdint>

namespace warmcity::appeals {

namespace {

Status broken(std::string_view what) {
  return Status::UnsupportedMedia(std::string("not a valid ") + std::string(what) + " image");
}

uint32_t be32(std::string_view b, size_t at) {
  return (static_cast<uint32_t>(static_cast<uint8_t>(b[at])) << 24) |
         (static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3]));
}

uint32_t le32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[at])) |
         (static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 8) |
         (static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 16) |
         (static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24);
}

void put_le32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

uint8_t byte(std::string_view b, size_t at) { return static_cast<uint8_t>(b[at]); }

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

// JPEG: markers FF xx; standalone markers (SOI, RST0-7, TEM) have no length.
Result<std::string> strip_jpeg(std::string_view in) {
  std::string out(in.substr(0, 2));  // SOI
  size_t at = 2;
  while (true) {
    if (at + 4 > in.size() || byte(in, at) != 0xFF) return broken("JPEG");
    const uint8_t marker = byte(in, at + 1);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      out.append(in.substr(at, 2));
      at += 2;
      continue;
    }
    if (marker == 0xD9) return broken("JPEG");  // EOI before any image data
    const size_t length = (static_cast<size_t>(byte(in, at + 2)) << 8) | byte(in, at + 3);
    if (length < 2 || at + 2 + length > in.size()) return broken("JPEG");
    if (marker == 0xDA) {  // SOS: the rest is image data, copied as is
      out.append(in.substr(at));
      return out;
    }
    const bool drop = marker == 0xE1 || marker == 0xED;  // APP1 (Exif, XMP), APP13 (IPTC)
    if (!drop) out.append(in.substr(at, 2 + length));
    at += 2 + length;
  }
}

Result<std::string> strip_png(std::string_view in) {
  std::string out(kPngSignature);
  size_t at = kPngSignature.size();
  bool ended = false;
  while (!ended) {
    if (at + 12 > in.size()) return broken("PNG");
    const size_t length = be32(in, at);
    if (length > in.size() - at - 12) return broken("PNG");
    const std::string_view type = in.substr(at + 4, 4);
    const size_t total = 12 + length;
    ended = type == "IEND";
    const bool drop = type == "eXIf" || type == "tEXt" || type == "zTXt" || type == "iTXt";
    if (!drop) out.append(in.substr(at, total));
    at += total;
  }
  return out;
}

Result<std::string> strip_webp(std::string_view in) {
  if (in.size() < 12) return broken("WebP");
  const size_t riff_end = 8 + static_cast<size_t>(le32(in, 4));
  if (riff_end > in.size() || riff_end < 12) return broken("WebP");
  std::string out(in.substr(0, 12));
  size_t at = 12;
  size_t vp8x_at = std::string::npos;
  while (at < riff_end) {
    if (at + 8 > riff_end) return broken("WebP");
    const std::string_view fourcc = in.substr(at, 4);
    const size_t size = le32(in, at + 4);
    const size_t padded = size + (size & 1);
    if (padded > riff_end - at - 8) return broken("WebP");
    if (fourcc != "EXIF" && fourcc != "XMP ") {
      if (fourcc == "VP8X" && size >= 1) vp8x_at = out.size();
      out.append(in.substr(at, 8 + padded));
    }
    at += 8 + padded;
  }
  if (vp8x_at != std::string::npos) {
    out[vp8x_at + 8] = static_cast<char>(byte(out, vp8x_at + 8) & ~0x0C);  // EXIF, XMP flags
  }
  put_le32(out, 4, static_cast<uint32_t>(out.size() - 8));
  return out;
}

}  // namespace

std::string_view media_type(ImageType t) {
  switch (t) {
    case ImageType::kJpeg:
      return "image/jpeg";
    case ImageType::kPng:
      return "image/png";
    case ImageType::kWebp:
      return "image/webp";
  }
  return "";
}

std::string_view extension(ImageType t) {
  switch (t) {
    case ImageType::kJpeg:
      return "jpg";
    case ImageType::kPng:
      return "png";
    case ImageType::kWebp:
      return "webp";
  }
  return "";
}

std::optional<ImageType> sniff(std::string_view b) {
  if (b.size() >= 3 && byte(b, 0) == 0xFF && byte(b, 1) == 0xD8 && byte(b, 2) == 0xFF) {
    return ImageType::kJpeg;
  }
  if (b.substr(0, kPngSignature.size()) == kPngSignature) return ImageType::kPng;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") {
    return ImageType::kWebp;
  }
  return std::nullopt;
}

Result<std::string> strip_metadata(std::string_view bytes, ImageType type) {
  if (sniff(bytes) != type) return broken(media_type(type));
  switch (type) {
    case ImageType::kJpeg:
      return strip_jpeg(bytes);
    case ImageType::kPng:
      return strip_png(bytes);
    case ImageType::kWebp:
      return strip_webp(bytes);
  }
  return broken("image");
}

}  // namespace warmcity::appeals
