// The free clinics' JSON (docs/clinics.md): the session view, the booking
// view, the door list with its health notes, and the problem of a refusal
// with the contract's members. Include only in route translation units (it
// pulls in nlohmann/json).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "activities/clash.h"
#include "clinics/booking_service.h"
#include "clinics/clinic_store.h"
#include "core/status.h"
#include "http/message.h"

namespace warmcity::clinics {

// {activity: (the activity view), filing_number, slot_minutes,
// places_per_slot, doctors: [{department, name, title, licence_number}],
// departments: [distinct, in order], slots: [{occurrence_id, seq,
// starts_at, ends_at, capacity, places_left, waiting, status}], places_total,
// places_taken} (the totals over the scheduled slots).
nlohmann::ordered_json session_json(const ClinicSession& s);
// {signup: (the sign-up view) | null, health_note: string | null}
nlohmann::ordered_json booking_json(const Booking& b);
// The activities' door list; each entry with health_note (string or null)
// and health_notes_hidden false for the clinic's staff; for an admin no
// health_note and health_notes_hidden true.
nlohmann::ordered_json clinic_door_list_json(const ClinicDoorList& d);

// problem(s) with `error` (the refusal's code: "clash", "already_signed_up",
// … or "invalid"), a 422's first `field`, and a 409's `clashes`.
http::Response clinic_problem(const Status& s,
                              const std::vector<activities::Clash>* clashes = nullptr);
// A JSON answer (invalid UTF-8 replaced).
http::Response clinic_answer(const nlohmann::ordered_json& body, int status = 200);

}  // namespace warmcity::clinics
