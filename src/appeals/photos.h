// Photos attached to an appeal: what they are (by content, never by name or
// declared type) and the same bytes without their location metadata.
//
// Accepted: JPEG (FF D8 FF), PNG (the 8-byte signature) and WebP (RIFF….WEBP),
// at most 5 MB each. Stripped before storing:
//   JPEG  APP1 segments (Exif with its GPS IFD, and XMP) and APP13
//         (Photoshop/IPTC, which can carry a place name), up to the first
//         SOS; the entropy-coded data after it is copied unchanged
//   PNG   eXIf, tEXt, zTXt and iTXt chunks (iTXt carries XMP)
//   WebP  EXIF and XMP chunks, with the RIFF size and the VP8X flags fixed
// Why our own: the strippers work on the container structure only (segments,
// chunks) and never decode pixels, so there is no image-decoder attack
// surface and no quality loss from re-encoding; Debian's libexif only reads
// JPEG/Exif and ImageMagick would be a large dependency for ~150 lines.
// A file whose structure does not parse is refused as not an image.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::appeals {

inline constexpr size_t kMaxPhotoBytes = 5 * 1000 * 1000;  // 5 MB
inline constexpr size_t kMaxPhotos = 4;

enum class ImageType { kJpeg, kPng, kWebp };
std::string_view media_type(ImageType t);  // "image/jpeg" …
std::string_view extension(ImageType t);   // "jpg", "png", "webp"

// The type by the leading bytes; nullopt when none of the three.
std::optional<ImageType> sniff(std::string_view bytes);

// The bytes without location metadata (see above). kUnsupportedMedia when
// they are not one of the three types or their structure is broken.
Result<std::string> strip_metadata(std::string_view bytes, ImageType type);

}  // namespace warmcity::appeals
