// The volunteer view and the volunteers' problems (volunteer_json.h).
#include "volunteers/volunteer_json.h"

#include <string>

#include "core/phone.h"
#include "http/problem.h"

namespace warmcity::volunteers {

using nlohmann::ordered_json;

namespace {

ordered_json text_or_null(const std::optional<std::string>& s) {
  return s ? ordered_json(*s) : ordered_json(nullptr);
}

ordered_json instant_or_null(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

}  // namespace

ordered_json volunteer_json(const VolunteerRow& v, Standing standing, core::LocalDate today) {
  const bool phones = sees_phone(standing);
  auto phone_as_seen = [phones](const std::optional<std::string>& p) {
    if (!p) return ordered_json(nullptr);
    return ordered_json(phones ? *p : core::mask_phone(*p));
  };
  ordered_json id_number = nullptr;
  if (v.id_number)
    id_number = sees_id_number(standing) ? *v.id_number : mask_id_number(*v.id_number);
  const std::optional<int> age_now =
      v.birth_date ? volunteer_age(*v.birth_date, today) : std::optional<int>();
  const int age = age_now.value_or(-1);  // -1: no birth date
  bool insured = false;
  if (v.insurance_until) {
    Result<core::LocalDate> until = core::parse_date(*v.insurance_until);
    insured = until.ok() && *until >= today;
  }
  ordered_json trainings = ordered_json::array();
  for (const Training& t : v.trainings)
    trainings.push_back({{"name", t.name}, {"completed_on", t.completed_on}});
  ordered_json guardian = nullptr;
  if (v.guardian) {
    guardian = {{"guardian_name", v.guardian->guardian_name},
                {"guardian_phone", phone_as_seen(v.guardian->guardian_phone)},
                {"relation", v.guardian->relation},
                {"recorded_by", v.guardian->recorded_by ? ordered_json(*v.guardian->recorded_by)
                                                        : ordered_json(nullptr)},
                {"recorded_at", instant_or_null(v.guardian->recorded_at)}};
  }
  ordered_json teams = ordered_json::array();
  for (const TeamLink& t : v.teams)
    teams.push_back({{"id", t.id},
                     {"name", t.name},
                     {"joined_at", core::format_rfc3339(t.joined_at)},
                     {"left_at", instant_or_null(t.left_at)}});
  return {{"id", v.id},
          {"volunteer_no", v.volunteer_no},
          {"name", v.name},
          {"phone", phone_as_seen(v.phone)},
          {"id_type", text_or_null(v.id_type)},
          {"id_number", std::move(id_number)},
          {"birth_date", text_or_null(v.birth_date)},
          {"age", age >= 0 ? ordered_json(age) : ordered_json(nullptr)},
          {"gender", text_or_null(v.gender)},
          {"skills", v.skills},
          {"availability", v.availability},
          {"trainings", std::move(trainings)},
          {"insurance_until", text_or_null(v.insurance_until)},
          {"insured_today", insured},
          {"public_name", v.public_name},
          {"user_id", v.user_id ? ordered_json(*v.user_id) : ordered_json(nullptr)},
          {"status", v.status},
          {"minor", age >= 0 && age < kVolunteerAdultAge},
          {"guardian_consent", std::move(guardian)},
          {"teams", std::move(teams)},
          {"created_at", core::format_rfc3339(v.created_at)},
          {"updated_at", core::format_rfc3339(v.updated_at)}};
}

http::Response volunteer_problem(const Status& s, std::optional<int64_t> volunteer_id) {
  http::Response res = http::coded_problem(s);
  const std::string code = http::refusal_code(s.message());
  if (code.empty() && s.code() != Code::kUnprocessable) return res;
  nlohmann::json body = nlohmann::json::parse(res.body, nullptr, false);
  if (!body.is_object()) return res;
  if (body.contains("error")) body["code"] = body["error"];
  if (volunteer_id) body["volunteer_id"] = *volunteer_id;
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

http::Response volunteer_answer(const ordered_json& body, int status) {
  return http::json_response(body.dump(-1, ' ', false, ordered_json::error_handler_t::replace),
                             status);
}

}  // namespace warmcity::volunteers
