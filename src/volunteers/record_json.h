// The hours ledger's JSON (docs/volunteers.md "The hours ledger"): the
// bodies its routes read, the record and dispute views, and its problems.
// Include only in route translation units (it pulls in nlohmann/json).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/message.h"
#include "volunteers/record.h"

namespace warmcity::volunteers {

// {volunteer_id, organiser_org_id, service_date, place?, content, minutes
// 1–1440}; unknown fields refused. The date's format only (the service says
// whether it is in the future).
Result<RecordInput> read_record_input(const nlohmann::json& doc);
// {minutes −1440…1440 not 0, reason 1–200}; `prefix` names the fields
// ("correction." inside an answer).
Result<CorrectionInput> read_correction(const nlohmann::json& doc, const std::string& prefix = "");
// {text 1–500}
Result<std::string> read_dispute_text(const nlohmann::json& doc);
// {answer 1–500, correction?: {minutes, reason}}
Result<DisputeAnswer> read_dispute_answer(const nlohmann::json& doc);
// {} (or no body): nothing may be sent.
Status read_empty_body(const nlohmann::json& doc);

// The record view: {id, volunteer_id, organiser: {id, name}, service_date,
// place, content, minutes, source, source_id, state, confirmed_by,
// confirmed_at, corrects_id, reason, created_by, created_at, corrections,
// dispute: {id, state} | null}.
nlohmann::ordered_json record_json(const Record& r);
// {volunteer_id, items, total_minutes}
nlohmann::ordered_json volunteer_records_json(const VolunteerRecords& v);
// {id, record_id, volunteer_id, text, raised_at, state, answer, answered_by,
// answered_at, correction_id}
nlohmann::ordered_json dispute_json(const Dispute& d);

// problem(s) with `error` (the refusal's code) and a 422's first `field`.
http::Response ledger_problem(const Status& s);
// A JSON answer (invalid UTF-8 replaced).
http::Response ledger_answer(const nlohmann::ordered_json& body, int status = 200);

}  // namespace warmcity::volunteers
