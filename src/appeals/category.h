// Appeal categories (诉求分类) and their extra attributes in Open311's model,
// and the check of a reporter's attribute answers against them.
//
// An attribute is a question the category asks beyond the description, with
// Open311 GeoReport v2's datatypes: string, number, datetime, text,
// singlevaluelist, multivaluelist; `required`, `order`, and for the list types
// the allowed values (key + name). Answers arrive as text per attribute code
// (JSON bodies and Open311 form fields alike), are checked here and stored as
// a JSON object {code: "text" | number | ["key", …]}.
// Pure functions; JSON is used inside the .cpp only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::appeals {

enum class Datatype { kString, kNumber, kDatetime, kText, kSingleValueList, kMultiValueList };
std::string_view datatype_name(Datatype d);  // Open311's spelling: "singlevaluelist"…
std::optional<Datatype> parse_datatype(std::string_view name);

struct AttributeValue {
  std::string key;
  std::string name;
  std::string name_en;  // "" → readers show `name`
};

struct Attribute {
  std::string code;  // [A-Za-z0-9_-], 1–32
  Datatype datatype = Datatype::kString;
  bool required = false;
  int order = 0;                       // Open311 `order`; attributes are listed by it
  std::string description;             // the question, zh-CN
  std::string description_en;          // the question, English; "" → readers show the zh-CN
  std::vector<AttributeValue> values;  // list types only, at least one
};

struct Category {
  int64_t id = 0;
  std::string code;  // [a-z0-9_-], 1–32; Open311 service_code
  std::string name_zh;
  std::string name_en;
  std::string group;                         // Open311 `group`, e.g. "城市管理"
  std::optional<int64_t> department_org_id;  // the responsible organisation
  int response_hours = 24;                   // 1–720, clock hours
  int resolution_days = 5;                   // 1–60, official working days
  std::vector<Attribute> attributes;         // sorted by order
  bool active = true;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Field errors (kUnprocessable) for a bad code, names, hours, days or
// attributes (codes unique, list types with unique keys, others with none;
// English question ≤ 200 and value names ≤ 64 characters, both optional).
// "stranded" is not a code: it names the list of stranded categories.
Status check_category(const Category& c);

// Stored and API form of the attribute definitions (a JSON array).
std::string attributes_to_json(const std::vector<Attribute>& attributes);
// kUnprocessable with field errors "attributes[i].…" when malformed.
Result<std::vector<Attribute>> attributes_from_json(std::string_view json_array);

// The reporter's answers: attribute code → values as text (one value except
// for multivaluelist).
using Answers = std::map<std::string, std::vector<std::string>>;

// Checks `answers` against the category: every required attribute answered,
// no unknown code, numbers finite, datetimes RFC 3339 with an offset, list
// values among the keys (multivaluelist: no repeats), string ≤ 255 and text
// ≤ 4000 characters. Returns the stored JSON object; kUnprocessable with
// errors "attributes.<code>" otherwise.
Result<std::string> check_answers(const Category& c, const Answers& answers);

}  // namespace warmcity::appeals
