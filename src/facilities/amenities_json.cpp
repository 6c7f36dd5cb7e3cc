#include "facilities/amenities_json.h"

#include <string>

#include "core/utf8.h"

namespace warmcity::facilities {

namespace {

using nlohmann::ordered_json;

std::string range_text(const AmenityField& f) {
  return "must be an integer from " + std::to_string(f.min) + " to " + std::to_string(f.max);
}

bool is_choice(const AmenityField& f, const std::string& value) {
  std::string_view rest = f.choices;
  while (!rest.empty()) {
    size_t bar = rest.find('|');
    if (rest.substr(0, bar) == value) return true;
    rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
  }
  return false;
}

std::string choices_text(const AmenityField& f) {
  std::string out(f.choices);
  for (char& c : out) c = c == '|' ? ',' : c;
  return "must be one of " + out;
}

// The canonical value of one field, or nullopt and an error in `why`.
std::optional<ordered_json> read_field(const AmenityField& f, const nlohmann::json* v,
                                       std::string& why) {
  if (!v) {
    if (f.required) {
      why = "is required";
      return std::nullopt;
    }
    switch (f.type) {
      case AmenityType::kBool:
        return ordered_json(false);
      case AmenityType::kInt:
        return ordered_json(f.min);
      case AmenityType::kNullableInt:
        return ordered_json(nullptr);
      case AmenityType::kString:
        return ordered_json("");
      case AmenityType::kChoice:
        return ordered_json(std::string(f.choices.substr(0, f.choices.find('|'))));
    }
  }
  switch (f.type) {
    case AmenityType::kBool:
      if (v->is_boolean()) return ordered_json(v->get<bool>());
      why = "must be true or false";
      return std::nullopt;
    case AmenityType::kNullableInt:
      if (v->is_null()) return ordered_json(nullptr);
      [[fallthrough]];
    case AmenityType::kInt:
      if (v->is_number_integer() && v->get<int64_t>() >= f.min && v->get<int64_t>() <= f.max) {
        return ordered_json(v->get<int64_t>());
      }
      why = range_text(f) + (f.type == AmenityType::kNullableInt ? ", or null" : "");
      return std::nullopt;
    case AmenityType::kString: {
      std::optional<size_t> length =
          v->is_string() ? core::utf8_length(v->get<std::string>()) : std::nullopt;
      if (length && static_cast<int64_t>(*length) <= f.max) {
        return ordered_json(v->get<std::string>());
      }
      why = "must be a string of at most " + std::to_string(f.max) + " characters";
      return std::nullopt;
    }
    case AmenityType::kChoice:
      if (v->is_string() && is_choice(f, v->get<std::string>())) {
        return ordered_json(v->get<std::string>());
      }
      why = choices_text(f);
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Amenities> read_amenities(Kind kind, const nlohmann::json& value,
                                        std::vector<FieldError>& errors) {
  if (!value.is_object()) {
    errors.push_back({"amenities", "must be an object"});
    return std::nullopt;
  }
  const size_t before = errors.size();
  std::span<const AmenityField> fields = amenity_fields(kind);
  for (const auto& [key, unused] : value.items()) {
    bool known = false;
    for (const AmenityField& f : fields) known = known || f.name == key;
    if (!known) {
      errors.push_back(
          {"amenities." + key, "is not an amenity of a " + std::string(kind_name(kind))});
    }
  }
  Amenities out;
  ordered_json canonical = ordered_json::object();
  for (const AmenityField& f : fields) {
    auto it = value.find(std::string(f.name));
    std::string why;
    std::optional<ordered_json> v = read_field(f, it == value.end() ? nullptr : &*it, why);
    if (!v) {
      errors.push_back({"amenities." + std::string(f.name), why});
      continue;
    }
    if (f.type == AmenityType::kBool && v->get<bool>()) out.flags |= *amenity_flag(kind, f.name);
    if (f.name == "capacity") out.capacity = v->get<int64_t>();
    canonical[std::string(f.name)] = std::move(*v);
  }
  if (errors.size() != before) return std::nullopt;
  out.json = canonical.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  return out;
}

Result<Amenities> amenities_from_text(Kind kind, std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<FieldError> errors;
  std::optional<Amenities> out = read_amenities(kind, doc, errors);
  if (!out) return Status::Internal("stored amenities do not validate: " + std::string(text));
  return *out;
}

}  // namespace warmcity::facilities
