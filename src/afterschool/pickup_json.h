// A pickup adult's JSON (docs/afterschool.md "Pickup adults and their
// codes"): the adult view — never the code, its salt or its hash — and the
// answer that shows a new code once. Include only in route translation
// units (it pulls in nlohmann/json).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "afterschool/pickup_service.h"
#include "core/time.h"

namespace warmcity::afterschool {

// {id, name, relation, phone, birth_date, valid_until, has_photo, child_ids,
// revoked_at, code_set_at, active} (active on `today`).
nlohmann::ordered_json pickup_adult_json(const PickupAdultRow& a, core::LocalDate today);
// {adult, code}
nlohmann::ordered_json adult_with_code_json(const AdultWithCode& a, core::LocalDate today);

}  // namespace warmcity::afterschool
