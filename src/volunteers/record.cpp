// The hours ledger's rules that need no database (record.h).
#include "volunteers/record.h"

#include "core/time.h"
#include "core/utf8.h"

namespace warmcity::volunteers {

std::vector<FieldError> check_correction(int64_t total_now, int64_t change) {
  if (change == 0) return {{"minutes", "a correction changes the minutes: not 0"}};
  if (change < -kMaxRecordMinutes || change > kMaxRecordMinutes)
    return {{"minutes", "from -1440 to 1440"}};
  const int64_t total = total_now + change;
  if (total < 0) {
    return {{"minutes", "the corrected record would count " + std::to_string(total) +
                            " minutes: at least " + std::to_string(-total_now)}};
  }
  if (total > kMaxRecordMinutes) {
    return {{"minutes", "the corrected record would count " + std::to_string(total) +
                            " minutes: at most " + std::to_string(kMaxRecordMinutes - total_now)}};
  }
  return {};
}

std::vector<FieldError> check_service_date(std::string_view date, std::string_view today) {
  if (!core::parse_date(date).ok()) return {{"service_date", "a date YYYY-MM-DD"}};
  if (date > today) return {{"service_date", "not in the future"}};
  return {};
}

std::string first_chars(const std::string& text, size_t limit) {
  const std::string valid = text.substr(0, core::utf8_valid_prefix(text));
  size_t count = 0;
  for (size_t i = 0; i < valid.size(); ++i) {
    if ((static_cast<unsigned char>(valid[i]) & 0xC0) == 0x80) continue;
    if (count == limit) return valid.substr(0, i);
    ++count;
  }
  return valid;
}

std::string organiser_name_of(const std::string& name) { return first_chars(name, 60); }

}  // namespace warmcity::volunteers
