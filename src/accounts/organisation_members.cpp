// An organisation's members (organisation_members.h).
#include "accounts/organisation_members.h"

#include <algorithm>
#include <optional>

#include "accounts/organisation_store.h"

namespace warmcity::accounts {

Result<std::vector<OrganisationMember>> organisation_members(store::Connection& c, const Caller& by,
                                                             int64_t org_id) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  Result<std::optional<Organisation>> org = find_organisation(c, org_id);
  if (!org.ok()) return org.status();
  if (!*org) return Status::NotFound("no organisation " + std::to_string(org_id));
  auto q = c.prepare(
      "SELECT u.id, u.display_name, u.role FROM memberships m JOIN users u ON u.id = m.user_id "
      "WHERE m.organisation_id = ? AND u.disabled = 0 AND u.role <> 'resident' "
      "ORDER BY u.display_name, u.id");
  if (!q.ok()) return q.status();
  q->bind(1, org_id);
  Result<std::vector<OrganisationMember>> members =
      store::collect<OrganisationMember>(*q, [](store::Statement& s) {
        return OrganisationMember{s.column_int64(0), s.column_text(1), s.column_text(2)};
      });
  if (!members.ok()) return members.status();
  const bool member =
      std::any_of(members->begin(), members->end(),
                  [&by](const OrganisationMember& m) { return m.id == by.user_id; });
  if (!by.is_admin() && !member)
    return Status::PermissionDenied("only the organisation's members and admins see its members");
  return members;
}

}  // namespace warmcity::accounts
