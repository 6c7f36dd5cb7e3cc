#include "eldercare/elder_json.h"

#include "core/phone.h"
#include "core/time.h"
#include "eldercare/card_number.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

ordered_json optional_id(const std::optional<int64_t>& id) {
  return id ? ordered_json(*id) : ordered_json(nullptr);
}

// A masked view leaves the free-text note out: it may name a guardian or
// hold a phone number.
ordered_json consent_json(const Consent& c, bool full) {
  return {{"basis", c.basis},
          {"note", full ? ordered_json(c.note) : ordered_json(nullptr)},
          {"recorded_by", c.recorded_by},
          {"recorded_at", core::format_rfc3339(c.recorded_at)}};
}

ordered_json needs_json(const Needs& n) {
  return {{"diet", n.diet},
          {"mobility", n.mobility},
          {"hearing", n.hearing},
          {"medicines", n.medicines}};
}

}  // namespace

std::string dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json elder_json(const Elder& e, View view) {
  const bool full = view == View::kFull;
  ordered_json phones = ordered_json::array();
  for (const std::string& p : e.phones) phones.push_back(full ? p : core::mask_phone(p));
  ordered_json contacts = ordered_json::array();
  for (const Contact& c : e.emergency_contacts) {
    contacts.push_back({{"name", full ? c.name : core::mask_name(c.name)},
                        {"relation", c.relation},
                        {"phone", full ? c.phone : core::mask_phone(c.phone)}});
  }
  ordered_json out = {
      {"id", e.id},
      {"view", full ? "full" : "masked"},
      {"name", full ? e.name : core::mask_name(e.name)},
      {"phones", std::move(phones)},
      {"address", full ? ordered_json(e.address) : ordered_json(nullptr)},
      {"lat", full ? ordered_json(e.lat) : ordered_json(nullptr)},
      {"lon", full ? ordered_json(e.lon) : ordered_json(nullptr)},
      {"grid_id", e.grid_id},
      {"community_id", optional_id(e.community_id)},
      {"subdistrict_id", optional_id(e.subdistrict_id)},
      {"team_id", optional_id(e.team_id)},
      {"birth_date", full ? e.birth_date : e.birth_date.substr(0, 4) + "-**-**"},
      {"categories", e.categories},
      {"risk_tier", e.risk_tier},
      {"emergency_contacts", std::move(contacts)},
      {"needs", full && e.needs ? needs_json(*e.needs) : ordered_json(nullptr)},
      {"consent", consent_json(e.consent, full)},
      // Masked: not even whether health details are held.
      {"health_consent",
       full && e.health_consent ? consent_json(*e.health_consent, full) : ordered_json(nullptr)},
      {"state", e.closed ? "closed" : "active"},
      {"closed",
       e.closed ? ordered_json{{"reason", e.closed_reason},
                               {"note", full ? ordered_json(e.closed_note) : ordered_json(nullptr)},
                               {"at", core::format_rfc3339(e.closed_at)}}
                : ordered_json(nullptr)},
      {"created_at", core::format_rfc3339(e.created_at)},
      {"updated_at", core::format_rfc3339(e.updated_at)}};
  return out;
}

ordered_json event_json(const ElderEvent& e) {
  ordered_json detail = ordered_json::parse(e.detail_json, nullptr, false);
  return {{"id", e.id},
          {"at", core::format_rfc3339(e.at)},
          {"actor_user_id", e.actor_user_id},
          {"action", e.action},
          {"detail", detail.is_discarded() ? ordered_json::object() : std::move(detail)}};
}

ordered_json card_json(const Card& c) {
  return {{"id", c.id},
          {"elder_id", c.elder_id},
          {"number", c.number},
          {"number_display", format_card_number(c.number)},
          {"state", c.active ? "active" : "revoked"},
          {"committee_phone", c.committee_phone},
          {"team_phone", c.team_phone},
          {"issued_at", core::format_rfc3339(c.issued_at)},
          {"issued_by", c.issued_by},
          {"revoked_at",
           c.active ? ordered_json(nullptr) : ordered_json(core::format_rfc3339(c.revoked_at))},
          {"revoked_reason", c.active ? ordered_json(nullptr) : ordered_json(c.revoked_reason)}};
}

Changes changes_of(const Elder& before, const Elder& after) {
  ordered_json a = elder_json(before, View::kFull);
  ordered_json b = elder_json(after, View::kFull);
  ordered_json fields = ordered_json::object();
  Changes out;
  for (auto it = b.begin(); it != b.end(); ++it) {
    if (it.key() == "updated_at" || it.key() == "view") continue;
    if (a[it.key()] == it.value()) continue;
    out.fields.push_back(it.key());
    // Health details are kept only while their consent stands: the history
    // says that they changed, never what they were (a withdrawal erases them).
    if (it.key() == "needs") {
      fields[it.key()] = {{"changed", true}};
    } else {
      fields[it.key()] = {{"old", a[it.key()]}, {"new", it.value()}};
    }
  }
  if (!out.fields.empty()) out.history = dump({{"fields", std::move(fields)}});
  return out;
}

std::vector<std::string> personal_fields(View view) {
  if (view == View::kFull) {
    return {"name", "phones", "address", "position", "birth_date", "emergency_contacts", "needs"};
  }
  return {"name_masked", "phones_masked", "birth_year", "emergency_contacts_masked"};
}

}  // namespace warmcity::eldercare
