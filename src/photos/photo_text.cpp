#include "photos/photo_text.h"

#include <sodium.h>

#include <algorithm>
#include <optional>
#include <string>

namespace warmcity::photos {

namespace {

Status refused(std::string message) { return Status::Unprocessable(std::move(message)); }

std::optional<ImageType> declared_type(std::string_view media) {
  if (media == "image/jpeg" || media == "image/jpg") return ImageType::kJpeg;
  if (media == "image/png") return ImageType::kPng;
  if (media == "image/webp") return ImageType::kWebp;
  return std::nullopt;
}

std::string names_of(const std::vector<ImageType>& types) {
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) out += i + 1 == types.size() ? " or " : ", ";
    out += types[i] == ImageType::kJpeg ? "JPEG" : types[i] == ImageType::kPng ? "PNG" : "WebP";
  }
  return out;
}

}  // namespace

Result<CheckedPhoto> photo_from_text(std::string_view text,
                                     const std::vector<ImageType>& accepted) {
  if (text.size() > kMaxPhotoTextBytes) return refused("a photo may be at most 5 MB");
  std::optional<ImageType> declared;
  if (text.substr(0, 5) == "data:") {
    const size_t comma = text.find(',');
    const std::string_view head = text.substr(5, comma == std::string_view::npos ? 0 : comma - 5);
    const size_t semi = head.find(';');
    if (comma == std::string_view::npos || semi == std::string_view::npos ||
        head.substr(semi) != ";base64") {
      return refused("a data URL must be data:image/jpeg;base64,… or data:image/png;base64,…");
    }
    declared = declared_type(head.substr(0, semi));
    if (!declared || std::find(accepted.begin(), accepted.end(), *declared) == accepted.end()) {
      return refused("the photo must be a " + names_of(accepted) + " image");
    }
    text.remove_prefix(comma + 1);
  }
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (text.empty() ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), "\r\n", &len, &end,
                        sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
      !end) {
    return refused("not base64 (or a data URL) of a JPEG or PNG image");
  }
  // What libsodium's NO_PADDING variant leaves: only '=' padding may follow.
  std::string_view rest(end, static_cast<size_t>(text.data() + text.size() - end));
  if (rest.size() > 2 || rest.find_first_not_of('=') != std::string_view::npos) {
    return refused("not base64 (or a data URL) of a JPEG or PNG image");
  }
  bytes.resize(len);
  Result<CheckedPhoto> photo = check_photo(bytes);
  if (!photo.ok()) return refused(photo.status().message());
  if (declared && photo->type != *declared) {
    return refused("the data URL names another type than the picture is");
  }
  if (std::find(accepted.begin(), accepted.end(), photo->type) == accepted.end()) {
    return refused("the photo must be a " + names_of(accepted) + " image");
  }
  return photo;
}

}  // namespace warmcity::photos
