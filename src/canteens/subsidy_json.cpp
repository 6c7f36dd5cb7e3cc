// The subsidy rules and quotes as JSON (subsidy_json.h).
#include "canteens/subsidy_json.h"

#include <utility>

#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::canteens {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr size_t kTierNameMax = 32;  // code points
constexpr size_t kSubsidyNoteMax = 500;
constexpr size_t kMaxStatuses = 8;

// A list of strings at `field` of `obj`, read in place; each checked by
// `check` (false: its error). nullopt when absent or null.
template <class Check>
std::optional<std::vector<std::string>> string_list(const json& obj, const char* field,
                                                    const std::string& at, http::FieldReader& in,
                                                    size_t max, Check check) {
  in.known({field});
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_array() || it->size() > max) {
    in.fail(at, "a list of at most " + std::to_string(max) + " codes");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t k = 0; k < it->size(); ++k) {
    const json& v = (*it)[k];
    const std::string path = at + "[" + std::to_string(k) + "]";
    if (!v.is_string()) {
      in.fail(path, "must be a string");
      continue;
    }
    const std::string& s = v.get_ref<const std::string&>();
    if (!check(s)) {
      in.fail(path, "unknown: " + s.substr(0, 40));
      continue;
    }
    out.push_back(s);
  }
  return out;
}

void read_tier(const json& t, const std::string& at, http::FieldReader& top, SubsidyRules& r) {
  if (!t.is_object()) {
    top.fail(at, "an object {name, age_min, age_max, statuses, amount_fen, meals}");
    return;
  }
  http::FieldReader in(t);
  SubsidyTier tier;
  tier.name = in.required_string("name", 1, kTierNameMax).value_or("");
  if (auto a = in.optional_int("age_min", 0, kMaxAge)) tier.age_min = static_cast<int>(*a);
  if (auto a = in.optional_int("age_max", 0, kMaxAge)) tier.age_max = static_cast<int>(*a);
  tier.amount_fen = in.required_int("amount_fen", 0, kMaxSubsidyFen).value_or(0);
  // Statuses are checked against eldercare's categories by check_rules.
  tier.statuses = string_list(t, "statuses", "statuses", in, kMaxStatuses, [](const std::string&) {
                    return true;
                  }).value_or(std::vector<std::string>{});
  std::optional<std::vector<std::string>> meals = string_list(
      t, "meals", "meals", in, 3, [](const std::string& m) { return parse_meal(m).has_value(); });
  if (auto m = t.find("meals"); m == t.end() || m->is_null()) in.fail("meals", "is required");
  for (const std::string& m : meals.value_or(std::vector<std::string>{})) {
    tier.meals.push_back(*parse_meal(m));
  }
  in.reject_unknown();
  if (!in.ok()) {
    const Status bad = in.status();
    for (const FieldError& e : bad.field_errors()) top.fail(at + "." + e.field, e.message);
  }
  r.tiers.push_back(std::move(tier));
}

ordered_json tier_json(const SubsidyTier& t) {
  ordered_json meals = ordered_json::array();
  for (Meal m : t.meals) meals.push_back(meal_code(m));
  return {{"name", t.name},
          {"age_min", t.age_min ? ordered_json(*t.age_min) : ordered_json(nullptr)},
          {"age_max", t.age_max ? ordered_json(*t.age_max) : ordered_json(nullptr)},
          {"statuses", t.statuses},
          {"amount_fen", t.amount_fen},
          {"meals", std::move(meals)}};
}

template <class T>
ordered_json or_null(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

}  // namespace

Result<SubsidyRules> read_subsidy_rules(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  SubsidyRules r;
  if (std::optional<std::string> day = in.required_string("effective_from", 10, 10)) {
    Result<core::LocalDate> d = core::parse_date(*day);
    if (d.ok()) {
      r.effective_from = *d;
    } else {
      in.fail("effective_from", "a day YYYY-MM-DD");
    }
  }
  if (std::optional<std::string> p = in.optional_string("precedence", 1, 16)) {
    if (auto prec = parse_precedence(*p)) {
      r.precedence = *prec;
    } else {
      in.fail("precedence", "highest or first");
    }
  }
  r.cap_per_day_fen = in.optional_int("cap_per_day_fen", 0, kMaxSubsidyFen);
  r.cap_per_month_fen = in.optional_int("cap_per_month_fen", 0, kMaxSubsidyFen * 31);
  r.note = in.optional_string("note", 0, kSubsidyNoteMax).value_or("");
  in.known({"tiers"});
  const json& d = *doc;
  auto tiers = d.find("tiers");
  if (tiers == d.end() || !tiers->is_array()) {
    in.fail("tiers", "a list of 1 to " + std::to_string(kMaxTiers) + " tiers");
  } else if (tiers->size() <= kMaxTiers) {
    for (size_t i = 0; i < tiers->size(); ++i) {
      read_tier((*tiers)[i], "tiers[" + std::to_string(i) + "]", in, r);
    }
  }
  in.reject_unknown();
  if (in.ok()) {
    for (FieldError& e : check_rules(r)) in.fail(std::move(e.field), std::move(e.message));
  }
  if (!in.ok()) return in.status();
  return r;
}

ordered_json subsidy_version_json(const SubsidyRules& r, core::LocalDate today,
                                  std::optional<int64_t> in_force_id) {
  ordered_json tiers = ordered_json::array();
  for (const SubsidyTier& t : r.tiers) tiers.push_back(tier_json(t));
  const char* state = r.effective_from > today ? "scheduled"
                      : in_force_id == r.id    ? "in_force"
                                               : "superseded";
  return {{"id", r.id},
          {"effective_from", core::format_date(r.effective_from)},
          {"state", state},
          {"in_force", in_force_id == r.id},
          {"precedence", precedence_code(r.precedence)},
          {"cap_per_day_fen", or_null(r.cap_per_day_fen)},
          {"cap_per_month_fen", or_null(r.cap_per_month_fen)},
          {"note", r.note},
          {"tiers", std::move(tiers)},
          {"created_at", core::format_rfc3339(r.created_at)},
          {"created_by", r.created_by},
          {"updated_at", core::format_rfc3339(r.updated_at)},
          {"updated_by", r.updated_by}};
}

ordered_json elder_quote_json(const ElderQuote& q, const QuoteRequest& asked) {
  const Quote& x = q.quote;
  ordered_json elder = nullptr;
  if (q.elder_id) {
    // Her masked name only: never her categories, age or record id.
    elder = {{"name", q.elder_name_masked}};
  }
  return {{"canteen_id", q.canteen_id},
          {"date", core::format_date(asked.date)},
          {"meal", meal_code(asked.meal)},
          {"price_fen", x.price_fen},
          {"subsidy_fen", x.subsidy_fen},
          {"pays_fen", x.pays_fen},
          {"tier", or_null(x.tier)},
          {"version_id", or_null(x.version_id)},
          {"limited_by", x.limited_by.empty() ? ordered_json(nullptr) : ordered_json(x.limited_by)},
          {"reason", x.reason},
          {"subsidised_today_fen", q.subsidised_today_fen},
          {"subsidised_month_fen", q.subsidised_month_fen},
          {"elder", std::move(elder)}};
}

std::string dump_json(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace warmcity::canteens
