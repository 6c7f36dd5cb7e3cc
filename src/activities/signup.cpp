// The rules of a sign-up's body (signup.h).
#include "activities/signup.h"

#include <random>

#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"

namespace warmcity::activities {

namespace {

size_t signup_utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

// "YYYY-MM-DD" from 1850 on (core::parse_date starts at 1970: too late for
// a birth date).
std::optional<core::LocalDate> signup_parse_day(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  core::LocalDate d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.year < 1850 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > core::days_in_month(d.year, d.month))
    return std::nullopt;
  return d;
}

}  // namespace

std::optional<std::string> signup_name(std::string_view raw, std::string* why) {
  std::string name(core::trim_blanks(raw));
  if (name.empty()) {
    *why = "must not be blank";
    return std::nullopt;
  }
  if (signup_utf8_length(name) > kMaxSignupName) {
    *why = "at most 40 characters";
    return std::nullopt;
  }
  for (unsigned char ch : name) {
    if (ch < 0x20 || ch == 0x7F) {
      *why = "must not hold control characters";
      return std::nullopt;
    }
  }
  return name;
}

bool is_signup_phone(std::string_view phone) {
  return phone.size() == 11 && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9' &&
         core::is_valid_phone(phone);
}

int64_t age_on(std::string_view birth, std::string_view day) {
  std::optional<core::LocalDate> b = signup_parse_day(birth);
  std::optional<core::LocalDate> d = signup_parse_day(day);
  if (!b || !d) return -1;
  int64_t years = d->year - b->year;
  if (d->month < b->month || (d->month == b->month && d->day < b->day)) --years;
  return years;
}

std::optional<std::string> birth_date_refusal(const std::optional<std::string>& birth_date,
                                              const AgeLimits& limits,
                                              std::string_view local_date) {
  if (!birth_date) {
    if (limits.any()) return std::string("required: this activity has age limits");
    return std::nullopt;
  }
  if (!signup_parse_day(*birth_date)) return std::string("a date YYYY-MM-DD");
  const int64_t age = age_on(*birth_date, local_date);
  if (age < 0) return std::string("must not be after the activity's date");
  if (limits.min && age < *limits.min) {
    return "the activity is for ages " + std::to_string(*limits.min) + " and over";
  }
  if (limits.max && age > *limits.max) {
    return "the activity is for ages up to " + std::to_string(*limits.max);
  }
  return std::nullopt;
}

std::string new_door_code() {
  static thread_local std::random_device device;
  std::uniform_int_distribution<int> digit(0, 9);
  std::string code;
  for (int i = 0; i < 6; ++i) code += static_cast<char>('0' + digit(device));
  return code;
}

bool is_door_code(std::string_view code) {
  if (code.size() != 6) return false;
  for (char ch : code)
    if (ch < '0' || ch > '9') return false;
  return true;
}

std::string first_chars(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return std::string(s.substr(0, i));
      ++chars;
    }
  }
  return std::string(s);
}

}  // namespace warmcity::activities
