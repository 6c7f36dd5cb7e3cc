// One-off proxies' JSON (proxy_json.h).
#include "afterschool/proxy_json.h"

#include <limits>
#include <string>

#include "activities/activity.h"
#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

using nlohmann::ordered_json;

Result<NewProxy> read_new_proxy(const nlohmann::json& body) {
  http::FieldReader in(body);
  NewProxy p;
  p.name = activities::trimmed_text(in, "name", 1, 30, true).value_or("");
  std::optional<std::string> phone = in.required_string("phone", 5, 20);
  if (phone && !core::is_valid_phone(*phone)) in.fail("phone", "not a valid phone number");
  p.phone = phone.value_or("");
  std::optional<std::string> relation = in.optional_string("relation", 0, 20);
  if (relation && !core::trim_blanks(*relation).empty())
    p.relation = std::string(core::trim_blanks(*relation));
  if (std::optional<std::string> date = in.optional_string("date", 10, 10)) {
    Result<core::LocalDate> d = core::parse_date(*date);
    if (d.ok())
      p.date = *d;
    else
      in.fail("date", "a date YYYY-MM-DD");
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return p;
}

Result<ProxyConfirmation> read_proxy_confirmation(const nlohmann::json& body) {
  http::FieldReader in(body);
  ProxyConfirmation c;
  std::optional<bool> by_phone = in.optional_bool("by_phone");
  if (by_phone == false) in.fail("by_phone", "true, or leave it out to confirm in the app");
  c.by_phone = by_phone.value_or(false);
  if (std::optional<std::string> at = in.optional_string("called_at", 5, 5)) {
    if (activities::parse_hhmm(*at))
      c.called_at = *at;
    else
      in.fail("called_at", "a time of day HH:MM");
  }
  c.guardian_user_id = in.optional_int("guardian_user_id", 1, std::numeric_limits<int64_t>::max());
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return c;
}

ordered_json proxy_json(const Proxy& p) {
  return {{"id", p.id},
          {"child_id", p.child_id},
          {"date", p.day},
          {"name", p.name},
          {"phone", p.phone},
          {"relation", p.relation ? ordered_json(*p.relation) : ordered_json(nullptr)},
          {"confirmed", p.confirmed_at.has_value()},
          {"confirm_channel",
           p.confirm_channel ? ordered_json(*p.confirm_channel) : ordered_json(nullptr)},
          {"confirmed_at", p.confirmed_at ? ordered_json(core::format_rfc3339(*p.confirmed_at))
                                          : ordered_json(nullptr)},
          {"used_at",
           p.used_at ? ordered_json(core::format_rfc3339(*p.used_at)) : ordered_json(nullptr)}};
}

}  // namespace warmcity::afterschool
