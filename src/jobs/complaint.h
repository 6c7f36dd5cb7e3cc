// A complaint on a job post's rules (docs/jobs.md "Complaints"): the closed
// list of reasons, the text (required for 'other'), the phone to call back,
// the outcomes a publisher's user handles it with, and the limit per client
// network. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::jobs {

inline constexpr size_t kMaxComplaintText = 500;
inline constexpr size_t kMaxOutcomeNote = 500;
// At most this many complaints from one client network (core::network_of)
// in any hour, counted in the database so every instance agrees.
inline constexpr int kComplaintsPerNetworkPerHour = 5;
inline constexpr int64_t kComplaintWindowSeconds = 3600;

bool is_complaint_reason(std::string_view reason);
bool is_complaint_outcome(std::string_view outcome);

struct ComplaintInput {
  std::string reason;  // discrimination, false_info, fee_charged, expired, other
  std::string text;
  std::optional<std::string> phone;
};

// The fields of `in` that break the rules.
std::vector<FieldError> complaint_errors(const ComplaintInput& in);

// The seconds until one more complaint is allowed from a network whose
// complaints of the last hour are `in_window` (oldest first at
// `oldest_at`), at `now`: 0 when allowed.
int64_t complaint_retry_after(int64_t in_window, int64_t oldest_at, int64_t now);

}  // namespace warmcity::jobs
