// The people we look after (服务对象): the plain record the store, the
// service and the routes share, the closed vocabularies (categories, risk
// tiers, consent bases, reasons for closing) with their stable English codes,
// and the caller-ID form of a phone number. Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmcity::eldercare {

// 独居 living_alone, 空巢 empty_nest, 留守 left_behind, 失能 disabled,
// 重残 severely_disabled, 计生特殊家庭 lost_only_child, 特困 extreme_poverty,
// 低保 subsistence_allowance.
bool is_category(std::string_view code);
const std::vector<std::string>& category_codes();

// high (weekly visits), priority (monthly), general (quarterly).
bool is_risk_tier(std::string_view code);

// Why we may hold the record: the elder's own consent, a guardian's, or a
// duty set by law (PIPL art. 13(3)). Health details need consent or a
// guardian's consent given separately (art. 29).
bool is_consent_basis(std::string_view code);
bool is_health_consent_basis(std::string_view code);

// moved_out, died.
bool is_close_reason(std::string_view code);

struct Contact {  // an emergency contact
  std::string name;
  std::string relation;  // 儿子, 女儿, 邻居 …
  std::string phone;     // core::is_valid_phone
};

// Health details (sensitive personal data): held only with health consent.
struct Needs {
  std::string diet;      // 低盐, 糖尿病饮食 …
  std::string mobility;  // 拄拐, 轮椅 …
  std::string hearing;   // 左耳听力弱 …
  std::vector<std::string> medicines;
};

struct Consent {
  std::string basis;        // is_consent_basis / is_health_consent_basis
  std::string note;         // e.g. "本人口头同意，社区办公室"
  int64_t recorded_by = 0;  // user id
  int64_t recorded_at = 0;  // unix seconds
};

struct Elder {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> phones;  // as entered; at least one
  std::string address;
  double lat = 0, lon = 0;  // WGS-84
  int64_t grid_id = 0;      // derived from the position by the areas module
  std::optional<int64_t> community_id;
  std::optional<int64_t> subdistrict_id;
  std::string birth_date;  // YYYY-MM-DD
  std::vector<std::string> categories;
  std::string risk_tier = "general";
  std::vector<Contact> emergency_contacts;
  std::optional<Needs> needs;  // only with health_consent
  Consent consent;
  std::optional<Consent> health_consent;
  bool closed = false;
  std::string closed_reason;  // is_close_reason when closed
  std::string closed_note;
  int64_t closed_at = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> team_id;  // the paired team (结对帮扶), team_store.h
  // Read with the record, never written through it: the users of her team.
  std::vector<int64_t> team_members;
};

// A birth date "YYYY-MM-DD" from 1900 (core::parse_date starts at 1970, too
// late for the people we look after): its days since 1970-01-01 (negative
// before), or nullopt when it is not a real date.
std::optional<int64_t> birth_date_days(std::string_view text);

// The form a phone is looked up by (caller ID): spaces, hyphens, dots and
// brackets dropped, a leading +86 / 0086 / 86 before a mobile dropped.
// nullopt when what is left is not a valid phone (core::is_valid_phone).
std::optional<std::string> caller_id_form(std::string_view phone);

}  // namespace warmcity::eldercare
