// The complaints' JSON (docs/jobs.md "Complaints"): a complaint as the
// publishers' list shows it (the phone masked) and the bodies the routes read.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "jobs/complaint.h"
#include "jobs/complaint_store.h"

namespace warmcity::jobs {

// {id, post: {id, title}, reason, text, phone (masked, or null), created_at,
//  status, outcome (null while open), outcome_note, handled_by_name, handled_at}
nlohmann::ordered_json complaint_json(const Complaint& k);

// {reason, text?, phone?} (phone null or absent: none). kInvalidArgument for
// a body that is not a JSON object, kUnprocessable naming bad fields.
Result<ComplaintInput> read_complaint_input(std::string_view body);

struct HandleInput {
  std::string outcome;
  std::string note;
};
// {outcome, note}: note 1..500 characters.
Result<HandleInput> read_handle_input(std::string_view body);

}  // namespace warmcity::jobs
