// A verified employer's rules (employer.h).
#include "jobs/employer.h"

#include <array>

#include "core/text.h"

namespace warmcity::jobs {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

}  // namespace

std::optional<char> credit_code_check(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    size_t v = kAlphabet.find(first17[i]);
    if (v == std::string_view::npos) return std::nullopt;
    sum += static_cast<int>(v) * kWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return kAlphabet[static_cast<size_t>(check)];
}

bool is_valid_credit_code(std::string_view code) {
  if (code.size() != 18) return false;
  std::optional<char> check = credit_code_check(code.substr(0, 17));
  return check && *check == code[17];
}

std::vector<FieldError> employer_errors(const EmployerInput& in) {
  std::vector<FieldError> errors;
  if (core::trim_blanks(in.name).empty())
    errors.push_back({"name", "the employer's name is required"});
  if (in.credit_code.size() != 18) {
    errors.push_back({"credit_code", "the unified social credit code has 18 characters"});
  } else if (!credit_code_check(in.credit_code.substr(0, 17))) {
    errors.push_back(
        {"credit_code", "the unified social credit code uses 0-9 and A-Z without I, O, Z, S, V"});
  } else if (!is_valid_credit_code(in.credit_code)) {
    errors.push_back({"credit_code", "the check character (the 18th) does not match the code"});
  }
  return errors;
}

}  // namespace warmcity::jobs
