// The demo's elders (data/demo/lishi-elders.json): each entry is read like a
// POST /api/v1/elders body (eldercare/elder_input.h) and recorded through
// ElderService::create by the system (user 0, as an admin), so that the demo
// passes every rule a real record passes; each then gets her red proxy card
// (ElderService::issue_card with the entry's "card" phones). Internal to
// src/demo.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"
#include "eldercare/elder_service.h"

namespace warmcity::demo {

inline constexpr const char* kEldersFile = "lishi-elders.json";

// How many elders were recorded (each with a card); kUnprocessable naming the entry that fails.
Result<size_t> create_elders(eldercare::ElderService& elders, const std::string& path,
                             const std::string& client_address);

}  // namespace warmcity::demo
