// Photos sent as text (photo_text.h): plain base64 and data URLs decode to
// the checked, stripped picture; everything else is refused with a message
// for the field.
#include "photos/photo_text.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

namespace warmcity::photos {
namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// A real 8×8 greyscale JPEG (cjpeg), with nothing to strip.
const std::string kJpeg = from_hex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c"
    "0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740"
    "485c4e404457453738506d51575f626768673e4d71797064785c656763ff"
    "c0000b080008000801011100ffc400140001000000000000000000000000"
    "00000003ffc40017100100030000000000000000000000000005002231ff"
    "da0008010100003f0003c2ca4fffd9");
// A 1×1 PNG, and a real 8×8 lossless WebP (cwebp).
const std::string kPng = from_hex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082");
const std::string kWebp = from_hex(
    "524946462e000000574542505650384c220000002f07c00100993244f43f"
    "3611d1ff0061b65151ce9f73af231890018c09a07aa0ff00");

std::string base64(std::string_view bytes, bool padded = true) {
  const int variant =
      padded ? sodium_base64_VARIANT_ORIGINAL : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

const std::vector<ImageType> kJpegOrPng = {ImageType::kJpeg, ImageType::kPng};

std::string refusal(std::string_view text) {
  Result<CheckedPhoto> r = photo_from_text(text, kJpegOrPng);
  EXPECT_FALSE(r.ok()) << text.substr(0, 40);
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), Code::kUnprocessable);
  return r.status().message();
}

TEST(PhotoText, Base64AndDataUrlsDecodeToTheCheckedPicture) {
  for (const std::string& text :
       {base64(kJpeg), base64(kJpeg, false), "data:image/jpeg;base64," + base64(kJpeg)}) {
    Result<CheckedPhoto> p = photo_from_text(text, kJpegOrPng);
    ASSERT_TRUE(p.ok()) << p.status().message();
    EXPECT_EQ(p->type, ImageType::kJpeg);
    EXPECT_EQ(p->bytes, kJpeg);
  }
  Result<CheckedPhoto> png = photo_from_text("data:image/png;base64," + base64(kPng), kJpegOrPng);
  ASSERT_TRUE(png.ok()) << png.status().message();
  EXPECT_EQ(png->type, ImageType::kPng);
  // Line breaks, as some encoders wrap base64 at 76 characters.
  std::string wrapped = base64(kJpeg);
  wrapped.insert(76, "\r\n");
  EXPECT_TRUE(photo_from_text(wrapped, kJpegOrPng).ok());
}

TEST(PhotoText, WhatIsNotOneAcceptedPictureIsRefusedSayingWhy) {
  EXPECT_EQ(refusal(""), "not base64 (or a data URL) of a JPEG or PNG image");
  EXPECT_EQ(refusal("not base64!"), "not base64 (or a data URL) of a JPEG or PNG image");
  EXPECT_EQ(refusal(base64(kJpeg) + "===="), "not base64 (or a data URL) of a JPEG or PNG image");
  EXPECT_EQ(refusal(base64("hello, not a picture")), "not a JPEG, PNG or WebP image");
  EXPECT_NE(refusal(base64(kJpeg.substr(0, kJpeg.size() - 2))).find("not a valid JPEG"),
            std::string::npos);
  // A type the caller does not take: by content, and as a data URL declares it.
  EXPECT_EQ(refusal(base64(kWebp)), "the photo must be a JPEG or PNG image");
  EXPECT_EQ(refusal("data:image/gif;base64,R0lGODlhAQABAAAAACw="),
            "the photo must be a JPEG or PNG image");
  EXPECT_EQ(refusal("data:image/png;base64," + base64(kJpeg)),
            "the data URL names another type than the picture is");
  EXPECT_EQ(refusal("data:image/jpeg," + base64(kJpeg)),
            "a data URL must be data:image/jpeg;base64,… or data:image/png;base64,…");
  EXPECT_EQ(refusal("data:text/plain;base64,aGVsbG8="), "the photo must be a JPEG or PNG image");
}

TEST(PhotoText, TooBigIsRefusedBeforeDecoding) {
  // Judged from the length: the text is never decoded.
  EXPECT_EQ(refusal(std::string(kMaxPhotoTextBytes + 1, 'A')), "a photo may be at most 5 MB");
  // Text within the limit whose picture is still over 5 MB once decoded.
  const std::string big = kJpeg.substr(0, 2) + std::string(kMaxPhotoBytes, '\0');
  EXPECT_EQ(refusal(base64(big)), "a photo may be at most 5 MB");
}

}  // namespace
}  // namespace warmcity::photos
