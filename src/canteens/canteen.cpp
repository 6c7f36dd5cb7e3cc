// The canteen a request names, and who works at it (canteen.h).
#include "canteens/canteen.h"

#include <algorithm>

#include "facilities/facility_store.h"

namespace warmcity::canteens {

Result<Canteen> find_canteen(store::Connection& c, int64_t id) {
  Result<facilities::Facility> f = facilities::get_facility(c, id);
  if (!f.ok() && f.status().code() != Code::kNotFound) return f.status();
  if (!f.ok() || f->kind != facilities::Kind::kCanteen) {
    return Status::NotFound("no canteen " + std::to_string(id));
  }
  return Canteen{f->id, f->name, f->keeper_org_id, f->community_id, f->subdistrict_id};
}

bool works_at(const Canteen& canteen, const Caller& by) {
  if (by.role == "admin") return true;
  if (by.role != "keeper" || !canteen.keeper_org_id) return false;
  const std::vector<int64_t>& orgs = by.organisation_ids;
  return std::find(orgs.begin(), orgs.end(), *canteen.keeper_org_id) != orgs.end();
}

Result<Canteen> canteen_for_staff(store::Connection& c, int64_t id, const Caller& by) {
  Result<Canteen> canteen = find_canteen(c, id);
  if (!canteen.ok()) return canteen.status();
  if (!works_at(*canteen, by)) return Status::PermissionDenied("you do not work at this canteen");
  return canteen;
}

}  // namespace warmcity::canteens
