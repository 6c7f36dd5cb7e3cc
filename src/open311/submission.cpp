#include "open311/submission.h"

#include <charconv>
#include <cmath>

#include "core/utf8.h"

namespace warmcity::open311 {

namespace {

std::optional<double> parse_double(std::string_view text) {
  double v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> present(const Form& form, const std::string& name) {
  std::string_view v = form.get(name);
  return v.empty() ? std::nullopt : std::optional<std::string>(v);
}

bool starts_non_ascii(std::string_view s) {
  return !s.empty() && static_cast<unsigned char>(s.front()) >= 0x80;
}

// 王 + 小明 → 王小明; John + Smith → John Smith.
std::string full_name(std::string_view first, std::string_view last) {
  if (first.empty() || last.empty()) return std::string(first.empty() ? last : first);
  if (starts_non_ascii(last)) return std::string(last) + std::string(first);
  return std::string(first) + " " + std::string(last);
}

void check_length(const std::optional<std::string>& v, const char* field, size_t max,
                  std::vector<FieldError>& errors) {
  if (!v) return;
  std::optional<size_t> n = core::utf8_length(*v);
  if (!n || *n > max) errors.push_back({field, "at most " + std::to_string(max) + " characters"});
}

}  // namespace

Result<Submission> read_submission(const Form& form, const appeals::Category& category) {
  Submission out;
  std::vector<FieldError> errors;
  appeals::NewAppeal& a = out.appeal;
  a.category_code = category.code;
  a.channel = appeals::Channel::kOpen311;

  const std::optional<std::string> lat = present(form, "lat"), lon = present(form, "long");
  if (lat.has_value() != lon.has_value()) {
    errors.push_back({lat ? "long" : "lat", "lat and long must be sent together"});
  } else if (lat) {
    a.lat = parse_double(*lat);
    a.lon = parse_double(*lon);
    if (!a.lat) errors.push_back({"lat", "not a number"});
    if (!a.lon) errors.push_back({"long", "not a number"});
  }
  a.address = present(form, "address_string");
  out.address_id = present(form, "address_id");
  check_length(out.address_id, "address_id", 64, errors);
  if (!a.address && out.address_id) a.address = "address_id " + *out.address_id;
  if (!lat && !lon && !a.address) {
    errors.push_back({"lat", "a location is required: lat and long, address_string or address_id"});
  }

  a.description = present(form, "description").value_or(category.name_zh);
  for (const auto& [code, values] : form.attributes) a.answers[code] = values;

  const std::string first(form.get("first_name")), last(form.get("last_name"));
  if (std::optional<std::string> phone = present(form, "phone")) {
    std::string name = full_name(first, last);
    a.contact = appeals::Contact{name.empty() ? "Open311" : name, *phone};
  } else {
    a.anonymous = true;
  }
  out.email = present(form, "email");
  check_length(out.email, "email", 254, errors);
  out.account_id = present(form, "account_id");
  check_length(out.account_id, "account_id", 64, errors);

  if (!errors.empty()) return Status::Unprocessable("bad service request", std::move(errors));
  return out;
}

std::string open311_field(std::string_view f) {
  if (f == "category") return "service_code";
  if (f == "lon") return "long";
  if (f == "address") return "address_string";
  if (f == "contact" || f == "contact.phone") return "phone";
  if (f == "contact.name") return "first_name";
  if (f.starts_with("attributes.")) return "attribute[" + std::string(f.substr(11)) + "]";
  return std::string(f);
}

Status with_open311_fields(const Status& s) {
  if (s.field_errors().empty()) return s;
  std::vector<FieldError> renamed;
  for (const FieldError& e : s.field_errors())
    renamed.push_back({open311_field(e.field), e.message});
  return Status::Unprocessable(s.message(), std::move(renamed));
}

}  // namespace warmcity::open311
