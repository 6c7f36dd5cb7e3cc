// The complaints' JSON (complaint_json.h).
#include "jobs/complaint_json.h"

#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"
#include "jobs/job.h"

namespace warmcity::jobs {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json complaint_json(const Complaint& k) {
  const bool open = k.status == "open";
  return {{"id", k.id},
          {"post", {{"id", k.post_id}, {"title", k.post_title}}},
          {"reason", k.reason},
          {"text", k.text},
          {"phone", k.phone ? ordered_json(core::mask_phone(*k.phone)) : ordered_json(nullptr)},
          {"created_at", core::format_rfc3339(k.created_at)},
          {"status", k.status},
          {"outcome", open ? ordered_json(nullptr) : ordered_json(k.outcome)},
          {"outcome_note", k.outcome_note},
          {"handled_by_name", open ? ordered_json(nullptr) : ordered_json(k.handled_by_name)},
          {"handled_at", k.handled_at ? ordered_json(core::format_rfc3339(*k.handled_at))
                                      : ordered_json(nullptr)}};
}

Result<ComplaintInput> read_complaint_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  ComplaintInput out;
  out.reason = in.required_string("reason", 1, 32).value_or("");
  out.text = in.optional_string("text", 0, kMaxComplaintText).value_or("");
  if (in.has("phone") && (*doc)["phone"].is_null()) {
    in.known({"phone"});
  } else {
    out.phone = in.optional_string("phone", 1, 20);
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<HandleInput> read_handle_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  HandleInput out;
  out.outcome = in.required_string("outcome", 1, 32).value_or("");
  std::optional<std::string> note = in.required_string("note", 1, kMaxOutcomeNote);
  in.reject_unknown();
  if (note) {
    out.note = std::string(core::trim_blanks(*note));
    if (out.note.empty()) {
      in.fail("note", "must not be blank");
    } else if (std::optional<std::string> why = text_refusal(out.note, true)) {
      in.fail("note", *why);
    }
  }
  if (!in.ok()) return in.status();
  return out;
}

}  // namespace warmcity::jobs
