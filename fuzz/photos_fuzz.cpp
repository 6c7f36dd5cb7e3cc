// Fuzz target: the photo sniffer and the metadata strippers
// (src/photos/photos*.cpp).
//
// The input is a file as an upload would carry it. Every stripper runs on it
// (the route runs only the sniffed type's, but each must refuse what is not
// its format without crashing). Whatever a stripper accepts must:
//   - be no longer than the input
//   - sniff as the type it was stripped as
//   - strip again to the very same bytes (the documented fixed point)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "photos/photos.h"

using warmcity::photos::ImageType;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > warmcity::photos::kMaxPhotoBytes) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto sniffed = warmcity::photos::sniff(bytes);
  for (ImageType type : {ImageType::kJpeg, ImageType::kPng, ImageType::kWebp}) {
    auto stripped = warmcity::photos::strip_metadata(bytes, type);
    if (!stripped.ok()) continue;
    FUZZ_CHECK(stripped->size() <= size);
    FUZZ_CHECK(warmcity::photos::sniff(*stripped) == type);
    auto twice = warmcity::photos::strip_metadata(*stripped, type);
    FUZZ_CHECK(twice.ok());
    FUZZ_CHECK(*twice == *stripped);
    // An accepted file was that format to begin with.
    FUZZ_CHECK(sniffed == type);
  }
  return 0;
}
