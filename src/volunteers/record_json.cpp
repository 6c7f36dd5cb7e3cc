// The hours ledger's JSON (record_json.h).
#include "volunteers/record_json.h"

#include <utility>
#include <vector>

#include "core/time.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::volunteers {

using nlohmann::ordered_json;

namespace {

ordered_json ledger_opt(const std::optional<int64_t>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json ledger_opt_time(const std::optional<int64_t>& v) {
  return v ? ordered_json(core::format_rfc3339(*v)) : ordered_json(nullptr);
}

ordered_json ledger_opt_text(const std::optional<std::string>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

}  // namespace

Result<RecordInput> read_record_input(const nlohmann::json& doc) {
  http::FieldReader in(doc);
  RecordInput out;
  std::optional<int64_t> volunteer = in.required_int("volunteer_id", 1, INT64_MAX);
  std::optional<int64_t> organiser = in.required_int("organiser_org_id", 1, INT64_MAX);
  std::optional<std::string> date = in.required_string("service_date", 10, 10);
  std::optional<std::string> place = in.optional_string("place", 0, 200);
  std::optional<std::string> content = in.required_string("content", 1, 200);
  std::optional<int64_t> minutes = in.required_int("minutes", 1, kMaxRecordMinutes);
  if (date && !core::parse_date(*date).ok()) in.fail("service_date", "a date YYYY-MM-DD");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  out.volunteer_id = *volunteer;
  out.organiser_org_id = *organiser;
  out.service_date = std::move(*date);
  out.place = place.value_or("");
  out.content = std::move(*content);
  out.minutes = *minutes;
  return out;
}

Result<CorrectionInput> read_correction(const nlohmann::json& doc, const std::string& prefix) {
  http::FieldReader in(doc);
  std::optional<int64_t> minutes =
      in.required_int("minutes", -kMaxRecordMinutes, kMaxRecordMinutes);
  if (minutes && *minutes == 0) in.fail("minutes", "a correction changes the minutes: not 0");
  std::optional<std::string> reason = in.required_string("reason", 1, 200);
  in.reject_unknown();
  if (!in.ok()) {
    if (prefix.empty()) return in.status();
    std::vector<FieldError> errors = in.status().field_errors();
    for (FieldError& e : errors) e.field = prefix + e.field;
    return Status::Unprocessable("the correction is not valid", std::move(errors));
  }
  return CorrectionInput{*minutes, std::move(*reason)};
}

Result<std::string> read_dispute_text(const nlohmann::json& doc) {
  http::FieldReader in(doc);
  std::optional<std::string> text = in.required_string("text", 1, 500);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return std::move(*text);
}

Result<DisputeAnswer> read_dispute_answer(const nlohmann::json& doc) {
  http::FieldReader in(doc);
  std::optional<std::string> answer = in.required_string("answer", 1, 500);
  in.known({"correction"});
  in.reject_unknown();
  DisputeAnswer out;
  std::vector<FieldError> errors;
  if (!in.ok()) errors = in.status().field_errors();
  if (auto it = doc.find("correction"); it != doc.end() && !it->is_null()) {
    if (!it->is_object()) {
      errors.push_back({"correction", "an object {minutes, reason}"});
    } else {
      Result<CorrectionInput> c = read_correction(*it, "correction.");
      if (c.ok()) {
        out.correction = std::move(*c);
      } else {
        for (const FieldError& e : c.status().field_errors()) errors.push_back(e);
      }
    }
  }
  if (!errors.empty()) return Status::Unprocessable("the answer is not valid", std::move(errors));
  out.answer = std::move(*answer);
  return out;
}

Status read_empty_body(const nlohmann::json& doc) {
  http::FieldReader in(doc);
  in.reject_unknown();
  return in.ok() ? Status::Ok() : in.status();
}

ordered_json record_json(const Record& r) {
  ordered_json j;
  j["id"] = r.id;
  j["volunteer_id"] = r.volunteer_id;
  j["volunteer"] = {
      {"id", r.volunteer_id}, {"volunteer_no", r.volunteer_no}, {"name", r.volunteer_name}};
  j["organiser"] = {{"id", ledger_opt(r.organiser_org_id)}, {"name", r.organiser_name}};
  j["service_date"] = r.service_date;
  j["place"] = r.place;
  j["content"] = r.content;
  j["minutes"] = r.minutes;
  j["source"] = r.source;
  j["source_id"] = ledger_opt(r.source_id);
  j["state"] = r.state;
  j["confirmed_by"] = ledger_opt(r.confirmed_by);
  j["confirmed_at"] = ledger_opt_time(r.confirmed_at);
  j["corrects_id"] = ledger_opt(r.corrects_id);
  j["reason"] = ledger_opt_text(r.reason);
  j["created_by"] = ledger_opt(r.created_by);
  j["created_at"] = core::format_rfc3339(r.created_at);
  j["corrections"] = r.corrections;
  j["dispute"] = r.dispute ? ordered_json{{"id", r.dispute->id},
                                          {"state", r.dispute->state},
                                          {"text", r.dispute->text},
                                          {"answer", ledger_opt_text(r.dispute->answer)},
                                          {"answered_at", ledger_opt_time(r.dispute->answered_at)}}
                           : ordered_json(nullptr);
  return j;
}

ordered_json volunteer_records_json(const VolunteerRecords& v) {
  ordered_json items = ordered_json::array();
  for (const Record& r : v.items) items.push_back(record_json(r));
  ordered_json j;
  j["volunteer_id"] = v.volunteer_id;
  j["items"] = std::move(items);
  j["total_minutes"] = v.total_minutes;
  return j;
}

ordered_json dispute_json(const Dispute& d) {
  ordered_json j;
  j["id"] = d.id;
  j["record_id"] = d.record_id;
  j["volunteer_id"] = d.volunteer_id;
  j["text"] = d.text;
  j["raised_at"] = core::format_rfc3339(d.raised_at);
  j["state"] = d.state;
  j["answer"] = ledger_opt_text(d.answer);
  j["answered_by"] = ledger_opt(d.answered_by);
  j["answered_at"] = ledger_opt_time(d.answered_at);
  j["correction_id"] = ledger_opt(d.correction_id);
  return j;
}

http::Response ledger_problem(const Status& s) { return http::coded_problem(s); }

http::Response ledger_answer(const ordered_json& body, int status) {
  return http::json_response(body.dump(-1, ' ', false, ordered_json::error_handler_t::replace),
                             status);
}

}  // namespace warmcity::volunteers
