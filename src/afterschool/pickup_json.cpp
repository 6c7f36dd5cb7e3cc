// A pickup adult's JSON (pickup_json.h).
#include "afterschool/pickup_json.h"

namespace warmcity::afterschool {

using nlohmann::ordered_json;

ordered_json pickup_adult_json(const PickupAdultRow& a, core::LocalDate today) {
  return {{"id", a.id},
          {"name", a.name},
          {"relation", a.relation},
          {"phone", a.phone},
          {"birth_date", a.birth_date},
          {"valid_until", a.valid_until ? ordered_json(*a.valid_until) : ordered_json(nullptr)},
          {"has_photo", a.photo_file.has_value()},
          {"child_ids", a.child_ids},
          {"revoked_at", a.revoked_at ? ordered_json(core::format_rfc3339(*a.revoked_at))
                                      : ordered_json(nullptr)},
          {"code_set_at", core::format_rfc3339(a.code_set_at)},
          {"active", adult_active(a, core::format_date(today))}};
}

ordered_json adult_with_code_json(const AdultWithCode& a, core::LocalDate today) {
  return {{"adult", pickup_adult_json(a.adult, today)}, {"code", a.code}};
}

}  // namespace warmcity::afterschool
