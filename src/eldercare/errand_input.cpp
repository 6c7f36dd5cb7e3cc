#include "eldercare/errand_input.h"

#include <utility>

#include "core/time.h"
#include "http/json_input.h"
#include "photos/photo_text.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::json;

constexpr size_t kMaxErrandLines = 30;

// The shopping list, read in place (never copied).
void read_errand_lines(const json& doc, http::FieldReader& in, ErrandWork& w) {
  in.known({"lines"});
  auto it = doc.find("lines");
  if (it == doc.end() || !it->is_array() || it->empty() || it->size() > kMaxErrandLines) {
    in.fail("lines", "a list of 1 to 30 lines: {text, quantity, budget_fen}");
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string at = "lines[" + std::to_string(i) + "]";
    const json& line = (*it)[i];
    if (!line.is_object()) {
      in.fail(at, "an object {text, quantity, budget_fen}");
      continue;
    }
    http::FieldReader l(line);
    ShoppingLine out;
    out.text = l.required_string("text", 1, 100).value_or("");
    out.quantity = l.optional_int("quantity", 1, 999).value_or(1);
    out.budget_fen = l.required_int("budget_fen", 0, kMaxFen).value_or(0);
    l.reject_unknown();
    if (l.ok()) {
      w.lines.push_back(std::move(out));
      continue;
    }
    const Status bad = l.status();
    for (const FieldError& e : bad.field_errors()) in.fail(at + "." + e.field, e.message);
  }
}

std::optional<int64_t> read_errand_time(http::FieldReader& in, const char* field) {
  std::optional<std::string> text = in.optional_string(field, 1, 40);
  if (!text) return std::nullopt;
  Result<int64_t> t = core::parse_rfc3339(*text);
  if (!t.ok()) {
    in.fail(field, "an RFC 3339 time with offset, e.g. 2026-05-01T08:00:00+08:00");
    return std::nullopt;
  }
  return *t;
}

// settle's receipt_photo: a JPEG or PNG as base64 or a data URL; null or
// absent for none. Decoded and checked here (photo_text.h).
void read_receipt_photo(const json& doc, http::FieldReader& in, ErrandStepInput& out) {
  in.known({"receipt_photo"});
  auto it = doc.find("receipt_photo");
  if (it == doc.end() || it->is_null()) return;
  if (!it->is_string()) {
    in.fail("receipt_photo", "a JPEG or PNG image as base64 or a data:image/…;base64, URL");
    return;
  }
  Result<photos::CheckedPhoto> photo = photos::photo_from_text(
      it->get_ref<const std::string&>(), {photos::ImageType::kJpeg, photos::ImageType::kPng});
  if (!photo.ok()) return in.fail("receipt_photo", photo.status().message());
  out.receipt_photo = std::move(*photo);
}

}  // namespace

Result<ErrandInput> read_errand_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  ErrandInput out;
  out.work.kind = in.required_string("kind", 1, 16).value_or("");
  out.note = in.optional_string("note", 0, 200).value_or("");
  if (out.work.kind == "shopping") {
    read_errand_lines(*doc, in, out.work);
  } else if (out.work.kind == "medicine") {
    out.work.pharmacy = in.required_string("pharmacy", 1, 64).value_or("");
    out.work.what = in.required_string("what", 1, 200).value_or("");
  } else if (out.work.kind == "task") {
    out.work.text = in.required_string("text", 1, 200).value_or("");
  } else if (!out.work.kind.empty()) {
    in.fail("kind", "shopping, medicine or task");
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<ErrandStepInput> read_step_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  ErrandStepInput out;
  const std::optional<std::string> name = in.required_string("step", 1, 16);
  const std::optional<ErrandStep> step = name ? parse_errand_step(*name) : std::nullopt;
  if (name && !step) {
    in.fail("step", "assign, start, substitute, deliver, settle, confirm or cancel");
  }
  if (step) out.step = *step;
  switch (step.value_or(ErrandStep::kStart)) {
    case ErrandStep::kAssign:
      out.team_id = in.optional_int("team_id", 1, INT64_MAX);
      break;
    case ErrandStep::kStart:
    case ErrandStep::kConfirm:
      break;
    case ErrandStep::kSubstitute:
      out.substitution.original = in.required_string("original", 1, 100).value_or("");
      out.substitution.replacement = in.required_string("replacement", 1, 100).value_or("");
      out.substitution.confirmed_by = in.required_string("confirmed_by", 1, 32).value_or("");
      out.substitution.confirmed_at = read_errand_time(in, "confirmed_at").value_or(0);
      break;
    case ErrandStep::kDeliver:
      out.delivered_to = in.required_string("received_by", 1, 32).value_or("");
      out.delivered_at = read_errand_time(in, "at");
      out.volunteer_minutes = in.optional_int("volunteer_minutes", 0, kMaxVolunteerMinutes);
      break;
    case ErrandStep::kSettle:
      out.settlement.receipt_fen = in.required_int("receipt_fen", 0, kMaxFen).value_or(0);
      out.settlement.advanced_fen = in.required_int("advanced_fen", 0, kMaxFen).value_or(0);
      out.settlement.returned_fen = in.required_int("returned_fen", 0, kMaxFen).value_or(0);
      out.settlement.paid_by = in.required_string("paid_by", 1, 16).value_or("");
      if (!out.settlement.paid_by.empty() && !is_payment_method(out.settlement.paid_by)) {
        in.fail("paid_by", "cash, wechat, alipay, card or other");
      }
      out.volunteer_minutes = in.optional_int("volunteer_minutes", 0, kMaxVolunteerMinutes);
      read_receipt_photo(*doc, in, out);
      break;
    case ErrandStep::kCancel:
      out.reason = in.required_string("reason", 1, 200).value_or("");
      break;
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

}  // namespace warmcity::eldercare
