// Reading JSON request bodies: parse once, then read typed fields while
// collecting every problem, so the client hears about all bad fields at once.
//
//   auto doc = http::parse_json_object(req.body);        // 400 when malformed
//   if (!doc.ok()) return reply(http::problem(doc.status()));
//   http::FieldReader in(*doc);
//   auto name = in.required_string("username", 1, 64);
//   auto age  = in.optional_int("age", 0, 150);
//   in.reject_unknown();                                  // where unknown fields matter
//   if (!in.ok()) return reply(http::problem(in.status())); // 422 with errors[]
//
// Include only in route translation units (it pulls in nlohmann/json).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace warmcity::http {

// Parses `body` as a JSON object. kInvalidArgument (400) when it is not JSON,
// not an object, or nests deeper than core::kMaxJsonDepth (checked before
// parsing). The result is the caller's: move it or read it in place.
Result<nlohmann::json> parse_json_object(std::string_view body);
// Parses `body` as a GeoJSON FeatureCollection and gives its `features`
// array. As parse_json_object, then kUnprocessable (field type or features)
// when it is not a FeatureCollection with a features array.
Result<nlohmann::json> parse_feature_collection(std::string_view body);

// True when `obj` is an object whose `key` is the string `text` (read in
// place: value(key, json()) would copy whatever the client put there).
bool field_is(const nlohmann::json& obj, const char* key, std::string_view text);

class FieldReader {
 public:
  explicit FieldReader(const nlohmann::json& object) : obj_(object) {}

  // Strings are measured in Unicode code points and must be valid UTF-8.
  std::optional<std::string> required_string(const std::string& field, size_t min_len,
                                             size_t max_len);
  std::optional<std::string> optional_string(const std::string& field, size_t min_len,
                                             size_t max_len);
  std::optional<int64_t> required_int(const std::string& field, int64_t min, int64_t max);
  std::optional<int64_t> optional_int(const std::string& field, int64_t min, int64_t max);
  std::optional<double> required_number(const std::string& field, double min, double max);
  std::optional<double> optional_number(const std::string& field, double min, double max);
  std::optional<bool> optional_bool(const std::string& field);
  bool has(const std::string& field) const { return obj_.contains(field); }

  // Adds an error of the caller's own (cross-field rules).
  void fail(std::string field, std::string message);
  // Counts `fields` as known without reading them here (the caller reads them
  // in place), so reject_unknown() passes them. Never copy the document to
  // erase them: copying recurses once per nesting level.
  void known(std::initializer_list<const char*> fields);
  // Adds an error for every field not read through this reader.
  void reject_unknown();

  bool ok() const { return errors_.empty(); }
  // kUnprocessable with errors[] (REQUIRES: !ok()).
  Status status() const;

 private:
  const nlohmann::json* get(const std::string& field, bool required);
  const nlohmann::json& obj_;
  std::set<std::string> seen_;
  std::vector<FieldError> errors_;
};

}  // namespace warmcity::http
