// The subsidy rules' vocabulary and consistency (subsidy_rule.h).
#include "canteens/subsidy_rule.h"

#include <algorithm>
#include <set>

#include "eldercare/elder.h"

namespace warmcity::canteens {

namespace {

constexpr std::string_view kMealCodes[] = {"breakfast", "lunch", "dinner"};

std::string tier_path(size_t i) { return "tiers[" + std::to_string(i) + "]"; }

// A status-less tier's band as [lo, hi] (hi: kMaxAge when open above).
std::pair<int, int> band_of(const SubsidyTier& t) {
  return {t.age_min.value_or(0), t.age_max.value_or(kMaxAge)};
}

void check_tier(const SubsidyTier& t, const std::string& at, std::vector<FieldError>& errors) {
  if (!t.age_min && t.statuses.empty()) {
    errors.push_back({at + ".age_min", "a tier needs an age band (age_min, age_max) or statuses"});
  }
  if (t.age_max && !t.age_min) {
    errors.push_back({at + ".age_min", "an age band starts at age_min (whole years)"});
  }
  if (t.age_min && t.age_max && *t.age_max < *t.age_min) {
    errors.push_back({at + ".age_max", "must not be below age_min"});
  }
  std::set<std::string> seen;
  for (size_t k = 0; k < t.statuses.size(); ++k) {
    const std::string& s = t.statuses[k];
    const std::string field = at + ".statuses[" + std::to_string(k) + "]";
    if (!eldercare::is_category(s)) {
      errors.push_back({field,
                        "not an elder category: living_alone, empty_nest, left_behind, "
                        "disabled, severely_disabled, lost_only_child, extreme_poverty "
                        "or subsistence_allowance"});
    } else if (!seen.insert(s).second) {
      errors.push_back({field, "named twice"});
    }
  }
  if (t.meals.empty()) errors.push_back({at + ".meals", "name at least one meal"});
  for (size_t k = 0; k < t.meals.size(); ++k) {
    if (std::count(t.meals.begin(), t.meals.begin() + k, t.meals[k]) > 0) {
      errors.push_back({at + ".meals[" + std::to_string(k) + "]", "named twice"});
    }
  }
}

}  // namespace

std::optional<Meal> parse_meal(std::string_view code) {
  for (size_t i = 0; i < std::size(kMealCodes); ++i) {
    if (kMealCodes[i] == code) return static_cast<Meal>(i);
  }
  return std::nullopt;
}

std::string_view meal_code(Meal m) { return kMealCodes[static_cast<size_t>(m)]; }

std::optional<Precedence> parse_precedence(std::string_view code) {
  if (code == "highest") return Precedence::kHighest;
  if (code == "first") return Precedence::kFirst;
  return std::nullopt;
}

std::string_view precedence_code(Precedence p) {
  return p == Precedence::kHighest ? "highest" : "first";
}

std::vector<FieldError> check_rules(const SubsidyRules& r) {
  std::vector<FieldError> errors;
  if (r.tiers.empty() || r.tiers.size() > kMaxTiers) {
    errors.push_back({"tiers", "a list of 1 to " + std::to_string(kMaxTiers) + " tiers"});
  }
  std::set<std::string> names;
  for (size_t i = 0; i < r.tiers.size(); ++i) {
    const SubsidyTier& t = r.tiers[i];
    check_tier(t, tier_path(i), errors);
    if (!names.insert(t.name).second) {
      errors.push_back({tier_path(i) + ".name", "another tier has this name"});
    }
  }
  // Tiers by age alone must not overlap: an elder's age picks one of them.
  for (size_t i = 0; i < r.tiers.size(); ++i) {
    const SubsidyTier& a = r.tiers[i];
    if (!a.statuses.empty() || !a.age_min) continue;
    for (size_t j = i + 1; j < r.tiers.size(); ++j) {
      const SubsidyTier& b = r.tiers[j];
      if (!b.statuses.empty() || !b.age_min) continue;
      const auto [alo, ahi] = band_of(a);
      const auto [blo, bhi] = band_of(b);
      if (alo <= bhi && blo <= ahi) {
        errors.push_back({tier_path(j) + ".age_min", "the age bands of tiers \"" + a.name + "\" (" +
                                                         tier_path(i) + ") and \"" + b.name +
                                                         "\" (" + tier_path(j) + ") overlap"});
      }
    }
  }
  return errors;
}

const SubsidyRules* in_force(const std::vector<SubsidyRules>& versions, core::LocalDate day) {
  const SubsidyRules* best = nullptr;
  for (const SubsidyRules& v : versions) {
    if (v.effective_from <= day && (!best || best->effective_from < v.effective_from)) best = &v;
  }
  return best;
}

std::string yuan(int64_t fen) {
  const int64_t whole = fen / 100, cents = fen % 100;
  std::string out = "¥" + std::to_string(whole);
  if (cents != 0) {
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
  }
  return out;
}

}  // namespace warmcity::canteens
