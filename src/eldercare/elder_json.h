// Elders as JSON: the API's view of a record (full or masked, see
// elder_access.h), its history events, and the difference between two
// versions of a record that a correction's history event keeps.
// Include only in .cpp files (it pulls in nlohmann/json).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eldercare/card_store.h"
#include "eldercare/elder.h"
#include "eldercare/elder_access.h"
#include "eldercare/elder_store.h"

namespace warmcity::eldercare {

// The record as `view` shows it. Masked: name, phones and emergency
// contacts masked (core/phone.h), address and position left out (null),
// the birth date's month and day hidden, no health details.
// REQUIRES: view != View::kNone.
nlohmann::ordered_json elder_json(const Elder& e, View view);

nlohmann::ordered_json event_json(const ElderEvent& e);

nlohmann::ordered_json card_json(const Card& c);

// {"fields": {name: {"old": …, "new": …}}} for every field that differs
// (the full view's values); "" when none does.
std::string changes_json(const Elder& before, const Elder& after);

// The personal fields a view shows, for the audit entry of a read.
std::vector<std::string> personal_fields(View view);

std::string dump(const nlohmann::ordered_json& body);

}  // namespace warmcity::eldercare
