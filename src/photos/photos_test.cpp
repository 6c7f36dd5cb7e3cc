// Sniffing by content, and the per-format whitelist strippers: what is kept,
// what is dropped, and which files are refused as not one whole picture.
// The real pictures below were made with cjpeg and cwebp from an 8×8
// gradient and decode with djpeg / dwebp, before and after stripping.
#include "photos/photos.h"

#include <gtest/gtest.h>

#include "photos/photo_store.h"
#include "store/test_util.h"

namespace warmcity::photos {
namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string out;
  for (int v : b) out.push_back(static_cast<char>(v));
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string be32(uint32_t v) {
  return bytes({int(v >> 24), int((v >> 16) & 255), int((v >> 8) & 255), int(v & 255)});
}
std::string le32(uint32_t v) {
  return bytes({int(v & 255), int((v >> 8) & 255), int((v >> 16) & 255), int(v >> 24)});
}

Code refusal(const std::string& in, ImageType type) {
  return strip_metadata(in, type).status().code();
}

// ---- JPEG ----

// A JPEG segment: marker and a payload (the length counts itself).
std::string segment(int marker, const std::string& payload) {
  const size_t n = payload.size() + 2;
  return bytes({0xFF, marker, int(n >> 8), int(n & 255)}) + payload;
}

const std::string kSoi = bytes({0xFF, 0xD8});
const std::string kEoi = bytes({0xFF, 0xD9});
const std::string kJfif = segment(0xE0, std::string("JFIF\0\1\1\0\0\1\0\1\0\0", 14));
const std::string kFrame = segment(0xC0, std::string("\x08\0\x08\0\x08\1\1\x11\0", 9));
const std::string kScanHeader = segment(0xDA, std::string("\1\1\0\0\x3F\0", 6));

// Real 8×8 JPEGs: baseline greyscale, and progressive colour with ten scans
// and a DHT before most of them.
const std::string kGreyJpeg = from_hex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c"
    "0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740"
    "485c4e404457453738506d51575f626768673e4d71797064785c656763ff"
    "c0000b080008000801011100ffc400140001000000000000000000000000"
    "00000003ffc40017100100030000000000000000000000000005002231ff"
    "da0008010100003f0003c2ca4fffd9");
const std::string kProgressiveJpeg = from_hex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c"
    "0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740"
    "485c4e404457453738506d51575f626768673e4d71797064785c656763ff"
    "db0043011112121815182f1a1a2f63423842636363636363636363636363"
    "636363636363636363636363636363636363636363636363636363636363"
    "6363636363636363ffc20011080008000803012200021101031101ffc400"
    "1500010100000000000000000000000000000003ffc40015010101000000"
    "00000000000000000000000103ffda000c03010002100310000001989bff"
    "c4001510010100000000000000000000000000000300ffda000801010001"
    "050230bfffc40017110003010000000000000000000000000000020312ff"
    "da0008010301013f01855b07ffc400171101000300000000000000000000"
    "00000002000311ffda0008010201013f01562d9fffc40014100100000000"
    "000000000000000000000000ffda0008010100063f027fffc40015100101"
    "00000000000000000000000000000061ffda0008010100013f2183ffda00"
    "0c03010002000300000010f7ffc400161100030000000000000000000000"
    "000000001121ffda0008010301013f105d4fffc400151101010000000000"
    "0000000000000000000041ffda0008010201013f10b8ffc4001510010100"
    "000000000000000000000000000031ffda0008010100013f108bffd9");

const std::string kGps = segment(0xE1, std::string("Exif\0\0GPSLatitude=37.5", 22));

// `jpeg` with `segments` right after its SOI.
std::string after_soi(const std::string& jpeg, const std::string& segments) {
  return jpeg.substr(0, 2) + segments + jpeg.substr(2);
}

std::string jpeg_with_exif() {
  return kSoi + kJfif + kGps + segment(0xED, "Photoshop 3.0 IPTC city") +
         segment(0xDB, std::string(65, '\1')) + kFrame + kScanHeader + "scan-data-FF" + kEoi;
}

TEST(Photos, SniffsByContent) {
  EXPECT_EQ(sniff(jpeg_with_exif()), ImageType::kJpeg);
  EXPECT_EQ(sniff(std::string("\x89PNG\r\n\x1a\n", 8)), ImageType::kPng);
  EXPECT_EQ(sniff(std::string("RIFF\4\0\0\0WEBP", 12)), ImageType::kWebp);
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

TEST(Photos, RealJpegsWithNothingToDropComeBackByteForByte) {
  EXPECT_EQ(*strip_metadata(kGreyJpeg, ImageType::kJpeg), kGreyJpeg);
  EXPECT_EQ(*strip_metadata(kProgressiveJpeg, ImageType::kJpeg), kProgressiveJpeg);
  EXPECT_EQ(*strip_metadata(after_soi(kProgressiveJpeg, kGps), ImageType::kJpeg), kProgressiveJpeg);
}

TEST(Photos, JpegKeepsOnlyWhitelistedSegments) {
  const std::string icc = segment(0xE2, std::string("ICC_PROFILE\0\1\1profile-bytes", 27));
  const std::string adobe = segment(0xEE, std::string("Adobe\0\x64\0\0\0\0\1", 12));
  const std::string metadata =
      kGps + segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS</x:xmpmeta>") +
      segment(0xFE, "<html><script>alert(1)</script>") +              // COM
      segment(0xED, "Photoshop 3.0\0IPTC city=Taiyuan") +             // APP13
      segment(0xE2, std::string("MPF\0MM\0\x2A-second-image", 21)) +  // APP2, not ICC
      segment(0xE3, "Meta camera-serial") + segment(0xEF, "Ducky") +
      segment(0xEB, "JP HDR gain map") + segment(0xE0, "JFXX\x10thumbnail");
  Result<std::string> out =
      strip_metadata(after_soi(kGreyJpeg, metadata + icc + adobe), ImageType::kJpeg);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, after_soi(kGreyJpeg, icc + adobe));
}

TEST(Photos, JpegDropsSegmentsBetweenProgressiveScans) {
  // Before the whitelist, everything after the first SOS was copied as is.
  std::string jpeg = kProgressiveJpeg;
  const size_t second_dht = jpeg.find("\xFF\xC4", jpeg.find("\xFF\xDA"));
  ASSERT_NE(second_dht, std::string::npos);
  jpeg.insert(second_dht, kGps + segment(0xFE, "comment between scans"));
  Result<std::string> out = strip_metadata(jpeg, ImageType::kJpeg);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, kProgressiveJpeg);
}

TEST(Photos, JpegStopsAtEoiAndDropsWhatFollows) {
  // A second JPEG after EOI, as phones append gain maps, carrying its own GPS;
  // then a ZIP, as a JPEG/ZIP polyglot.
  const std::string trailing = after_soi(kGreyJpeg, kGps) + "PK\3\4payload.html";
  Result<std::string> out = strip_metadata(after_soi(kGreyJpeg, kGps) + trailing, ImageType::kJpeg);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, kGreyJpeg);
  EXPECT_EQ(out->find("GPS"), std::string::npos);
  EXPECT_EQ(out->find("PK"), std::string::npos);
}

TEST(Photos, JpegThumbnailInJfifIsDropped) {
  // A 1×1 thumbnail: an uncropped copy of the picture that is not the picture.
  const std::string thumbnail = std::string("JFIF\0\1\1\0\0\1\0\1\1\1", 14) + "RGB";
  const std::string after_jfif = kGreyJpeg.substr(20);
  Result<std::string> out =
      strip_metadata(kSoi + segment(0xE0, thumbnail) + after_jfif, ImageType::kJpeg);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, kSoi + kJfif + after_jfif);
  EXPECT_EQ(kGreyJpeg.substr(0, 20), kSoi + kJfif);
}

TEST(Photos, JpegScanDataKeepsStuffingAndRestarts) {
  // FF 00 is a stuffed FF and RST0-7 sit inside the data; fill FFs before a
  // marker are padding and are not kept.
  const std::string data = bytes({0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD1});
  const std::string in = kSoi + kFrame + kScanHeader + data + bytes({0xFF, 0xFF}) + kEoi;
  Result<std::string> out = strip_metadata(in, ImageType::kJpeg);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, kSoi + kFrame + kScanHeader + data + kEoi);
}

TEST(Photos, JpegThatIsNotOneWholePictureIsRefused) {
  const ImageType jpeg = ImageType::kJpeg;
  // Cut off: no EOI after the scan.
  Result<std::string> cut = strip_metadata(kGreyJpeg.substr(0, kGreyJpeg.size() - 2), jpeg);
  EXPECT_EQ(cut.status().code(), Code::kUnsupportedMedia);
  EXPECT_EQ(cut.status().message(), "not a valid JPEG image: it is cut off before its end");
  EXPECT_EQ(refusal(kGreyJpeg.substr(0, kGreyJpeg.size() - 1), jpeg), Code::kUnsupportedMedia);
  // A scan with no frame header before it.
  EXPECT_EQ(refusal(kSoi + kScanHeader + "data" + kEoi, jpeg), Code::kUnsupportedMedia);
  // A second frame (a second picture).
  EXPECT_EQ(refusal(kSoi + kFrame + kFrame + kScanHeader + "data" + kEoi, jpeg),
            Code::kUnsupportedMedia);
  // A second SOI before the first picture ends.
  EXPECT_EQ(refusal(kSoi + kSoi + kFrame + kScanHeader + "data" + kEoi, jpeg),
            Code::kUnsupportedMedia);
  // EOI with no picture data.
  EXPECT_EQ(refusal(kSoi + kFrame + kEoi, jpeg), Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(kSoi + kJfif + kEoi + kGreyJpeg, jpeg), Code::kUnsupportedMedia);
  // Hierarchical (SOF5, DHP) and unknown markers.
  EXPECT_EQ(refusal(kSoi + segment(0xDE, std::string(9, '\1')) + kGreyJpeg.substr(2), jpeg),
            Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(kSoi + segment(0xF7, "JPEG-LS") + kGreyJpeg.substr(2), jpeg),
            Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(kSoi + bytes({0xFF, 0xD0}) + kGreyJpeg.substr(2), jpeg),
            Code::kUnsupportedMedia);
  // Bytes between segments; a frame header of the wrong length.
  EXPECT_EQ(refusal(kSoi + "x" + kGreyJpeg.substr(2), jpeg), Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(kSoi + segment(0xC0, "short") + kScanHeader + "data" + kEoi, jpeg),
            Code::kUnsupportedMedia);
}

// ---- PNG ----

std::string chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<uint32_t>(data.size())) + type + data + "CRC!";
}

const std::string kPngSignature("\x89PNG\r\n\x1a\n", 8);
const std::string kIhdr = chunk("IHDR", std::string("\0\0\0\1\0\0\0\1\x08\6\0\0\0", 13));

std::string png_with_text() {
  return kPngSignature + kIhdr + chunk("tEXt", std::string("GPS\0here", 8)) +
         chunk("eXIf", "MM-gps") + chunk("iTXt", "XML:com.adobe.xmp") + chunk("IDAT", "pixels") +
         chunk("IEND", "");
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

TEST(Photos, PngKeepsOnlyWhitelistedChunks) {
  const std::string colour = chunk("gAMA", "gama") + chunk("cHRM", std::string(32, '\1')) +
                             chunk("sRGB", "\1") + chunk("iCCP", std::string("P3\0\0zz", 6)) +
                             chunk("pHYs", std::string(9, '\1'));
  const std::string picture = chunk("PLTE", "rgb") + chunk("tRNS", "\1") +
                              chunk("IDAT", "pixels-1") + chunk("IDAT", "pixels-2");
  const std::string in = kPngSignature + kIhdr + chunk("tIME", "2024-05-01") + colour +
                         chunk("vpAg", "unknown") + chunk("acTL", "frames") +
                         chunk("zTXt", "Location\0x") + picture + chunk("eXIf", "MM-gps") +
                         chunk("IEND", "");
  Result<std::string> out = strip_metadata(in, ImageType::kPng);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, kPngSignature + kIhdr + colour + picture + chunk("IEND", ""));
  EXPECT_EQ(*strip_metadata(*out, ImageType::kPng), *out);
}

TEST(Photos, PngThatIsNotOneWholePictureIsRefused) {
  const ImageType png = ImageType::kPng;
  const std::string picture = kPngSignature + kIhdr + chunk("IDAT", "pixels") + chunk("IEND", "");
  ASSERT_EQ(*strip_metadata(picture, png), picture);
  // Anything after IEND: a second PNG carrying text, or stray bytes.
  Result<std::string> two = strip_metadata(picture + png_with_text(), png);
  EXPECT_EQ(two.status().code(), Code::kUnsupportedMedia);
  EXPECT_EQ(two.status().message(),
            "not a valid PNG image: there are more bytes after its end (IEND)");
  EXPECT_EQ(refusal(picture + std::string(1, '\0'), png), Code::kUnsupportedMedia);
  // Cut off before IEND.
  EXPECT_EQ(refusal(picture.substr(0, picture.size() - 12), png), Code::kUnsupportedMedia);
  // IHDR not first, twice, or of the wrong size; no IDAT.
  EXPECT_EQ(refusal(kPngSignature + chunk("gAMA", "gama") + kIhdr + chunk("IDAT", "p") +
                        chunk("IEND", ""),
                    png),
            Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(kPngSignature + kIhdr + kIhdr + chunk("IDAT", "p") + chunk("IEND", ""), png),
            Code::kUnsupportedMedia);
  EXPECT_EQ(
      refusal(kPngSignature + chunk("IHDR", "short") + chunk("IDAT", "p") + chunk("IEND", ""), png),
      Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(kPngSignature + kIhdr + chunk("IEND", ""), png), Code::kUnsupportedMedia);
  // An unknown critical chunk, and a chunk type that is not letters.
  EXPECT_EQ(
      refusal(kPngSignature + kIhdr + chunk("ZZZZ", "?") + chunk("IDAT", "p") + chunk("IEND", ""),
              png),
      Code::kUnsupportedMedia);
  EXPECT_EQ(
      refusal(kPngSignature + kIhdr + chunk("<ht>", "?") + chunk("IDAT", "p") + chunk("IEND", ""),
              png),
      Code::kUnsupportedMedia);
}

// ---- WebP ----

std::string riff_chunk(const std::string& fourcc, const std::string& data) {
  std::string out = fourcc + le32(static_cast<uint32_t>(data.size())) + data;
  if (data.size() % 2) out.push_back('\0');
  return out;
}

std::string riff(const std::string& chunks) {
  return "RIFF" + le32(static_cast<uint32_t>(chunks.size() + 4)) + "WEBP" + chunks;
}

// Real 8×8 WebPs: lossy (one VP8 chunk) and lossless (one VP8L chunk).
const std::string kLossyWebp = from_hex(
    "5249464644000000574542505650382038000000d001009d012a08000800"
    "02c04c25b0027400f431ac400000fef1a779bc30812b8eac8be1962cacee"
    "a12ed1bff37d4fe84778ff4ee55c0000");
const std::string kLosslessWebp = from_hex(
    "524946462e000000574542505650384c220000002f07c00100993244f43f"
    "3611d1ff0061b65151ce9f73af231890018c09a07aa0ff00");
const std::string kVp8Chunk = kLossyWebp.substr(12);

std::string vp8x(int flags) { return riff_chunk("VP8X", bytes({flags}) + std::string(9, '\0')); }

std::string webp_with_exif() {
  return riff(vp8x(0x0C | 0x10) + kVp8Chunk + riff_chunk("EXIF", "gps-exif") +
              riff_chunk("XMP ", "<x:xmpmeta/>"));
}

TEST(Photos, WebpLosesExifAndXmpAndFixesHeader) {
  Result<std::string> out = strip_metadata(webp_with_exif(), ImageType::kWebp);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->find("gps-exif"), std::string::npos);
  EXPECT_EQ(out->find("xmpmeta"), std::string::npos);
  EXPECT_NE(out->find(kVp8Chunk), std::string::npos);
  const std::string size = out->substr(4, 4);
  EXPECT_EQ(size, le32(static_cast<uint32_t>(out->size() - 8)));
  EXPECT_EQ(static_cast<uint8_t>((*out)[20]), 0x10);  // only the alpha flag is left
}

TEST(Photos, RealWebpsComeBackByteForByte) {
  EXPECT_EQ(*strip_metadata(kLossyWebp, ImageType::kWebp), kLossyWebp);
  EXPECT_EQ(*strip_metadata(kLosslessWebp, ImageType::kWebp), kLosslessWebp);
}

TEST(Photos, WebpKeepsOnlyWhitelistedChunks) {
  const std::string icc = riff_chunk("ICCP", "profile");
  const std::string alpha = riff_chunk("ALPH", "alpha-plane");
  // Extended: ICCP and ALPH stay, unknown chunks go; the ICC flag stays
  // only while an ICCP chunk does.
  Result<std::string> out = strip_metadata(
      riff(vp8x(0x3C) + icc + riff_chunk("XYZW", "unknown") + alpha + kVp8Chunk), ImageType::kWebp);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, riff(vp8x(0x30) + icc + alpha + kVp8Chunk));
  out = strip_metadata(riff(vp8x(0x20) + kVp8Chunk), ImageType::kWebp);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, riff(vp8x(0x00) + kVp8Chunk));
  // Simple: only the image chunk.
  out = strip_metadata(riff(kVp8Chunk + riff_chunk("EXIF", "gps-exif") + icc), ImageType::kWebp);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, kLossyWebp);
}

TEST(Photos, WebpThatIsNotOneWholePictureIsRefused) {
  const ImageType webp = ImageType::kWebp;
  // The 12-byte header alone, and a VP8X with no image chunk.
  Result<std::string> empty = strip_metadata(std::string("RIFF\4\0\0\0WEBP", 12), webp);
  EXPECT_EQ(empty.status().code(), Code::kUnsupportedMedia);
  EXPECT_EQ(empty.status().message(), "not a valid WebP image: it has no picture data");
  EXPECT_EQ(refusal(riff(vp8x(0) + riff_chunk("EXIF", "gps")), webp), Code::kUnsupportedMedia);
  // The RIFF size is not the file's length: bytes behind it, or cut off.
  EXPECT_EQ(refusal(kLossyWebp + "<html>", webp), Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(kLossyWebp + kLosslessWebp, webp), Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(kLossyWebp.substr(0, kLossyWebp.size() - 2), webp), Code::kUnsupportedMedia);
  // Two pictures; a picture chunk without its signature; not starting with a
  // picture or VP8X.
  EXPECT_EQ(refusal(riff(kVp8Chunk + kLosslessWebp.substr(12)), webp), Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(riff(riff_chunk("VP8 ", "frame-data")), webp), Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(riff(riff_chunk("EXIF", "gps") + kVp8Chunk), webp), Code::kUnsupportedMedia);
  // Animation.
  EXPECT_EQ(refusal(riff(vp8x(0x02) + riff_chunk("ANIM", std::string(6, '\0')) +
                         riff_chunk("ANMF", std::string(16, '\0') + kVp8Chunk)),
                    webp),
            Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(riff(vp8x(0) + riff_chunk("ANMF", std::string(16, '\0') + kVp8Chunk)), webp),
            Code::kUnsupportedMedia);
}

TEST(Photos, BrokenStructureIsNotAnImage) {
  std::string jpeg = jpeg_with_exif();
  EXPECT_EQ(refusal(jpeg.substr(0, 10), ImageType::kJpeg), Code::kUnsupportedMedia);
  std::string png = png_with_text();
  EXPECT_EQ(refusal(png.substr(0, 30), ImageType::kPng), Code::kUnsupportedMedia);
  std::string webp = webp_with_exif();
  webp[4] = '\x7f';  // RIFF size beyond the data
  EXPECT_EQ(refusal(webp, ImageType::kWebp), Code::kUnsupportedMedia);
  EXPECT_EQ(refusal(png, ImageType::kJpeg), Code::kUnsupportedMedia);
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

TEST(PhotoStore, RefusesNewPhotosBeyondTheQuotaCountingWhatIsThere) {
  store::testing_util::ScratchDir dir;
  const std::string clean = *strip_metadata(png_with_text(), ImageType::kPng);
  const auto size = static_cast<int64_t>(clean.size());
  {
    Result<PhotoStore> photos = PhotoStore::open(dir.file("photos"), 2 * size);
    ASSERT_TRUE(photos.ok());
    ASSERT_TRUE(photos->save(clean, ImageType::kPng).ok());
    EXPECT_EQ(photos->used_bytes(), size);
  }
  // Reopened: the stored photo counts. The same photo again costs nothing;
  // a different one fits once, then the quota is reached.
  Result<PhotoStore> photos = PhotoStore::open(dir.file("photos"), 2 * size);
  ASSERT_TRUE(photos.ok());
  EXPECT_EQ(photos->used_bytes(), size);
  EXPECT_TRUE(photos->save(clean, ImageType::kPng).ok());
  std::string other = clean;
  std::string third = clean;
  // Same length, different content: change one byte of the IDAT payload's
  // stored copy (the store does not decode, it hashes and writes).
  other[other.size() - 20] ^= 1;
  third[third.size() - 21] ^= 1;
  EXPECT_TRUE(photos->save(other, ImageType::kPng).ok());
  Result<Photo> refused = photos->save(third, ImageType::kPng);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kStorageFull);
  EXPECT_EQ(photos->used_bytes(), 2 * size);
}

}  // namespace
}  // namespace warmcity::photos
