// A verified employer's rules (docs/jobs.md "Employers"): its name, its
// address, and the 18-character unified social credit code (统一社会信用代码,
// GB 32100-2015) with its check character. Pure functions.
//
// The code is written in the 31 characters 0-9 and A-Z without I, O, Z, S,
// V; the 18th is the check character of the first 17 (weights 3^i mod 31,
// check = 31 - sum mod 31, 31 counting as 0).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::jobs {

inline constexpr size_t kMaxEmployerName = 100;
inline constexpr size_t kMaxEmployerAddress = 200;

// The check character of the first 17 characters of a code; nullopt when
// `first17` is not 17 characters of the code's alphabet.
std::optional<char> credit_code_check(std::string_view first17);

// Whether `code` is 18 characters of the alphabet ending in its check character.
bool is_valid_credit_code(std::string_view code);

// What a publisher writes about an employer it verified.
struct EmployerInput {
  std::string name;
  std::string credit_code;  // upper case
  std::string address;
  std::optional<int64_t> verified_by_org;  // admins name the publisher org
};

// The fields of `in` that break the rules (name 1..100 characters after
// trimming, the credit code), each with its message.
std::vector<FieldError> employer_errors(const EmployerInput& in);

}  // namespace warmcity::jobs
