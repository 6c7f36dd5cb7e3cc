// An organisation's members as its own people may see them
// (docs/accounts.md "Organisation members"): GET
// /api/v1/organisations/{id}/members → {items: [{id, display_name, role}]}.
// An organiser who is not an admin names her colleagues by this list (the
// after-school programme's staff list takes user ids; GET /users is
// admin-only).
//
// Members: users linked to the organisation (memberships), not disabled,
// not residents, by display name then id; never a phone or a username.
// Who: admins, and the organisation's own members (one this list shows);
// others kPermissionDenied; an unknown organisation kNotFound. Reads only,
// on the caller's connection; SQL both engines run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accounts/caller.h"
#include "core/status.h"
#include "http/router.h"
#include "store/connection.h"

namespace warmcity::accounts {

struct OrganisationMember {
  int64_t id = 0;
  std::string display_name;
  std::string role;
};

// The members of organisation `org_id` as `by` may see them.
Result<std::vector<OrganisationMember>> organisation_members(store::Connection& c, const Caller& by,
                                                             int64_t org_id);

struct Context;
// Registers GET /api/v1/organisations/{id}/members (routes_organisation_members.cpp).
void register_organisation_member_routes(http::Router& router, Context& ctx);

}  // namespace warmcity::accounts
