#include "appeals/category.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "appeals/name_table.h"
#include "core/time.h"
#include "core/utf8.h"

namespace warmcity::appeals {

namespace {

using ordered_json = nlohmann::ordered_json;

constexpr NameTable<Datatype, 6> kDatatypes = {{
    {Datatype::kString, "string"},
    {Datatype::kNumber, "number"},
    {Datatype::kDatetime, "datetime"},
    {Datatype::kText, "text"},
    {Datatype::kSingleValueList, "singlevaluelist"},
    {Datatype::kMultiValueList, "multivaluelist"},
}};

bool is_list(Datatype d) {
  return d == Datatype::kSingleValueList || d == Datatype::kMultiValueList;
}

bool code_chars(std::string_view s, bool upper_ok) {
  if (s.empty() || s.size() > 32) return false;
  return std::all_of(s.begin(), s.end(), [upper_ok](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
           (upper_ok && ch >= 'A' && ch <= 'Z');
  });
}

bool text_between(std::string_view s, size_t min, size_t max) {
  std::optional<size_t> n = core::utf8_length(s);
  return n && *n >= min && *n <= max;
}

void check_attribute(const Attribute& a, const std::string& at, std::vector<FieldError>& errors) {
  if (!code_chars(a.code, true)) errors.push_back({at + ".code", "1 to 32 of A-Z a-z 0-9 _ -"});
  if (!text_between(a.description, 1, 200)) {
    errors.push_back({at + ".description", "1 to 200 characters"});
  }
  if (!text_between(a.description_en, 0, 200)) {
    errors.push_back({at + ".description_en", "at most 200 characters"});
  }
  if (is_list(a.datatype) && a.values.empty()) {
    errors.push_back({at + ".values", "a list attribute needs at least one value"});
  }
  if (!is_list(a.datatype) && !a.values.empty()) {
    errors.push_back({at + ".values", "only singlevaluelist and multivaluelist have values"});
  }
  std::set<std::string> keys;
  for (size_t i = 0; i < a.values.size(); ++i) {
    const std::string where = at + ".values[" + std::to_string(i) + "]";
    if (!text_between(a.values[i].key, 1, 64))
      errors.push_back({where + ".key", "1 to 64 characters"});
    if (!text_between(a.values[i].name, 1, 64)) {
      errors.push_back({where + ".name", "1 to 64 characters"});
    }
    if (!text_between(a.values[i].name_en, 0, 64)) {
      errors.push_back({where + ".name_en", "at most 64 characters"});
    }
    if (!keys.insert(a.values[i].key).second) errors.push_back({where + ".key", "repeated"});
  }
}

// One answer checked against its attribute; the JSON value to store.
std::optional<ordered_json> answer_value(const Attribute& a, const std::vector<std::string>& values,
                                         std::string& why) {
  if (a.datatype != Datatype::kMultiValueList && values.size() != 1) {
    why = "takes exactly one value";
    return std::nullopt;
  }
  auto known = [&a](const std::string& v) {
    return std::any_of(a.values.begin(), a.values.end(),
                       [&v](const AttributeValue& k) { return k.key == v; });
  };
  const std::string& v = values.empty() ? std::string() : values.front();
  switch (a.datatype) {
    case Datatype::kString:
    case Datatype::kText: {
      const size_t max = a.datatype == Datatype::kString ? 255 : 4000;
      if (!text_between(v, a.required ? 1 : 0, max)) {
        why = "at most " + std::to_string(max) + " characters of valid UTF-8";
        return std::nullopt;
      }
      return ordered_json(v);
    }
    case Datatype::kNumber: {
      double d = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
      if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) {
        why = "must be a number";
        return std::nullopt;
      }
      return ordered_json(d);
    }
    case Datatype::kDatetime:
      if (!core::parse_rfc3339(v).ok()) {
        why = "must be an RFC 3339 date-time with an offset";
        return std::nullopt;
      }
      return ordered_json(v);
    case Datatype::kSingleValueList:
      if (!known(v)) {
        why = "is not one of the attribute's values";
        return std::nullopt;
      }
      return ordered_json(v);
    case Datatype::kMultiValueList: {
      std::set<std::string> seen;
      for (const std::string& each : values) {
        if (!known(each) || !seen.insert(each).second) {
          why = "each value must be one of the attribute's values, once";
          return std::nullopt;
        }
      }
      if (values.empty() && a.required) {
        why = "is required";
        return std::nullopt;
      }
      return ordered_json(values);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view datatype_name(Datatype d) { return name_in(kDatatypes, d); }
std::optional<Datatype> parse_datatype(std::string_view name) { return parse_in(kDatatypes, name); }

Status check_category(const Category& c) {
  std::vector<FieldError> errors;
  if (!code_chars(c.code, false)) errors.push_back({"code", "1 to 32 of a-z 0-9 _ -"});
  if (c.code == "stranded") errors.push_back({"code", "stranded is reserved"});
  if (!text_between(c.name_zh, 1, 64)) errors.push_back({"name_zh", "1 to 64 characters"});
  if (!text_between(c.name_en, 1, 64)) errors.push_back({"name_en", "1 to 64 characters"});
  if (!text_between(c.group, 0, 64)) errors.push_back({"group", "at most 64 characters"});
  if (c.response_hours < 1 || c.response_hours > 720) {
    errors.push_back({"response_hours", "1 to 720"});
  }
  if (c.resolution_days < 1 || c.resolution_days > 60) {
    errors.push_back({"resolution_days", "1 to 60"});
  }
  if (c.attributes.size() > 20) errors.push_back({"attributes", "at most 20"});
  std::set<std::string> codes;
  for (size_t i = 0; i < c.attributes.size(); ++i) {
    const std::string at = "attributes[" + std::to_string(i) + "]";
    check_attribute(c.attributes[i], at, errors);
    if (!codes.insert(c.attributes[i].code).second) errors.push_back({at + ".code", "repeated"});
  }
  if (!errors.empty()) return Status::Unprocessable("invalid category", std::move(errors));
  return Status::Ok();
}

std::string attributes_to_json(const std::vector<Attribute>& attributes) {
  ordered_json out = ordered_json::array();
  for (const Attribute& a : attributes) {
    ordered_json values = ordered_json::array();
    for (const AttributeValue& v : a.values) {
      values.push_back({{"key", v.key}, {"name", v.name}, {"name_en", v.name_en}});
    }
    out.push_back({{"code", a.code},
                   {"datatype", datatype_name(a.datatype)},
                   {"required", a.required},
                   {"order", a.order},
                   {"description", a.description},
                   {"description_en", a.description_en},
                   {"values", std::move(values)}});
  }
  return out.dump();
}

Result<std::vector<Attribute>> attributes_from_json(std::string_view text) {
  ordered_json doc = ordered_json::parse(text, nullptr, false);
  if (!doc.is_array()) {
    return Status::Unprocessable("bad attributes", {{"attributes", "must be an array"}});
  }
  std::vector<Attribute> out;
  std::vector<FieldError> errors;
  for (size_t i = 0; i < doc.size(); ++i) {
    const ordered_json& item = doc[i];
    const std::string at = "attributes[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      errors.push_back({at, "must be an object"});
      continue;
    }
    Attribute a;
    auto text_of = [&](const char* key, std::string& into, bool required) {
      auto it = item.find(key);
      if (it == item.end() && !required) return;
      if (it == item.end() || !it->is_string()) {
        errors.push_back({at + "." + key, "must be a string"});
        return;
      }
      into = it->get<std::string>();
    };
    text_of("code", a.code, true);
    text_of("description", a.description, true);
    text_of("description_en", a.description_en, false);
    std::string datatype;
    text_of("datatype", datatype, true);
    if (auto d = parse_datatype(datatype)) {
      a.datatype = *d;
    } else if (!datatype.empty()) {
      errors.push_back({at + ".datatype",
                        "one of string, number, datetime, text, singlevaluelist, multivaluelist"});
    }
    if (auto r = item.find("required"); r != item.end()) {
      if (r->is_boolean()) {
        a.required = r->get<bool>();
      } else {
        errors.push_back({at + ".required", "must be true or false"});
      }
    }
    if (auto o = item.find("order"); o != item.end()) {
      if (o->is_number_integer() && o->get<int64_t>() >= 0 && o->get<int64_t>() <= 1000) {
        a.order = o->get<int>();
      } else {
        errors.push_back({at + ".order", "a whole number from 0 to 1000"});
      }
    } else {
      a.order = static_cast<int>(i) + 1;
    }
    if (auto vs = item.find("values"); vs != item.end() && !vs->is_null()) {
      if (!vs->is_array()) errors.push_back({at + ".values", "must be an array"});
      for (size_t j = 0; vs->is_array() && j < vs->size(); ++j) {
        const ordered_json& v = (*vs)[j];
        const bool bad_en = v.is_object() && v.contains("name_en") && !v["name_en"].is_string();
        if (!v.is_object() || !v.contains("key") || !v.contains("name") || !v["key"].is_string() ||
            !v["name"].is_string() || bad_en) {
          errors.push_back({at + ".values[" + std::to_string(j) + "]",
                            "must be an object with string key and name (and name_en)"});
          continue;
        }
        a.values.push_back({v["key"].get<std::string>(), v["name"].get<std::string>(),
                            v.value("name_en", std::string())});
      }
    }
    out.push_back(std::move(a));
  }
  if (!errors.empty()) return Status::Unprocessable("bad attributes", std::move(errors));
  std::stable_sort(out.begin(), out.end(),
                   [](const Attribute& a, const Attribute& b) { return a.order < b.order; });
  return out;
}

Result<std::string> check_answers(const Category& c, const Answers& answers) {
  std::vector<FieldError> errors;
  ordered_json out = ordered_json::object();
  for (const auto& [code, values] : answers) {
    auto it = std::find_if(c.attributes.begin(), c.attributes.end(),
                           // &code = code: clang 14 cannot capture a structured binding.
                           [&code = code](const Attribute& a) { return a.code == code; });
    if (it == c.attributes.end()) {
      errors.push_back({"attributes." + code, "the category has no such attribute"});
      continue;
    }
    std::string why;
    std::optional<ordered_json> v = answer_value(*it, values, why);
    if (!v) {
      errors.push_back({"attributes." + code, why});
      continue;
    }
    out[code] = *v;
  }
  for (const Attribute& a : c.attributes) {
    if (a.required && !answers.count(a.code)) {
      errors.push_back({"attributes." + a.code, "is required"});
    }
  }
  if (!errors.empty()) return Status::Unprocessable("invalid attributes", std::move(errors));
  return out.dump();
}

}  // namespace warmcity::appeals
