#include "eldercare/elder_input.h"

#include <algorithm>

#include "core/geo.h"
#include "core/phone.h"
#include "core/time.h"
#include "core/utf8.h"
#include "http/json_input.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::json;

constexpr size_t kMaxPhones = 4;
constexpr size_t kMaxContacts = 5;
constexpr size_t kMaxMedicines = 20;

// The string at `v` with min..max characters; an error for `field` otherwise.
std::optional<std::string> text(const json& v, const std::string& field, size_t min, size_t max,
                                http::FieldReader& in) {
  if (!v.is_string()) {
    in.fail(field, "must be a string");
    return std::nullopt;
  }
  const auto& s = v.get_ref<const std::string&>();
  std::optional<size_t> n = core::utf8_length(s);
  if (!n || *n < min || *n > max) {
    in.fail(field, "must be " + std::to_string(min) + " to " + std::to_string(max) +
                       " characters of UTF-8 text");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> phone(const json& v, const std::string& field, http::FieldReader& in) {
  std::optional<std::string> p = text(v, field, 1, 20, in);
  if (p && !core::is_valid_phone(*p)) {
    in.fail(field, "not a phone: a mainland mobile (11 digits) or a landline with area code");
    return std::nullopt;
  }
  return p;
}

// The object member `key` of `obj` (nullptr when absent).
const json* member(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::optional<ConsentInput> consent(const json& v, const std::string& field, bool health,
                                    http::FieldReader& in) {
  if (!v.is_object()) {
    in.fail(field, "must be an object {basis, note}");
    return std::nullopt;
  }
  ConsentInput c;
  const json* basis = member(v, "basis");
  std::optional<std::string> b = basis ? text(*basis, field + ".basis", 1, 32, in) : std::nullopt;
  if (!basis) in.fail(field + ".basis", "is required");
  if (b && !(health ? is_health_consent_basis(*b) : is_consent_basis(*b))) {
    in.fail(field + ".basis", health ? "consent or guardian_consent (health details need the "
                                       "person's or guardian's separate consent)"
                                     : "consent, guardian_consent or legal_duty");
    b.reset();
  }
  if (const json* note = member(v, "note"))
    c.note = text(*note, field + ".note", 0, 200, in).value_or("");
  for (const auto& [key, value] : v.items()) {
    if (key != "basis" && key != "note") in.fail(field + "." + key, "unknown field");
  }
  if (!b) return std::nullopt;
  c.basis = *b;
  return c;
}

std::optional<std::vector<std::string>> phones(const json& v, http::FieldReader& in) {
  if (!v.is_array() || v.empty() || v.size() > kMaxPhones) {
    in.fail("phones", "must be a list of 1 to 4 phones");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < v.size(); ++i) {
    std::optional<std::string> p = phone(v[i], "phones[" + std::to_string(i) + "]", in);
    if (!p) {
      ok = false;
    } else if (std::find(out.begin(), out.end(), *p) != out.end()) {
      in.fail("phones[" + std::to_string(i) + "]", "repeats an earlier phone");
      ok = false;
    } else {
      out.push_back(*p);
    }
  }
  return ok ? std::optional(out) : std::nullopt;
}

std::optional<std::vector<std::string>> categories(const json& v, http::FieldReader& in) {
  if (!v.is_array() || v.size() > category_codes().size()) {
    in.fail("categories", "must be a list of category codes");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const json& c : v) {
    if (!c.is_string() || !is_category(c.get_ref<const std::string&>())) {
      in.fail("categories",
              "unknown category; one of living_alone, empty_nest, left_behind, disabled, "
              "severely_disabled, lost_only_child, extreme_poverty, subsistence_allowance");
      return std::nullopt;
    }
    const std::string& code = c.get_ref<const std::string&>();
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  return out;
}

std::optional<std::vector<Contact>> contacts(const json& v, http::FieldReader& in) {
  if (!v.is_array() || v.size() > kMaxContacts) {
    in.fail("emergency_contacts", "must be a list of at most 5 contacts");
    return std::nullopt;
  }
  std::vector<Contact> out;
  bool ok = true;
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string field = "emergency_contacts[" + std::to_string(i) + "]";
    const json& c = v[i];
    if (!c.is_object()) {
      in.fail(field, "must be an object {name, relation, phone}");
      ok = false;
      continue;
    }
    const json* name = member(c, "name");
    const json* number = member(c, "phone");
    const json* relation = member(c, "relation");
    std::optional<std::string> n = name ? text(*name, field + ".name", 1, 32, in) : std::nullopt;
    std::optional<std::string> p = number ? phone(*number, field + ".phone", in) : std::nullopt;
    std::optional<std::string> r =
        relation ? text(*relation, field + ".relation", 0, 16, in) : std::string();
    if (!name) in.fail(field + ".name", "is required");
    if (!number) in.fail(field + ".phone", "is required");
    for (const auto& [key, value] : c.items()) {
      if (key != "name" && key != "phone" && key != "relation") {
        in.fail(field + "." + key, "unknown field");
      }
    }
    if (!n || !p || !r) {
      ok = false;
      continue;
    }
    out.push_back({*n, *r, *p});
  }
  return ok ? std::optional(out) : std::nullopt;
}

std::optional<Needs> needs(const json& v, http::FieldReader& in) {
  if (!v.is_object()) {
    in.fail("needs", "must be an object {diet, mobility, hearing, medicines} or null");
    return std::nullopt;
  }
  Needs n;
  bool ok = true;
  for (const auto& [key, value] : v.items()) {
    const std::string field = "needs." + key;
    if (key == "diet" || key == "mobility" || key == "hearing") {
      std::optional<std::string> t = text(value, field, 0, 200, in);
      if (!t) ok = false;
      (key == "diet" ? n.diet : key == "mobility" ? n.mobility : n.hearing) = t.value_or("");
    } else if (key == "medicines") {
      if (!value.is_array() || value.size() > kMaxMedicines) {
        in.fail(field, "must be a list of at most 20 medicines");
        ok = false;
        continue;
      }
      for (size_t i = 0; i < value.size(); ++i) {
        std::optional<std::string> m =
            text(value[i], field + "[" + std::to_string(i) + "]", 1, 100, in);
        if (m) n.medicines.push_back(*m);
        ok = ok && m.has_value();
      }
    } else {
      in.fail(field, "unknown field");
      ok = false;
    }
  }
  return ok ? std::optional(n) : std::nullopt;
}

}  // namespace

Result<ElderInput> read_elder_input(std::string_view body, bool gcj02, int64_t today_days) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  const json& d = *doc;
  http::FieldReader in(d);
  ElderInput out;
  out.name = in.optional_string("name", 1, 32);
  out.address = in.optional_string("address", 1, 200);
  out.lat = in.optional_number("lat", -90, 90);
  out.lon = in.optional_number("lon", -180, 180);
  if (in.has("lat") != in.has("lon")) {
    in.fail(in.has("lat") ? "lon" : "lat", "lat and lon go together");
  } else if (out.lat && gcj02) {
    const core::LatLon wgs = core::gcj02_to_wgs84({*out.lat, *out.lon});
    out.lat = wgs.lat;
    out.lon = wgs.lon;
  }
  if (std::optional<std::string> b = in.optional_string("birth_date", 10, 10)) {
    const std::optional<int64_t> days = birth_date_days(*b);
    if (!days || *days > today_days) {
      in.fail("birth_date", "a date YYYY-MM-DD between 1900 and today");
    } else {
      out.birth_date = *b;
    }
  }
  out.risk_tier = in.optional_string("risk_tier", 1, 16);
  if (out.risk_tier && !is_risk_tier(*out.risk_tier)) {
    in.fail("risk_tier", "high, priority or general");
  }
  in.known({"phones", "categories", "emergency_contacts", "needs", "consent", "health_consent"});
  if (const json* v = member(d, "phones"); v && !v->is_null()) out.phones = phones(*v, in);
  if (const json* v = member(d, "categories"); v && !v->is_null()) {
    out.categories = categories(*v, in);
  }
  if (const json* v = member(d, "emergency_contacts"); v && !v->is_null()) {
    out.emergency_contacts = contacts(*v, in);
  }
  if (const json* v = member(d, "needs")) {
    out.needs = v->is_null() ? std::optional<Needs>() : needs(*v, in);
  }
  if (const json* v = member(d, "consent"); v && !v->is_null()) {
    out.consent = consent(*v, "consent", false, in);
  }
  if (const json* v = member(d, "health_consent")) {
    out.health_consent =
        v->is_null() ? std::optional<ConsentInput>() : consent(*v, "health_consent", true, in);
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<CloseInput> read_close_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  CloseInput out;
  std::optional<std::string> reason = in.required_string("reason", 1, 16);
  if (reason && !is_close_reason(*reason)) in.fail("reason", "moved_out or died");
  out.note = in.optional_string("note", 0, 200).value_or("");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  out.reason = *reason;
  return out;
}

}  // namespace warmcity::eldercare
