// Decoding UTF-8 / GB18030 text files (see text_encoding.h).
#include "core/text_encoding.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>

#include "core/utf8.h"

namespace warmcity::core {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

size_t line_of(std::string_view bytes, size_t offset) {
  return 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

Status refused(std::string_view bytes, size_t offset, const std::string& why, size_t* bad_line) {
  const size_t line = line_of(bytes, offset);
  if (bad_line) *bad_line = line;
  return Status::Unprocessable(
      "the file is not readable text: " + why,
      {{"encoding", "line " + std::to_string(line) + ": " + why +
                        " (save the file as CSV UTF-8, or pass encoding=gb18030)"}});
}

// Owns an iconv descriptor.
class Converter {
 public:
  Converter() : cd_(iconv_open("UTF-8", "GB18030")) {}
  ~Converter() {
    if (ok()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// GB18030 → UTF-8; on a bad sequence, *bad receives its byte offset.
std::optional<std::string> from_gb18030(std::string_view in, size_t* bad) {
  Converter conv;
  if (!conv.ok()) {
    *bad = 0;
    return std::nullopt;
  }
  std::string out(in.size() * 2 + 16, '\0');  // a GB18030 character never grows beyond 2×
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  while (src_left > 0) {
    if (iconv(conv.get(), &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        const size_t used = out.size() - dst_left;
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dst_left = out.size() - used;
        continue;
      }
      *bad = in.size() - src_left;
      return std::nullopt;
    }
  }
  out.resize(out.size() - dst_left);
  return out;
}

// The offset of the first character no text file should hold (C0/C1
// controls other than tab, CR, LF; private use U+E000..U+F8FF), or npos.
size_t first_odd_character(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size(); ++i) {
    auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x20 && b != '\t' && b != '\r' && b != '\n') return i;
    if (b == 0xC2 && i + 1 < utf8.size()) {
      auto c = static_cast<unsigned char>(utf8[i + 1]);
      if (c >= 0x80 && c <= 0x9F) return i;  // C1 control
    }
    if (b == 0xEE ||
        (b == 0xEF && i + 1 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) < 0xA4)) {
      return i;  // U+E000..U+F8FF
    }
  }
  return std::string_view::npos;
}

Result<DecodedText> decode_gb18030(std::string_view bytes, size_t* bad_line) {
  size_t bad = 0;
  std::optional<std::string> text = from_gb18030(bytes, &bad);
  if (!text) return refused(bytes, bad, "neither UTF-8 nor GB18030", bad_line);
  if (size_t odd = first_odd_character(*text); odd != std::string_view::npos) {
    // Both encodings keep '\n', so the decoded line is the file's line.
    const size_t line = line_of(*text, odd);
    if (bad_line) *bad_line = line;
    return Status::Unprocessable(
        "the file is not readable text: neither UTF-8 nor GB18030",
        {{"encoding", "line " + std::to_string(line) +
                          ": holds characters no text file should (is it Latin-1 or binary?)"}});
  }
  return DecodedText{std::move(*text), TextEncoding::kGb18030, false};
}

}  // namespace

std::optional<TextEncoding> parse_text_encoding(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "utf-8" || lower == "utf8") return TextEncoding::kUtf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return TextEncoding::kGb18030;
  return std::nullopt;
}

std::string_view text_encoding_name(TextEncoding e) {
  return e == TextEncoding::kUtf8 ? "utf-8" : "gb18030";
}

Result<DecodedText> decode_text(std::string_view bytes, std::optional<TextEncoding> forced,
                                size_t* bad_line) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return refused(bytes, 0, "UTF-16 or UTF-32 is not supported", bad_line);
  }
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return refused(bytes, nul, "a NUL byte (a binary file, or UTF-16?)", bad_line);
  }
  const bool bom = bytes.starts_with(kUtf8Bom);
  if (bom && forced == TextEncoding::kGb18030) {
    return refused(bytes, 0, "a UTF-8 byte-order mark in a file said to be GB18030", bad_line);
  }
  if (forced == TextEncoding::kGb18030) return decode_gb18030(bytes, bad_line);
  const std::string_view body = bom ? bytes.substr(kUtf8Bom.size()) : bytes;
  const size_t valid = utf8_valid_prefix(body);
  if (valid == body.size()) return DecodedText{std::string(body), TextEncoding::kUtf8, bom};
  if (forced == TextEncoding::kUtf8 || bom) {
    return refused(body, valid, "not valid UTF-8", bad_line);
  }
  return decode_gb18030(bytes, bad_line);
}

}  // namespace warmcity::core
