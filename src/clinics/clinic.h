// A free clinic's bodies (docs/clinics.md "Sessions", "Booking a slot"),
// pure: the rules a request body must meet, each refusal a 422 naming its
// field (a doctor's as `doctors[i].field`), unknown fields refused and the
// sales fields (price, fee, products, medicines, sales) refused with "a
// free clinic sells nothing"; and the slots' times of a session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "activities/activity.h"
#include "activities/signup.h"
#include "core/status.h"
#include "core/time.h"

namespace warmcity::clinics {

// The wording of the consent a health note is given with.
inline constexpr char kConsentVersion[] = "clinic-health-note-v1";
inline constexpr int kMaxSlots = 40;
inline constexpr int kMaxDoctors = 30;
inline constexpr int64_t kMaxPlacesPerSlot = 500;

struct Doctor {
  std::string department;  // 科室, 1–30
  std::string name;        // 1–30
  std::string title;       // 职称, 1–30
  std::string licence_number;
};

// A new session (POST /api/v1/clinic-sessions). `activity` is the activity
// it is: repeat none, capacity = places_per_slot, first_date = date,
// duration = slot_minutes × slots.
struct ClinicFields {
  activities::ActivityFields activity;
  std::string filing_number;
  int slot_minutes = 0;
  int slots = 0;
  std::vector<Doctor> doctors;
  int64_t places_per_slot() const { return activity.capacity; }
};

// `today` bounds the date (today to 365 days ahead).
Result<ClinicFields> read_clinic(const nlohmann::json& body, core::LocalDate today);

// PUT /api/v1/clinic-sessions/{id}: either or both; doctors replace the list.
struct ClinicPatch {
  std::optional<std::string> filing_number;
  std::optional<std::vector<Doctor>> doctors;
};
Result<ClinicPatch> read_clinic_patch(const nlohmann::json& body);

// A booking of a slot: the sign-up's {name?, phone?} (staff booking a
// caller) and an optional health note, which requires consent: true.
struct BookingRequest {
  activities::SignupRequest signup;
  std::optional<std::string> health_note;  // trimmed, 1–500
};
Result<BookingRequest> read_booking(const nlohmann::json& body);

// 6–30 of ASCII digits, ASCII letters and '-'.
bool is_licence_number(std::string_view s);

// The slots' [starts_at, ends_at) in unix seconds, one after the other from
// `start_minute` of `date` (district time).
std::vector<std::pair<int64_t, int64_t>> slot_times(core::LocalDate date, int start_minute,
                                                    int slot_minutes, int slots);

}  // namespace warmcity::clinics
