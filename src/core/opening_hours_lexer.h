// Opening hours, internal: the tokenizer (text → tokens).
//
// Owns: splitting an opening_hours value into tokens: weekday and month
// names, PH/WD/OD, numbers, 24/7, punctuation, state keywords and quoted
// comments. Words are matched case-insensitively; anything else is an error
// naming its byte position (the parser converts it to code points).
//
// REQUIRES: `out` and `error` are not null. On success the token list ends
// with one Tok::kEnd whose position is the length of the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/opening_hours.h"

namespace warmcity::core::oh_detail {

enum class Tok {
  kWeekday,  // value: 0=Su … 6=Sa
  kMonth,    // value: 0=Jan … 11=Dec
  kNumber,   // value, digits
  kColon,
  kDash,
  kComma,
  kSemicolon,
  kFallback,  // ||
  kPlus,
  kAlways,  // 24/7
  kPublicHoliday,
  kWorkingDay,
  kOffDay,
  kOpen,
  kClosed,  // closed or off
  kUnknown,
  kComment,
  kEnd,
};

struct Token {
  Tok kind = Tok::kEnd;
  int value = 0;
  int digits = 0;
  size_t pos = 0;  // byte offset
  std::string text;
};

// What a rule may start with, for error messages.
extern const char* const kExpectRuleStart;

// Sets *error and returns false.
bool fail_at(ParseError* error, size_t byte_pos, std::string expected);

bool tokenize(std::string_view text, std::vector<Token>* out, ParseError* error);

}  // namespace warmcity::core::oh_detail
