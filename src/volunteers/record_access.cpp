// Who may act on records as their organiser (record_access.h).
#include "volunteers/record_access.h"

#include "activities/organiser_access.h"

namespace warmcity::volunteers {

Status require_record_organiser(store::Connection& c, const accounts::Caller& by,
                                std::optional<int64_t> organiser_org_id) {
  if (organiser_org_id) return activities::require_organiser(c, by, *organiser_org_id);
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (by.is_admin()) return Status::Ok();
  return Status::PermissionDenied("a record with no organiser is kept by admins only");
}

}  // namespace warmcity::volunteers
