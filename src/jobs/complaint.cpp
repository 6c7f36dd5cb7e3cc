// A complaint on a job post's rules (complaint.h).
#include "jobs/complaint.h"

#include <algorithm>
#include <array>

#include "core/phone.h"
#include "core/text.h"
#include "jobs/job.h"

namespace warmcity::jobs {

namespace {

constexpr std::array<std::string_view, 5> kReasons = {"discrimination", "false_info", "fee_charged",
                                                      "expired", "other"};
constexpr std::array<std::string_view, 2> kOutcomes = {"post_withdrawn", "no_action"};

}  // namespace

bool is_complaint_reason(std::string_view reason) {
  return std::find(kReasons.begin(), kReasons.end(), reason) != kReasons.end();
}

bool is_complaint_outcome(std::string_view outcome) {
  return std::find(kOutcomes.begin(), kOutcomes.end(), outcome) != kOutcomes.end();
}

std::vector<FieldError> complaint_errors(const ComplaintInput& in) {
  std::vector<FieldError> errors;
  if (!is_complaint_reason(in.reason)) {
    errors.push_back({"reason", "one of discrimination, false_info, fee_charged, expired, other"});
  }
  if (in.reason == "other" && core::trim_blanks(in.text).empty()) {
    errors.push_back({"text", "say what is wrong when the reason is 'other'"});
  }
  if (std::optional<std::string> why = text_refusal(in.text, true)) {
    errors.push_back({"text", *why});
  }
  if (in.phone && !core::is_valid_phone(*in.phone)) {
    errors.push_back({"phone", "a mainland phone number (13812345678 or 0358-8221234)"});
  }
  return errors;
}

int64_t complaint_retry_after(int64_t in_window, int64_t oldest_at, int64_t now) {
  if (in_window < kComplaintsPerNetworkPerHour) return 0;
  return std::max<int64_t>(1, oldest_at + kComplaintWindowSeconds - now);
}

}  // namespace warmcity::jobs
