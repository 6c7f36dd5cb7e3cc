// The demo's elders (data/demo/lishi-elders.json): each entry is read like a
// POST /api/v1/elders body (eldercare/elder_input.h) and recorded through
// ElderService::create by the system (user 0, as an admin), so that the demo
// passes every rule a real record passes; each then gets her red proxy card
// (ElderService::issue_card with the entry's "card" phones). Internal to
// src/demo.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "eldercare/elder_service.h"

namespace warmcity::demo {

inline constexpr const char* kEldersFile = "lishi-elders.json";

// An elder as recorded: her id and the grid she lives in.
struct RecordedElder {
  int64_t id = 0;
  int64_t grid_id = 0;
};

// The elders recorded (each with a card), in the file's order; kUnprocessable
// naming the entry that fails.
Result<std::vector<RecordedElder>> create_elders(eldercare::ElderService& elders,
                                                 const std::string& path,
                                                 const std::string& client_address);

}  // namespace warmcity::demo
