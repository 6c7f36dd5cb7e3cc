#include "appeals/appeal_input.h"

#include <cmath>

#include "core/geo.h"
#include "http/json_input.h"

namespace warmcity::appeals {

namespace {

using nlohmann::json;

// The answer values as text (numbers in their shortest JSON form).
void read_answers(const json& doc, Answers& out, std::vector<FieldError>& errors) {
  auto it = doc.find("attributes");
  if (it == doc.end() || it->is_null()) return;
  if (!it->is_object()) {
    errors.push_back({"attributes", "must be an object of attribute code to value"});
    return;
  }
  for (const auto& [code, value] : it->items()) {
    std::vector<std::string> values;
    // code named in the capture: clang 14 cannot capture a structured binding.
    auto one = [&, &code = code](const json& v) {
      if (v.is_string()) {
        values.push_back(v.get<std::string>());
      } else if (v.is_number()) {
        values.push_back(v.dump());
      } else {
        errors.push_back({"attributes." + code, "values are strings or numbers"});
      }
    };
    if (value.is_array()) {
      for (const json& v : value) one(v);
    } else {
      one(value);
    }
    out[code] = std::move(values);
  }
}

void read_contact(const json& doc, std::optional<Contact>& out, std::vector<FieldError>& errors) {
  auto it = doc.find("contact");
  if (it == doc.end() || it->is_null()) return;
  if (!it->is_object() || !it->contains("name") || !it->contains("phone") ||
      !(*it)["name"].is_string() || !(*it)["phone"].is_string()) {
    errors.push_back({"contact", "must be an object with string name and phone"});
    return;
  }
  out = Contact{(*it)["name"].get<std::string>(), (*it)["phone"].get<std::string>()};
}

}  // namespace

Result<NewAppeal> read_new_appeal(std::string_view body, bool gcj02) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  NewAppeal a;
  std::vector<FieldError> errors;
  read_answers(*doc, a.answers, errors);
  if (doc->contains("photos")) {
    errors.push_back({"photos",
                      "photos are sent one by one after the appeal: POST "
                      "/api/v1/appeals/{id}/photos with the photo_token of the answer"});
  }
  read_contact(*doc, a.contact, errors);
  http::FieldReader in(*doc);
  in.known({"attributes", "photos", "contact"});  // read above
  a.category_code = in.required_string("category", 1, 32).value_or("");
  a.description = in.required_string("description", 1, 4000).value_or("");
  if (std::optional<std::string> channel = in.optional_string("channel", 1, 32)) {
    if (std::optional<Channel> c = parse_channel(*channel); c && *c != Channel::kOpen311) {
      a.channel = *c;
    } else {
      in.fail("channel", "web, phone, liaison_station or representative_visit");
    }
  }
  a.lat = in.optional_number("lat", -90, 90);
  a.lon = in.optional_number("lon", -180, 180);
  if (gcj02 && a.lat && a.lon) {
    core::LatLon wgs = core::gcj02_to_wgs84({*a.lat, *a.lon});
    a.lat = wgs.lat;
    a.lon = wgs.lon;
  }
  a.address = in.optional_string("address", 1, 200);
  a.anonymous = in.optional_bool("anonymous").value_or(false);
  in.reject_unknown();
  for (FieldError& e : errors) in.fail(std::move(e.field), std::move(e.message));
  if (!in.ok()) return in.status();
  return a;
}

Result<StepRequest> read_step(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  StepRequest r;
  std::optional<std::string> step = in.required_string("step", 1, 32);
  if (step) {
    if (std::optional<Step> s = parse_step(*step)) {
      r.step = *s;
    } else {
      in.fail("step",
              "one of accept, dispatch, return, start, reply, callback, close, "
              "reopen, merge");
    }
  }
  r.note = in.optional_string("note", 0, 2000).value_or("");
  r.is_public = in.optional_bool("public");
  r.org_id = in.optional_int("org_id", 1, INT64_MAX);
  r.area_id = in.optional_int("area_id", 1, INT64_MAX);
  r.outcome = in.optional_string("outcome", 1, 32);
  r.contacted = in.optional_bool("contacted");
  r.solved = in.optional_bool("solved");
  if (std::optional<std::string> sat = in.optional_string("satisfaction", 1, 32)) {
    r.satisfaction = parse_satisfaction(*sat);
    if (!r.satisfaction) {
      in.fail("satisfaction", "satisfied, basically_satisfied or dissatisfied");
    }
  }
  r.into_id = in.optional_int("into_id", 1, INT64_MAX);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return r;
}

Result<Category> read_category(std::string_view body, bool with_code) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  Category c;
  std::vector<FieldError> errors;
  if (auto it = doc->find("attributes"); it != doc->end() && !it->is_null()) {
    Result<std::vector<Attribute>> attributes = attributes_from_json(it->dump());
    if (attributes.ok()) {
      c.attributes = std::move(*attributes);
    } else {
      errors = attributes.status().field_errors();
    }
  }
  http::FieldReader in(*doc);
  in.known({"attributes"});  // read above
  if (with_code) c.code = in.required_string("code", 1, 32).value_or("");
  c.name_zh = in.required_string("name_zh", 1, 64).value_or("");
  c.name_en = in.required_string("name_en", 1, 64).value_or("");
  c.group = in.optional_string("group", 0, 64).value_or("");
  c.department_org_id = in.optional_int("department_org_id", 1, INT64_MAX);
  c.response_hours = static_cast<int>(in.required_int("response_hours", 1, 720).value_or(1));
  c.resolution_days = static_cast<int>(in.required_int("resolution_days", 1, 60).value_or(1));
  in.reject_unknown();
  for (FieldError& e : errors) in.fail(std::move(e.field), std::move(e.message));
  if (!in.ok()) return in.status();
  return c;
}

}  // namespace warmcity::appeals
