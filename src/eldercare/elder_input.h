// Reading an elder's record from a request body (POST /elders creates,
// PATCH /elders/{id} corrects): every field's type and format checked, every
// problem reported at once (kUnprocessable with errors[]); the service keeps
// the rules that need the database or the areas (elder_service.h).
//
//   name               1–32 characters              phones   1–4 valid phones
//   address            1–200 characters             lat, lon WGS-84 (GCJ-02 with gcj02)
//   birth_date         YYYY-MM-DD, 1900 … today     categories  codes, no repeats
//   risk_tier          high | priority | general
//   emergency_contacts 0–5 of {name 1–32, relation 0–16, phone}
//   needs              {diet, mobility, hearing: 0–200 chars; medicines: 0–20 of 1–100}
//                      or null (erase)
//   consent            {basis: consent | guardian_consent | legal_duty, note 0–200}
//   health_consent     {basis: consent | guardian_consent, note 0–200} or null (withdraw)
// Unknown fields are refused. Include only in route translation units.
#pragma once

#include <string_view>

#include "core/status.h"
#include "eldercare/elder_service.h"

namespace warmcity::eldercare {

// kInvalidArgument (400) when the body is not a JSON object.
Result<ElderInput> read_elder_input(std::string_view body, bool gcj02, int64_t today_days);

// {reason: moved_out | died, note 0–200}.
Result<CloseInput> read_close_input(std::string_view body);

}  // namespace warmcity::eldercare
