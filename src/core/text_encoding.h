// Text files as spreadsheets in China write them: UTF-8 (with or without a
// byte-order mark) or GB18030 (Excel and WPS "CSV" on a Chinese Windows),
// decoded to UTF-8.
//
// Detection: valid UTF-8 is UTF-8; anything else is decoded as GB18030
// (glibc iconv). A file is refused when neither reading is clean: a byte
// sequence GB18030 does not define, a UTF-16 or UTF-32 byte-order mark, a
// NUL byte, or a decoded control or private-use character (what Latin-1 or
// binary data turn into). A caller may name the encoding instead of
// detecting it. Errors name the 1-based physical line of the first bad byte.
// Pure apart from iconv; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::core {

enum class TextEncoding { kUtf8, kGb18030 };

// "utf-8" | "utf8" → kUtf8; "gb18030" | "gbk" | "gb2312" → kGb18030 (its
// superset); any case. nullopt otherwise.
std::optional<TextEncoding> parse_text_encoding(std::string_view name);
std::string_view text_encoding_name(TextEncoding e);  // "utf-8" | "gb18030"

struct DecodedText {
  std::string text;  // UTF-8, without a byte-order mark
  TextEncoding encoding = TextEncoding::kUtf8;
  bool had_bom = false;
};

// A refused file is kUnprocessable with one field error {"encoding", "line
// N: …"} and `*bad_line` (when given) set to N.
Result<DecodedText> decode_text(std::string_view bytes, std::optional<TextEncoding> forced,
                                size_t* bad_line = nullptr);

}  // namespace warmcity::core
