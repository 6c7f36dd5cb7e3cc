#include "core/opening_hours_parser.h"

#include <string>
#include <utility>
#include <vector>

#include "core/opening_hours_lexer.h"

namespace warmcity::core::oh_detail {
namespace {

bool is_day_kind(Tok k) {
  return k == Tok::kPublicHoliday || k == Tok::kWorkingDay || k == Tok::kOffDay;
}

int max_day_of_month(int month0) {
  static constexpr int kMax[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kMax[month0];
}

// The reference's guess for the end of an open-ended range.
int open_end_until(int from) {
  if (from >= 22 * 60) return from + 8 * 60;
  if (from >= 17 * 60) return from + 10 * 60;
  return kMinutesPerDay;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, Program* out, ParseError* error)
      : toks_(std::move(tokens)), out_(out), error_(error) {}

  bool parse() {
    bool only_separators = true;
    for (const Token& t : toks_) {
      if (t.kind != Tok::kSemicolon && t.kind != Tok::kEnd) only_separators = false;
    }
    if (only_separators) return fail_at(error_, 0, std::string("a rule: ") + kExpectRuleStart);

    bool fallback = false;        // rules from here on follow a '||'
    bool after_fallback = false;  // the previous token was '||'
    for (;;) {
      const Tok next = peek().kind;
      if (after_fallback && (next == Tok::kSemicolon || next == Tok::kEnd)) {
        return fail(i_, std::string("a rule after '||': ") + kExpectRuleStart);
      }
      if (next == Tok::kEnd) return true;
      if (next == Tok::kSemicolon) {  // empty rule, e.g. a trailing ';'
        ++i_;
        continue;
      }
      if (!parse_rule(fallback)) return false;
      after_fallback = false;
      if (peek().kind == Tok::kSemicolon) {
        ++i_;
        fallback = false;
      } else if (peek().kind == Tok::kFallback) {
        ++i_;
        fallback = true;
        after_fallback = true;
      } else if (peek().kind != Tok::kEnd) {
        return fail(i_, "';', '||' or the end of the value");
      }
    }
  }

 private:
  const Token& peek(size_t k = 0) const {
    const size_t j = i_ + k;
    return j < toks_.size() ? toks_[j] : toks_.back();
  }
  bool fail(size_t token_index, std::string expected) {
    const size_t j = token_index < toks_.size() ? token_index : toks_.size() - 1;
    return fail_at(error_, toks_[j].pos, std::move(expected));
  }

  bool parse_rule(bool fallback) {
    bool additional = false;
    for (;;) {
      Rule rule;
      rule.fallback = fallback;
      rule.additional = additional;
      bool more = false;
      if (!parse_group(&rule, &more)) return false;
      add_rule(std::move(rule));
      if (!more) return true;
      additional = true;
    }
  }

  void add_rule(Rule rule) {
    Rule wrapped;
    for (const TimeSelector& t : rule.time) {
      if (!t.always && t.to > kMinutesPerDay) {
        TimeSelector w;
        w.to = t.to - kMinutesPerDay;
        w.open_end = t.open_end;
        wrapped.time.push_back(w);
      }
    }
    const bool wraps = !wrapped.time.empty();
    if (wraps) {
      wrapped.date = rule.date;
      wrapped.meaning = rule.meaning;
      wrapped.unknown = rule.unknown;
      wrapped.has_comment = rule.has_comment;
      wrapped.comment = rule.comment;
      wrapped.wrapped = true;
    }
    out_->rules.push_back(std::move(rule));
    if (wraps) out_->rules.push_back(std::move(wrapped));
  }

  // One rule up to ';', '||', the end, or a ',' that starts an additional
  // rule (*more = true, the ',' consumed).
  bool parse_group(Rule* rule, bool* more) {
    std::vector<DateSelector> holiday, month, weekday;
    bool any_selector = false;
    if (peek().kind == Tok::kMonth) {
      if (!parse_month_list(&month)) return false;
      any_selector = true;
    }
    while (peek().kind == Tok::kWeekday || is_day_kind(peek().kind)) {
      if (is_day_kind(peek().kind) && peek(1).kind != Tok::kComma) {
        holiday.push_back(day_kind_selector(peek().kind));
        ++i_;
      } else if (!parse_weekday_list(&weekday)) {
        return false;
      }
      any_selector = true;
    }
    for (std::vector<DateSelector>* group : {&holiday, &month, &weekday}) {
      if (!group->empty()) rule->date.push_back(std::move(*group));
    }

    bool has_time = false;  // a list of time ranges (24/7 does not count)
    if (peek().kind == Tok::kAlways) {
      TimeSelector t;
      t.always = true;
      rule->time.push_back(t);
      ++i_;
    } else if (peek().kind == Tok::kNumber) {
      if (!parse_time_list(rule)) return false;
      has_time = true;
    }

    bool has_modifier = true;
    switch (peek().kind) {
      case Tok::kOpen:
        rule->meaning = true;
        break;
      case Tok::kClosed:
        rule->meaning = false;
        break;
      case Tok::kUnknown:
        rule->meaning = false;
        rule->unknown = true;
        break;
      default:
        has_modifier = false;
    }
    if (has_modifier) ++i_;

    bool has_comment = false;
    if (peek().kind == Tok::kComment) {
      rule->has_comment = true;
      rule->comment = peek().text;
      if (!has_modifier) {  // a bare comment means "unknown", as in the reference
        rule->meaning = false;
        rule->unknown = true;
      }
      ++i_;
      has_comment = true;
    }

    if (!any_selector && rule->time.empty() && !has_modifier && !has_comment) {
      return fail(i_, kExpectRuleStart);
    }
    const Tok next = peek().kind;
    if (next == Tok::kComma && (has_time || has_modifier || has_comment)) {
      ++i_;
      *more = true;
      return true;
    }
    if (next == Tok::kSemicolon || next == Tok::kFallback || next == Tok::kEnd) return true;
    if (has_comment) return fail(i_, "',', ';', '||' or the end of the value");
    if (has_modifier) return fail(i_, "a \"comment\", ',', ';', '||' or the end of the value");
    if (has_time) {
      return fail(
          i_, "',', open, closed, off, unknown, a \"comment\", ';', '||' or the end of the value");
    }
    if (!rule->time.empty()) {
      return fail(i_,
                  "open, closed, off, unknown, a \"comment\", ';', '||' or the end of the value");
    }
    return fail(i_,
                "a weekday, PH, WD, OD, a time HH:MM, 24/7, open, closed, off, unknown, a "
                "\"comment\", ';', '||' or the end of the value");
  }

  static DateSelector day_kind_selector(Tok kind) {
    DateSelector s;
    s.kind = kind == Tok::kPublicHoliday ? DateKind::kPublicHoliday
             : kind == Tok::kWorkingDay  ? DateKind::kWorkingDay
                                         : DateKind::kOffDay;
    return s;
  }

  // A range over a cycle (weekdays or months), normalised as the reference does.
  static DateSelector cycle_range(DateKind kind, int from, int to) {
    DateSelector s;
    s.kind = kind;
    s.inside = true;
    if (to < from) {
      const int tmp = to;
      to = from - 1;
      from = tmp + 1;
      s.inside = false;
    }
    s.a = from;
    s.b = to;
    s.full = to < from;
    return s;
  }

  bool parse_weekday_list(std::vector<DateSelector>* group) {
    for (;;) {
      const Token& t = peek();
      if (t.kind == Tok::kWeekday) {
        const int from = t.value;
        ++i_;
        int to = from;
        if (peek().kind == Tok::kDash) {
          if (peek(1).kind != Tok::kWeekday) return fail(i_ + 1, "a weekday (Mo-Su) after '-'");
          to = peek(1).value;
          i_ += 2;
        }
        group->push_back(cycle_range(DateKind::kWeekdays, from, to));
      } else if (is_day_kind(t.kind)) {
        group->push_back(day_kind_selector(t.kind));
        ++i_;
      } else {
        return fail(i_, "a weekday (Mo-Su), PH, WD or OD after ','");
      }
      if (peek().kind != Tok::kComma) return true;
      ++i_;
    }
  }

  bool day_number(size_t at, int month0) {
    const Token& t = toks_[at];
    if (t.value < 1 || t.value > max_day_of_month(month0)) {
      return fail(at,
                  "a day of the month between 01 and " + std::to_string(max_day_of_month(month0)));
    }
    return true;
  }

  bool is_day_token(size_t k) const {
    return peek(k).kind == Tok::kNumber && peek(k + 1).kind != Tok::kColon;
  }

  bool parse_month_list(std::vector<DateSelector>* group) {
    for (;;) {
      if (peek().kind != Tok::kMonth) return fail(i_, "a month (Jan-Dec) after ','");
      const int m1 = peek().value;
      ++i_;
      if (is_day_token(0)) {  // "Dec 24…", not "Dec 10:00"
        const int d1 = peek().value;
        if (!day_number(i_, m1)) return false;
        ++i_;
        DateSelector s;
        if (peek().kind == Tok::kDash && peek(1).kind == Tok::kMonth) {
          const int m2 = peek(1).value;
          if (!is_day_token(2)) return fail(i_ + 2, "a day of the month after the month");
          if (!day_number(i_ + 2, m2)) return false;
          s.kind = DateKind::kMonthDayRange;
          s.a = m1;
          s.b = d1;
          s.c = m2;
          s.d = peek(2).value;
          i_ += 3;
        } else if (peek().kind == Tok::kDash) {
          if (!is_day_token(1)) return fail(i_ + 1, "a day of the month or a month after '-'");
          if (!day_number(i_ + 1, m1)) return false;
          if (peek(1).value < d1) return fail(i_ + 1, "a last day not before the first day");
          s.kind = DateKind::kMonthDays;
          s.a = m1;
          s.b = d1;
          s.c = peek(1).value;
          s.is_range = true;
          i_ += 2;
        } else {
          s.kind = DateKind::kMonthDays;
          s.a = m1;
          s.b = d1;
          s.c = d1;
        }
        group->push_back(s);
      } else {
        int m2 = m1;
        if (peek().kind == Tok::kDash) {
          if (peek(1).kind != Tok::kMonth) return fail(i_ + 1, "a month (Jan-Dec) after '-'");
          m2 = peek(1).value;
          i_ += 2;
        }
        group->push_back(cycle_range(DateKind::kMonths, m1, m2));
      }
      if (peek().kind != Tok::kComma) return true;
      ++i_;
    }
  }

  // HH:MM at the current token; *minutes = HH*60+MM.
  bool read_time(int* minutes) {
    const Token& h = peek();
    if (h.kind != Tok::kNumber || h.digits > 2) return fail(i_, "a time HH:MM");
    if (peek(1).kind != Tok::kColon) return fail(i_ + 1, "':' between hours and minutes");
    const Token& m = peek(2);
    if (m.kind != Tok::kNumber || m.digits != 2) return fail(i_ + 2, "two-digit minutes (00-59)");
    if (m.value > 59) return fail(i_ + 2, "minutes between 00 and 59");
    *minutes = h.value * 60 + m.value;
    i_ += 3;
    return true;
  }

  static void push_time(Rule* rule, int from, int to, bool open_end) {
    TimeSelector t;
    if (from == 0 && to == kMinutesPerDay) {
      t.always = true;
    } else {
      t.from = from;
      t.to = to;
      t.open_end = open_end;
    }
    rule->time.push_back(t);
  }

  // How the reference continues a time list after "A-B+": it parses the list
  // again from B as open end "B+" (extended: B is past midnight when A-B
  // wraps), then parses A-B and the rest of the list normally. Ranges after
  // "A-B+" therefore appear twice; open ends among them once shifted by a day
  // when A-B wraps. Replicated exactly because it changes the results.
  // Each "A-B+" doubles what follows it, so a rule holds at most
  // kMaxTimeRanges ranges: without the bound, forty of them in a row ran for
  // minutes (found by fuzz/opening_hours).
  enum class Extended { kNo, kSameDay, kNextDay };
  static constexpr size_t kMaxTimeRanges = 100;

  bool parse_time_list(Rule* rule, Extended extended = Extended::kNo) {
    for (;;) {
      if (!parse_time_range(rule, extended)) return false;
      if (peek().kind == Tok::kComma && peek(1).kind == Tok::kNumber) {
        ++i_;
        continue;
      }
      return true;
    }
  }

  bool parse_time_range(Rule* rule, Extended extended) {
    const size_t start_at = i_;
    if (rule->time.size() >= kMaxTimeRanges) {
      return fail(start_at, "at most 100 time ranges in one rule (each \"A-B+\" repeats the rest)");
    }
    int from = 0;
    if (!read_time(&from)) return false;
    if (peek().kind == Tok::kPlus) {  // "18:00+"
      const size_t plus_at = i_;
      ++i_;
      if (extended == Extended::kNextDay) from += kMinutesPerDay;
      if (extended == Extended::kNo && from >= kMinutesPerDay) {
        return fail(start_at, "a start time before 24:00");
      }
      const int to = open_end_until(from);
      if (to > 2 * kMinutesPerDay) return fail(plus_at, "an open end that ends before 48:00");
      push_time(rule, from, to, true);
      return true;
    }
    if (peek().kind != Tok::kDash) return fail(i_, "'-' or '+' after the start time");
    ++i_;
    const size_t end_at = i_;
    int to = 0;
    if (!read_time(&to)) return false;
    if (peek().kind == Tok::kPlus) {  // "10:00-12:00+": an open end from 12:00
      const size_t resume_at = i_ + 1;
      i_ = end_at;
      if (!parse_time_list(rule, to < from ? Extended::kNextDay : Extended::kSameDay)) return false;
      i_ = resume_at;
    }
    if (extended == Extended::kNo && from >= kMinutesPerDay) {
      return fail(start_at, "a start time before 24:00");
    }
    if (to <= from) to += kMinutesPerDay;
    if (to > 2 * kMinutesPerDay)
      return fail(end_at, "an end time of at most 48:00 after the start");
    push_time(rule, from, to, false);
    return true;
  }

  std::vector<Token> toks_;
  size_t i_ = 0;
  Program* out_;
  ParseError* error_;
};

size_t code_points_before(std::string_view s, size_t byte_pos) {
  size_t n = 0;
  for (size_t i = 0; i < byte_pos && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

bool parse_program(std::string_view expr, Program* out, ParseError* error) {
  std::vector<Token> tokens;
  bool ok = tokenize(expr, &tokens, error);
  if (ok) {
    for (const Token& t : tokens) {
      if (is_day_kind(t.kind)) out->uses_calendar = true;
    }
    ok = Parser(std::move(tokens), out, error).parse();
  }
  if (!ok) error->position = code_points_before(expr, error->position);
  return ok;
}

}  // namespace warmcity::core::oh_detail
