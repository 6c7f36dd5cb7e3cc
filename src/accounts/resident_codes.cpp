#include "accounts/resident_codes.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "accounts/tokens.h"
#include "core/phone.h"

namespace warmcity::accounts {

int64_t code_wait(const CodeHistory& h, const ResidentLimits& limits, int64_t now) {
  int64_t wait = 0;
  if (h.last_for_phone > 0 && now < h.last_for_phone + limits.resend_seconds) {
    wait = std::max(wait, h.last_for_phone + limits.resend_seconds - now);
  }
  if (h.phone_last_hour >= limits.codes_per_phone_per_hour) {
    wait = std::max(wait, h.oldest_phone_in_hour + 3600 - now);
  }
  if (h.network_last_hour >= limits.codes_per_network_per_hour) {
    wait = std::max(wait, h.oldest_network_in_hour + 3600 - now);
  }
  // A count at the limit always waits, even when the clock says otherwise.
  bool over = h.phone_last_hour >= limits.codes_per_phone_per_hour ||
              h.network_last_hour >= limits.codes_per_network_per_hour;
  if (over || wait > 0) return std::max<int64_t>(wait, 1);
  return 0;
}

std::string new_code() {
  ensure_sodium();
  char text[8];
  std::snprintf(text, sizeof text, "%06u", static_cast<unsigned>(randombytes_uniform(1000000)));
  return text;
}

std::string new_code_salt() {
  ensure_sodium();
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::string code_hash(std::string_view salt, std::string_view phone, std::string_view code) {
  std::string text;
  text.reserve(salt.size() + phone.size() + code.size() + 2);
  text.append(salt).append(":").append(phone).append(":").append(code);
  return hash_token(text);
}

bool is_code_shaped(std::string_view code) {
  return code.size() == 6 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_mobile(std::string_view phone) { return phone.size() == 11 && core::is_valid_phone(phone); }

}  // namespace warmcity::accounts
