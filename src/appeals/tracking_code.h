// Public tracking codes: 8 random characters from an alphabet without the
// look-alikes 0/O, 1/I/L and U/V (23456789ABCDEFGHJKMNPQRSTWXYZ, 29 symbols,
// 29^8 ≈ 5·10^11 codes), so a code read out over the phone is unambiguous
// and cannot be guessed by walking ids. Uniqueness is the database's UNIQUE
// constraint: the store draws again on a collision.
// Input is forgiving: lower case and spaces or hyphens are accepted.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warmcity::appeals {

inline constexpr size_t kTrackingCodeLength = 8;

// A fresh random code (libsodium's randombytes_buf, uniform over the alphabet).
std::string new_tracking_code();

// The canonical form of a code a person typed, or nullopt when it cannot be
// one (wrong length or characters).
std::optional<std::string> normalize_tracking_code(std::string_view typed);

}  // namespace warmcity::appeals
