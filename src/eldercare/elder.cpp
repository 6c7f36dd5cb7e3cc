#include "eldercare/elder.h"

#include <algorithm>

#include "core/phone.h"
#include "core/time.h"

namespace warmcity::eldercare {

namespace {

bool one_of(std::string_view code, std::initializer_list<std::string_view> codes) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

const std::vector<std::string>& category_codes() {
  static const std::vector<std::string> codes = {
      "living_alone",      "empty_nest",      "left_behind",     "disabled",
      "severely_disabled", "lost_only_child", "extreme_poverty", "subsistence_allowance"};
  return codes;
}

bool is_category(std::string_view code) {
  const auto& codes = category_codes();
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

bool is_risk_tier(std::string_view code) { return one_of(code, {"high", "priority", "general"}); }

bool is_consent_basis(std::string_view code) {
  return one_of(code, {"consent", "guardian_consent", "legal_duty"});
}

bool is_health_consent_basis(std::string_view code) {
  return one_of(code, {"consent", "guardian_consent"});
}

bool is_close_reason(std::string_view code) { return one_of(code, {"moved_out", "died"}); }

std::optional<int64_t> birth_date_days(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  const core::LocalDate d{parts[0], parts[1], parts[2]};
  if (d.year < 1900 || d.month < 1 || d.month > 12) return std::nullopt;
  if (d.day < 1 || d.day > core::days_in_month(d.year, d.month)) return std::nullopt;
  return core::days_from_civil(d);
}

std::optional<std::string> caller_id_form(std::string_view phone) {
  std::string digits;
  for (size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    if (c == '+' && digits.empty() && i == 0) continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  // China's country code: a mobile follows it as is, a landline without its
  // trunk 0 ("+86 358 8221234" is 0358-8221234). Nothing national starts
  // with 86 and is that long.
  for (std::string_view prefix : {"0086", "86"}) {
    if (digits.size() >= prefix.size() + 10 && digits.compare(0, prefix.size(), prefix) == 0) {
      digits.erase(0, prefix.size());
      const bool mobile = digits.size() == 11 && digits[0] == '1';
      if (!mobile && digits[0] != '0') digits.insert(0, "0");  // 10-… is Beijing's 010
      break;
    }
  }
  if (digits.size() > 16 || !core::is_valid_phone(digits)) return std::nullopt;
  return digits;
}

}  // namespace warmcity::eldercare
