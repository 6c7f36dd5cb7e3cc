#include "core/opening_hours_lexer.h"

#include <utility>

namespace warmcity::core::oh_detail {

const char* const kExpectRuleStart =
    "a weekday (Mo-Su), a month (Jan-Dec), PH, WD, OD, a time HH:MM, 24/7, open, closed, off, "
    "unknown or a \"comment\"";

namespace {

struct Word {
  const char* text;
  Tok kind;
  int value;
};

constexpr Word kWords[] = {
    {"su", Tok::kWeekday, 0}, {"mo", Tok::kWeekday, 1},       {"tu", Tok::kWeekday, 2},
    {"we", Tok::kWeekday, 3}, {"th", Tok::kWeekday, 4},       {"fr", Tok::kWeekday, 5},
    {"sa", Tok::kWeekday, 6}, {"jan", Tok::kMonth, 0},        {"feb", Tok::kMonth, 1},
    {"mar", Tok::kMonth, 2},  {"apr", Tok::kMonth, 3},        {"may", Tok::kMonth, 4},
    {"jun", Tok::kMonth, 5},  {"jul", Tok::kMonth, 6},        {"aug", Tok::kMonth, 7},
    {"sep", Tok::kMonth, 8},  {"oct", Tok::kMonth, 9},        {"nov", Tok::kMonth, 10},
    {"dec", Tok::kMonth, 11}, {"ph", Tok::kPublicHoliday, 0}, {"wd", Tok::kWorkingDay, 0},
    {"od", Tok::kOffDay, 0},  {"open", Tok::kOpen, 0},        {"closed", Tok::kClosed, 0},
    {"off", Tok::kClosed, 0}, {"unknown", Tok::kUnknown, 0},
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// word equals the lower-case keyword, ignoring the case of word.
bool equals_lower(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (lower(word[k]) != keyword[k]) return false;
  }
  return true;
}

}  // namespace

bool fail_at(ParseError* error, size_t pos, std::string expected) {
  error->position = pos;
  error->expected = std::move(expected);
  return false;
}

bool tokenize(std::string_view s, std::vector<Token>* out, ParseError* error) {
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    Token t;
    t.pos = i;
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (is_alpha(c)) {
      size_t end = i;
      while (end < s.size() && is_alpha(s[end])) ++end;
      const std::string_view word = s.substr(i, end - i);
      const Word* found = nullptr;
      for (const Word& w : kWords) {
        if (equals_lower(word, w.text)) {
          found = &w;
          break;
        }
      }
      if (found == nullptr) {
        if (equals_lower(word, "sh")) {
          return fail_at(error, i, "PH, WD or OD (SH, school holidays, is not supported)");
        }
        return fail_at(error, i,
                       std::string(kExpectRuleStart) + ", not \"" + std::string(word) + "\"");
      }
      t.kind = found->kind;
      t.value = found->value;
      i = end;
    } else if (c == '2' && s.substr(i, 4) == "24/7" && (i + 4 == s.size() || !is_digit(s[i + 4]))) {
      t.kind = Tok::kAlways;
      i += 4;
    } else if (is_digit(c)) {
      size_t end = i;
      while (end < s.size() && is_digit(s[end])) ++end;
      if (end - i > 4) return fail_at(error, i, "a number of at most 4 digits");
      t.kind = Tok::kNumber;
      int value = 0;
      for (size_t k = i; k < end; ++k) value = value * 10 + (s[k] - '0');
      t.value = value;
      t.digits = static_cast<int>(end - i);
      i = end;
    } else if (c == '"') {
      const size_t close = s.find('"', i + 1);
      if (close == std::string_view::npos)
        return fail_at(error, i, "a closing '\"' for this comment");
      if (close == i + 1) return fail_at(error, i + 1, "comment text between the quotes");
      t.kind = Tok::kComment;
      t.text = std::string(s.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (c == '|' && i + 1 < s.size() && s[i + 1] == '|') {
      t.kind = Tok::kFallback;
      i += 2;
    } else {
      switch (c) {
        case ':':
          t.kind = Tok::kColon;
          break;
        case '-':
          t.kind = Tok::kDash;
          break;
        case ',':
          t.kind = Tok::kComma;
          break;
        case ';':
          t.kind = Tok::kSemicolon;
          break;
        case '+':
          t.kind = Tok::kPlus;
          break;
        default:
          return fail_at(error, i, std::string(kExpectRuleStart) + " or a separator (- , ; || +)");
      }
      ++i;
    }
    out->push_back(std::move(t));
  }
  Token end;
  end.kind = Tok::kEnd;
  end.pos = s.size();
  out->push_back(end);
  return true;
}

}  // namespace warmcity::core::oh_detail
