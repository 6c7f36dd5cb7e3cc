// A free clinic's bodies (clinic.h).
#include "clinics/clinic.h"

#include <nlohmann/json.hpp>

#include "http/json_input.h"

namespace warmcity::clinics {

namespace {

constexpr int kDateDaysAhead = 365;
constexpr char kSellsNothing[] = "a free clinic sells nothing";

// The fields a free clinic never carries: refused with their own reason.
void clinic_refuse_sales(const nlohmann::json& body, http::FieldReader& in) {
  for (const char* f : {"price", "fee", "products", "medicines", "sales"}) {
    if (!body.contains(f)) continue;
    in.known({f});
    in.fail(f, kSellsNothing);
  }
}

std::optional<Doctor> clinic_doctor(const nlohmann::json& entry, const std::string& at,
                                    http::FieldReader& out) {
  if (!entry.is_object()) {
    out.fail(at, "a doctor {department, name, title, licence_number}");
    return std::nullopt;
  }
  http::FieldReader in(entry);
  Doctor d;
  d.department = activities::trimmed_text(in, "department", 1, 30, true).value_or("");
  d.name = activities::trimmed_text(in, "name", 1, 30, true).value_or("");
  d.title = activities::trimmed_text(in, "title", 1, 30, true).value_or("");
  std::optional<std::string> licence = in.required_string("licence_number", 6, 30);
  if (licence && !is_licence_number(*licence))
    in.fail("licence_number", "6 to 30 of digits, ASCII letters and '-'");
  d.licence_number = licence.value_or("");
  in.reject_unknown();
  if (in.ok()) return d;
  const Status why = in.status();
  for (const FieldError& e : why.field_errors()) out.fail(at + "." + e.field, e.message);
  return std::nullopt;
}

// doctors: 1–30 entries, each named doctors[i] in its refusals.
std::optional<std::vector<Doctor>> clinic_doctors(const nlohmann::json& body, http::FieldReader& in,
                                                  bool required) {
  auto it = body.find("doctors");
  if (it == body.end()) {
    if (required) in.fail("doctors", "required: 1 to 30 doctors");
    return std::nullopt;
  }
  in.known({"doctors"});
  if (!it->is_array() || it->empty() || it->size() > static_cast<size_t>(kMaxDoctors)) {
    in.fail("doctors", "a list of 1 to 30 doctors");
    return std::nullopt;
  }
  std::vector<Doctor> out;
  bool all = true;
  for (size_t i = 0; i < it->size(); ++i) {
    std::optional<Doctor> d = clinic_doctor((*it)[i], "doctors[" + std::to_string(i) + "]", in);
    if (d) {
      out.push_back(std::move(*d));
    } else {
      all = false;
    }
  }
  if (!all) return std::nullopt;
  return out;
}

std::optional<std::string> clinic_filing_number(http::FieldReader& in, bool required) {
  return activities::trimmed_text(in, "filing_number", 1, 40, required);
}

}  // namespace

bool is_licence_number(std::string_view s) {
  if (s.size() < 6 || s.size() > 30) return false;
  for (char c : s) {
    const bool ok =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::pair<int64_t, int64_t>> slot_times(core::LocalDate date, int start_minute,
                                                    int slot_minutes, int slots) {
  std::vector<std::pair<int64_t, int64_t>> out;
  const int64_t first = activities::occurrence_start(date, start_minute);
  const int64_t length = int64_t{slot_minutes} * 60;
  for (int i = 0; i < slots; ++i) out.emplace_back(first + i * length, first + (i + 1) * length);
  return out;
}

Result<ClinicFields> read_clinic(const nlohmann::json& body, core::LocalDate today) {
  http::FieldReader in(body);
  ClinicFields f;
  activities::ActivityFields& a = f.activity;
  clinic_refuse_sales(body, in);
  activities::read_activity_basics(in, a);
  f.filing_number = clinic_filing_number(in, true).value_or("");
  if (std::optional<std::string> s = in.required_string("date", 10, 10)) {
    Result<core::LocalDate> d = core::parse_date(*s);
    if (!d.ok()) {
      in.fail("date", "a date YYYY-MM-DD");
    } else if (*d < today ||
               *d > core::civil_from_days(core::days_from_civil(today) + kDateDaysAhead)) {
      in.fail("date", "from today to 365 days ahead");
    } else {
      a.first_date = *d;
    }
  }
  std::optional<int> start;
  if (std::optional<std::string> s = in.required_string("start_time", 5, 5)) {
    start = activities::parse_hhmm(*s);
    if (!start) in.fail("start_time", "a time of day HH:MM");
  }
  std::optional<int64_t> slot_minutes = in.required_int("slot_minutes", 5, 240);
  std::optional<int64_t> slots = in.required_int("slots", 1, kMaxSlots);
  if (start && slot_minutes && slots && *start + *slot_minutes * *slots > 24 * 60)
    in.fail("slots", "the last slot must end by 24:00 of the same day");
  a.capacity = in.required_int("places_per_slot", 1, kMaxPlacesPerSlot).value_or(0);
  f.doctors = clinic_doctors(body, in, true).value_or(std::vector<Doctor>{});
  a.skip_clashes = in.optional_bool("skip_clashes").value_or(false);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  f.slot_minutes = static_cast<int>(*slot_minutes);
  f.slots = static_cast<int>(*slots);
  a.kind = "activity";
  a.start_minute = *start;
  a.duration_minutes = f.slot_minutes * f.slots;
  a.series.first = a.first_date;
  a.series.repeat = "none";
  return f;
}

Result<ClinicPatch> read_clinic_patch(const nlohmann::json& body) {
  http::FieldReader in(body);
  ClinicPatch p;
  clinic_refuse_sales(body, in);
  p.filing_number = clinic_filing_number(in, false);
  p.doctors = clinic_doctors(body, in, false);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return p;
}

Result<BookingRequest> read_booking(const nlohmann::json& body) {
  http::FieldReader in(body);
  BookingRequest b;
  clinic_refuse_sales(body, in);
  b.signup.name = in.optional_string("name", 1, 200);
  b.signup.phone = in.optional_string("phone", 1, 20);
  auto note = body.find("health_note");
  if (note != body.end() && note->is_null()) {
    in.known({"health_note"});
  } else {
    b.health_note = activities::trimmed_text(in, "health_note", 1, 500, false);
  }
  std::optional<bool> consent = in.optional_bool("consent");
  if (b.health_note && consent != true)
    in.fail("consent", "a health note needs the person's consent (consent: true)");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return b;
}

}  // namespace warmcity::clinics
