// Sniffing by content and the dispatch to the per-format strippers
// (photos_jpeg.cpp, photos_png.cpp, photos_webp.cpp; the whitelists and
// their reasons are at the top of each).
#include "photos/photos.h"

#include "photos/photos_internal.h"

namespace warmcity::photos {

using formats::byte;
using formats::kPngSignature;

namespace {

std::string_view name(ImageType t) {
  switch (t) {
    case ImageType::kJpeg:
      return "JPEG";
    case ImageType::kPng:
      return "PNG";
    case ImageType::kWebp:
      return "WebP";
  }
  return "";
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
  if (sniff(bytes) != type) return formats::not_valid(name(type), "it starts wrongly");
  switch (type) {
    case ImageType::kJpeg:
      return formats::strip_jpeg(bytes);
    case ImageType::kPng:
      return formats::strip_png(bytes);
    case ImageType::kWebp:
      return formats::strip_webp(bytes);
  }
  return Status::UnsupportedMedia("not a JPEG, PNG or WebP image");
}

Result<CheckedPhoto> check_photo(std::string_view bytes) {
  if (bytes.size() > kMaxPhotoBytes) return Status::TooLarge("a photo may be at most 5 MB");
  std::optional<ImageType> type = sniff(bytes);
  if (!type) return Status::UnsupportedMedia("not a JPEG, PNG or WebP image");
  Result<std::string> clean = strip_metadata(bytes, *type);
  if (!clean.ok()) return Status::UnsupportedMedia(clean.status().message());
  return CheckedPhoto{*type, std::move(*clean)};
}

}  // namespace warmcity::photos
