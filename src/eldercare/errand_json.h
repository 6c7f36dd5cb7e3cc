// Errands as JSON: the errand (with `elder` in the caller's view when it
// is shown with her), its history events. Include only in .cpp files (it
// pulls in nlohmann/json).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "eldercare/errand_service.h"

namespace warmcity::eldercare {

// The errand as the team that runs it sees it: every field; `now` decides
// "overdue". Names it records (delivered_to, substitutions' confirmed_by)
// are masked when `view` is masked.
// receipt_photo: the URL of the receipt photo (errand_receipt_url) in a full
// view, null when there is none or the view is masked.
nlohmann::ordered_json errand_json(const Errand& e, int64_t now, View view = View::kFull);

// "/api/v1/errands/{id}/receipt-photo".
std::string errand_receipt_url(int64_t errand_id);

// errand_json plus "elder": {id, name, phones, address} as `v.view` shows
// her (masked: name and phones masked, address null), "view" and "may_step".
// A family view (v.family) is errand_family_json instead.
nlohmann::ordered_json errand_view_json(const ErrandView& v, int64_t now);

// A family member's view: id, her name, kind, state, source, the team's
// phone, received/due/overdue and the step times, the settlement's amounts
// (not who settled), complete; `work` and `note` only when family asked for
// it; never the team's members, who received the goods, substitutions,
// history or the receipt photo.
nlohmann::ordered_json errand_family_json(const ErrandView& v, int64_t now);

nlohmann::ordered_json errand_event_json(const ErrandEvent& e);

}  // namespace warmcity::eldercare
