// A photo sent as text inside a JSON body (an errand's receipt): plain
// base64 (RFC 4648, padding optional, line breaks ignored) or a data URL
// "data:image/jpeg;base64,…" / "data:image/png;base64,…".
//
// photo_from_text decodes it and runs check_photo (photos.h), then keeps
// only the types the caller accepts. Every refusal is kUnprocessable with a
// message for the field that carried the text (the caller names the field):
// not base64, a data URL that is not base64 or declares another type than
// the picture is, a picture over kMaxPhotoBytes (judged from the text's
// length before decoding), not one whole JPEG/PNG/WebP picture, or a type
// not in `accepted`. Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "photos/photos.h"

namespace warmcity::photos {

// The longest text a kMaxPhotoBytes picture takes (base64 plus a data URL's
// head): routes size their body limit from it.
inline constexpr size_t kMaxPhotoTextBytes = (kMaxPhotoBytes + 2) / 3 * 4 + 64;

Result<CheckedPhoto> photo_from_text(std::string_view text, const std::vector<ImageType>& accepted);

}  // namespace warmcity::photos
