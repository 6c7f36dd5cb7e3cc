#include "http/json_input.h"

#include "core/json_text.h"
#include "core/utf8.h"

namespace warmcity::http {

using nlohmann::json;

Result<json> parse_json_object(std::string_view body) {
  if (body.empty()) return Status::InvalidArgument("the request needs a JSON object body");
  if (core::json_nesting_exceeds(body)) {
    return Status::InvalidArgument("the body nests arrays and objects more than " +
                                   std::to_string(core::kMaxJsonDepth) + " levels deep");
  }
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidArgument("the body is not valid JSON");
  if (!doc.is_object()) return Status::InvalidArgument("the body must be a JSON object");
  return doc;
}

Result<json> parse_feature_collection(std::string_view body) {
  Result<json> doc = parse_json_object(body);
  if (!doc.ok()) return doc.status();
  if (!field_is(*doc, "type", "FeatureCollection")) {
    return Status::Unprocessable("the body is not a GeoJSON FeatureCollection",
                                 {{"type", "must be FeatureCollection"}});
  }
  auto features = doc->find("features");
  if (features == doc->end() || !features->is_array()) {
    return Status::Unprocessable("the body is not a GeoJSON FeatureCollection",
                                 {{"features", "must be an array of features"}});
  }
  return std::move(*features);
}

bool field_is(const json& obj, const char* key, std::string_view text) {
  if (!obj.is_object()) return false;
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() && it->get_ref<const std::string&>() == text;
}

const json* FieldReader::get(const std::string& field, bool required) {
  seen_.insert(field);
  auto it = obj_.find(field);
  if (it == obj_.end() || it->is_null()) {
    if (required) fail(field, "is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::optional_string(const std::string& field, size_t min_len,
                                                        size_t max_len) {
  const json* v = get(field, false);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(field, "must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  auto len = core::utf8_length(s);
  if (!len) {
    fail(field, "is not valid UTF-8");
    return std::nullopt;
  }
  if (*len < min_len || *len > max_len) {
    fail(field, "must be " + std::to_string(min_len) + " to " + std::to_string(max_len) +
                    " characters long");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FieldReader::required_string(const std::string& field, size_t min_len,
                                                        size_t max_len) {
  if (!get(field, true)) return std::nullopt;
  return optional_string(field, min_len, max_len);
}

std::optional<int64_t> FieldReader::optional_int(const std::string& field, int64_t min,
                                                 int64_t max) {
  const json* v = get(field, false);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(field, "must be an integer");
    return std::nullopt;
  }
  int64_t x = v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX)
                  ? INT64_MAX
                  : v->get<int64_t>();
  if (x < min || x > max) {
    fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return x;
}

std::optional<int64_t> FieldReader::required_int(const std::string& field, int64_t min,
                                                 int64_t max) {
  if (!get(field, true)) return std::nullopt;
  return optional_int(field, min, max);
}

std::optional<double> FieldReader::optional_number(const std::string& field, double min,
                                                   double max) {
  const json* v = get(field, false);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(field, "must be a number");
    return std::nullopt;
  }
  double x = v->get<double>();
  if (!(x >= min && x <= max)) {
    fail(field, "must be between " + json(min).dump() + " and " + json(max).dump());
    return std::nullopt;
  }
  return x;
}

std::optional<double> FieldReader::required_number(const std::string& field, double min,
                                                   double max) {
  if (!get(field, true)) return std::nullopt;
  return optional_number(field, min, max);
}

std::optional<bool> FieldReader::optional_bool(const std::string& field) {
  const json* v = get(field, false);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(field, "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

void FieldReader::fail(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

void FieldReader::known(std::initializer_list<const char*> fields) {
  for (const char* f : fields) seen_.insert(f);
}

void FieldReader::reject_unknown() {
  for (auto it = obj_.begin(); it != obj_.end(); ++it) {
    if (!seen_.count(it.key())) fail(it.key(), "is not a known field");
  }
}

Status FieldReader::status() const {
  return Status::Unprocessable("some fields are not valid", errors_);
}

}  // namespace warmcity::http
