// Photos people send (an appeal's pictures, an errand's receipt): what they
// are (by content, never by name or declared type) and the same picture
// without its metadata.
//
// Accepted: JPEG (FF D8 FF), PNG (the 8-byte signature) and WebP (RIFF….WEBP),
// at most 5 MB each. strip_metadata walks the container (JPEG segments, PNG
// and RIFF chunks) and copies only a whitelist of the parts a decoder needs
// for the picture and its colours; everything else — Exif with its GPS IFD,
// XMP, IPTC, comments, text chunks, thumbnails, unknown parts — is dropped.
// A blacklist of known metadata kept whatever it did not name (COM, other
// APPn, a second image after the first), so the rule is "keep what is
// known to be picture", never "drop what is known to be metadata".
// Each format keeps exactly one picture:
//   JPEG  stops at the first EOI; what phones append after it (gain maps,
//         motion-photo videos) is dropped
//   PNG   refuses any byte after IEND
//   WebP  refuses a RIFF size that is not the file's length
// and a file with no picture (a 12-byte WebP), with a second picture, or
// whose structure does not parse is refused as not a valid image, naming
// why in plain English. The per-format whitelists, and the reason for each
// entry, head photos_jpeg.cpp, photos_png.cpp and photos_webp.cpp.
// Why our own: the strippers work on the container structure only and never
// decode pixels, so there is no image-decoder attack surface and no quality
// loss from re-encoding; Debian's libexif only reads JPEG/Exif and
// ImageMagick would be a large dependency for a few hundred lines.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::photos {

inline constexpr size_t kMaxPhotoBytes = 5 * 1000 * 1000;  // 5 MB

enum class ImageType { kJpeg, kPng, kWebp };
std::string_view media_type(ImageType t);  // "image/jpeg" …
std::string_view extension(ImageType t);   // "jpg", "png", "webp"

// The type by the leading bytes; nullopt when none of the three.
std::optional<ImageType> sniff(std::string_view bytes);

// The picture's bytes with only the whitelisted parts (see above); a file
// with nothing to drop comes back byte for byte, and stripping twice gives
// the same bytes. kUnsupportedMedia, its message saying why, when the bytes
// are not one whole picture of `type`.
Result<std::string> strip_metadata(std::string_view bytes, ImageType type);

// A picture as it is kept: its type and its stripped bytes.
struct CheckedPhoto {
  ImageType type = ImageType::kJpeg;
  std::string bytes;
};
// The whole check an upload passes before it is stored: at most
// kMaxPhotoBytes (kTooLarge), a JPEG, PNG or WebP by content and one whole
// picture (kUnsupportedMedia, saying why), stripped of its metadata.
Result<CheckedPhoto> check_photo(std::string_view bytes);

// A stored photo: the file is <photo dir>/<sha256>.<ext> (photo_store.h).
struct Photo {
  std::string sha256;      // 64 lower-case hex digits of the stripped bytes
  std::string media_type;  // image/jpeg, image/png, image/webp
  int64_t bytes = 0;
};

}  // namespace warmcity::photos
