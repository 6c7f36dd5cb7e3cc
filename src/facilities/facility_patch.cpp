#include "facilities/facility_patch.h"

namespace warmcity::facilities {

namespace {

template <class T>
void set(T& field, const std::optional<T>& value) {
  if (value) field = *value;
}

}  // namespace

Status check_suspension(const Facility& f) {
  if (f.suspended && !f.suspended_reason) {
    return Status::Unprocessable("a suspended facility needs a reason",
                                 {{"suspended_reason", "is required when status is suspended"}});
  }
  return Status::Ok();
}

Result<Facility> apply_patch(const Facility& before, const Patch& patch) {
  Facility f = before;
  set(f.name, patch.name);
  set(f.address, patch.address);
  set(f.lat, patch.lat);
  set(f.lon, patch.lon);
  set(f.keeper_org_id, patch.keeper_org_id);
  set(f.contact_phone, patch.contact_phone);
  set(f.opening_hours, patch.opening_hours);
  set(f.amenities_json, patch.amenities_json);
  set(f.suspended, patch.suspended);
  set(f.suspended_reason, patch.suspended_reason);
  set(f.suspended_until, patch.suspended_until);
  if (!f.suspended) {
    f.suspended_reason.reset();
    f.suspended_until.reset();
  }
  if (Status s = check_suspension(f); !s.ok()) return s;
  return f;
}

}  // namespace warmcity::facilities
