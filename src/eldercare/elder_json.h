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

// What a correction or a pairing changed: for the elder's history, every
// field that differs with its old and new value (the full view's), except
// the health details, which are only said to have changed; for the audit
// log, the names alone.
struct Changes {
  std::string history;              // {"fields": {…}}; "" when nothing changed
  std::vector<std::string> fields;  // the changed fields' names (what the audit entry says)
};
Changes changes_of(const Elder& before, const Elder& after);

// The personal fields a view shows, for the audit entry of a read.
std::vector<std::string> personal_fields(View view);

std::string dump(const nlohmann::ordered_json& body);

}  // namespace warmcity::eldercare
