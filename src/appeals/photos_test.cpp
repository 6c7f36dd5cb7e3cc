// Sniffing by content, and the per-format metadata strippers.
#include "appeals/photos.h"

#include <gtest/gtest.h>

#include "appeals/photo_store.h"
#include "store/test_util.h"

namespace warmcity::appeals {
namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string out;
  for (int v : b) out.push_back(static_cast<char>(v));
  return out;
}

std::string be32(uint32_t v) {
  return bytes({int(v >> 24), int((v >> 16) & 255), int((v >> 8) & 255), int(v & 255)});
}
std::string le32(uint32_t v) {
  return bytes({int(v & 255), int((v >> 8) & 255), int((v >> 16) & 255), int(v >> 24)});
}

// A JPEG segment: marker and a payload (the length counts itself).
std::string segment(int marker, const std::string& payload) {
  const size_t n = payload.size() + 2;
  return bytes({0xFF, marker, int(n >> 8), int(n & 255)}) + payload;
}

std::string jpeg_with_exif() {
  return bytes({0xFF, 0xD8}) + segment(0xE0, std::string("JFIF\0\1\1", 7)) +
         segment(0xE1, std::string("Exif\0\0GPSLatitude=37.5", 22)) +
         segment(0xED, "Photoshop 3.0 IPTC city") + segment(0xDB, std::string(65, '\1')) +
         segment(0xDA, std::string("\1\1\0", 3)) + "scan-data-FF" + bytes({0xFF, 0xD9});
}

std::string chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<uint32_t>(data.size())) + type + data + "CRC!";
}

std::string png_with_text() {
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", std::string(13, '\1')) +
         chunk("tEXt", std::string("GPS\0here", 8)) + chunk("eXIf", "MM-gps") +
         chunk("iTXt", "XML:com.adobe.xmp") + chunk("IDAT", "pixels") + chunk("IEND", "");
}

std::string riff_chunk(const std::string& fourcc, const std::string& data) {
  std::string out = fourcc + le32(static_cast<uint32_t>(data.size())) + data;
  if (data.size() % 2) out.push_back('\0');
  return out;
}

std::string webp_with_exif() {
  std::string vp8x = bytes({0x0C | 0x10, 0, 0, 0}) + std::string(6, '\0');  // EXIF, XMP, alpha
  std::string body = "WEBP" + riff_chunk("VP8X", vp8x) + riff_chunk("VP8 ", "frame") +
                     riff_chunk("EXIF", "gps-exif") + riff_chunk("XMP ", "<x:xmpmeta/>");
  return "RIFF" + le32(static_cast<uint32_t>(body.size())) + body;
}

TEST(Photos, SniffsByContent) {
  EXPECT_EQ(sniff(jpeg_with_exif()), ImageType::kJpeg);
  EXPECT_EQ(sniff(png_with_text()), ImageType::kPng);
  EXPECT_EQ(sniff(webp_with_exif()), ImageType::kWebp);
  EXPECT_EQ(sniff("GIF89a...."), std::nullopt);
  EXPECT_EQ(sniff("<svg xmlns=...>"), std::nullopt);
  EXPECT_EQ(sniff(""), std::nullopt);
  EXPECT_EQ(sniff("RIFF1234WAVE"), std::nullopt);
}

TEST(Photos, JpegLosesApp1AndApp13AndKeepsTheScan) {
  Result<std::string> out = strip_metadata(jpeg_with_exif(), ImageType::kJpeg);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->find("Exif"), std::string::npos);
  EXPECT_EQ(out->find("Photoshop"), std::string::npos);
  EXPECT_NE(out->find("JFIF"), std::string::npos);
  EXPECT_NE(out->find("scan-data-FF"), std::string::npos);
  EXPECT_EQ(out->size(), jpeg_with_exif().size() - (22 + 4) - (23 + 4));
  // Stripping is idempotent.
  EXPECT_EQ(*strip_metadata(*out, ImageType::kJpeg), *out);
}

TEST(Photos, PngLosesTextAndExifChunks) {
  Result<std::string> out = strip_metadata(png_with_text(), ImageType::kPng);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->find("GPS"), std::string::npos);
  EXPECT_EQ(out->find("gps"), std::string::npos);
  EXPECT_EQ(out->find("xmp"), std::string::npos);
  EXPECT_NE(out->find("IDAT"), std::string::npos);
  EXPECT_NE(out->find("IEND"), std::string::npos);
}

TEST(Photos, WebpLosesExifAndXmpAndFixesHeader) {
  Result<std::string> out = strip_metadata(webp_with_exif(), ImageType::kWebp);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->find("gps-exif"), std::string::npos);
  EXPECT_EQ(out->find("xmpmeta"), std::string::npos);
  EXPECT_NE(out->find("frame"), std::string::npos);
  const std::string size = out->substr(4, 4);
  EXPECT_EQ(size, le32(static_cast<uint32_t>(out->size() - 8)));
  EXPECT_EQ(static_cast<uint8_t>((*out)[20]), 0x10);  // only the alpha flag is left
}

TEST(Photos, BrokenStructureIsNotAnImage) {
  std::string jpeg = jpeg_with_exif();
  EXPECT_EQ(strip_metadata(jpeg.substr(0, 10), ImageType::kJpeg).status().code(),
            Code::kUnsupportedMedia);
  std::string png = png_with_text();
  EXPECT_EQ(strip_metadata(png.substr(0, 30), ImageType::kPng).status().code(),
            Code::kUnsupportedMedia);
  std::string webp = webp_with_exif();
  webp[4] = '\x7f';  // RIFF size beyond the data
  EXPECT_EQ(strip_metadata(webp, ImageType::kWebp).status().code(), Code::kUnsupportedMedia);
  EXPECT_EQ(strip_metadata(png, ImageType::kJpeg).status().code(), Code::kUnsupportedMedia);
}

TEST(PhotoStore, StoresByContentHashOnce) {
  store::testing_util::ScratchDir dir;
  Result<PhotoStore> photos = PhotoStore::open(dir.file("photos"));
  ASSERT_TRUE(photos.ok()) << photos.status().message();
  const std::string clean = *strip_metadata(png_with_text(), ImageType::kPng);
  Result<Photo> a = photos->save(clean, ImageType::kPng);
  Result<Photo> b = photos->save(clean, ImageType::kPng);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->sha256, b->sha256);
  EXPECT_EQ(a->sha256.size(), 64u);
  EXPECT_EQ(a->media_type, "image/png");
  EXPECT_EQ(*photos->read(*a), clean);
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace warmcity::appeals
