// The outcomes' JSON (outcome_json.h).
#include "volunteers/outcome_json.h"

#include <cmath>

#include "http/json_input.h"

namespace warmcity::volunteers {

namespace {

using nlohmann::ordered_json;

constexpr size_t kMaxOutcomeItems = 50;
constexpr double kMaxQuantity = 1e9;

bool is_kind_code(const std::string& code) {
  if (code.size() < 2 || code.size() > 30) return false;
  for (char ch : code)
    if (!((ch >= 'a' && ch <= 'z') || ch == '_')) return false;
  return true;
}

}  // namespace

Result<OutcomeKind> read_outcome_kind(const nlohmann::json& body) {
  http::FieldReader in(body);
  std::optional<std::string> code = in.required_string("code", 2, 30);
  std::optional<std::string> name = in.required_string("name", 1, 20);
  std::optional<std::string> unit = in.required_string("unit", 1, 10);
  std::optional<int64_t> decimals = in.optional_int("decimals", 0, 1);
  std::optional<bool> active = in.optional_bool("active");
  in.reject_unknown();
  if (code && !is_kind_code(*code)) in.fail("code", "2–30 of a–z and _");
  if (!in.ok()) return in.status();
  return OutcomeKind{*code, *name, *unit, decimals.value_or(0), active.value_or(true)};
}

Result<OutcomeKindPatch> read_outcome_kind_patch(const nlohmann::json& body) {
  http::FieldReader in(body);
  OutcomeKindPatch p;
  p.name = in.optional_string("name", 1, 20);
  p.unit = in.optional_string("unit", 1, 10);
  p.decimals = in.optional_int("decimals", 0, 1);
  p.active = in.optional_bool("active");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return p;
}

Result<std::vector<OutcomeInput>> read_outcome_items(const nlohmann::json& body) {
  http::FieldReader top(body);
  top.known({"items"});
  top.reject_unknown();
  auto items = body.find("items");
  if (items == body.end() || !items->is_array())
    top.fail("items", "an array of {kind, quantity, team_id}");
  else if (items->size() > kMaxOutcomeItems)
    top.fail("items", "at most 50");
  if (!top.ok()) return top.status();
  std::vector<OutcomeInput> out;
  std::vector<FieldError> errors;
  for (size_t i = 0; i < items->size(); ++i) {
    const nlohmann::json& item = (*items)[i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      errors.push_back({at, "an object {kind, quantity, team_id}"});
      continue;
    }
    http::FieldReader in(item);
    std::optional<std::string> kind = in.required_string("kind", 2, 30);
    std::optional<double> quantity = in.required_number("quantity", -kMaxQuantity, kMaxQuantity);
    std::optional<int64_t> team = in.optional_int("team_id", 1, INT64_MAX);
    in.reject_unknown();
    if (!in.ok()) {
      const Status bad = in.status();
      for (const FieldError& e : bad.field_errors())
        errors.push_back({at + "." + e.field, e.message});
      continue;
    }
    const double tenths = *quantity * 10;
    const double whole = std::round(tenths);
    if (*quantity < 0 || std::fabs(tenths - whole) > 1e-6) {
      errors.push_back({at + ".quantity", "a number ≥ 0 with at most one decimal"});
      continue;
    }
    out.push_back(OutcomeInput{*kind, static_cast<int64_t>(whole), team});
  }
  if (!errors.empty()) {
    const std::string first = errors.front().field;
    return Status::Unprocessable("invalid: " + first, std::move(errors));
  }
  return out;
}

ordered_json quantity_json(int64_t tenths) {
  if (tenths % 10 == 0) return ordered_json(tenths / 10);
  return ordered_json(static_cast<double>(tenths) / 10.0);
}

ordered_json outcome_kind_json(const OutcomeKind& k) {
  return {{"code", k.code},
          {"name", k.name},
          {"unit", k.unit},
          {"decimals", k.decimals},
          {"active", k.active}};
}

ordered_json outcomes_json(const std::vector<OutcomeLine>& lines) {
  ordered_json items = ordered_json::array();
  for (const OutcomeLine& l : lines) {
    items.push_back({{"kind", l.kind},
                     {"name", l.name},
                     {"unit", l.unit},
                     {"quantity", quantity_json(l.tenths)},
                     {"team_id", l.team_id ? ordered_json(*l.team_id) : ordered_json()}});
  }
  return {{"items", std::move(items)}};
}

}  // namespace warmcity::volunteers
