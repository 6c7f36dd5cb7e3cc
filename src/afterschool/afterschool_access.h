// Who may touch what in after-school care (docs/afterschool.md "Who"),
// written once: every service of the module asks here.
//
//   organiser staff  may organise for the programme's organiser
//                    (activities::require_organiser), and admins: programmes
//                    and their staff lists, never a child
//   programme staff  on the programme's staff list (afterschool_staff), an
//                    active user who is not a resident: the day, the roster,
//                    the children enrolled in that programme
//   guardians        residents linked to a child (child_guardians)
//
// Each require_* answers Unauthenticated for an anonymous caller, NotFound
// for an unknown (or erased) id, PermissionDenied for a caller who may not.
// Reads only; call them inside the job that then acts, so the answer holds
// for the act.
#pragma once

#include <cstdint>

#include "accounts/caller.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

using accounts::Caller;

// The organiser's staff or an admin.
Status require_programme_organiser(store::Connection& c, const Caller& by, int64_t programme_id);
// On the programme's staff list (admins are not, unless listed).
Status require_programme_staff(store::Connection& c, const Caller& by, int64_t programme_id);
// Staff, or the organiser's staff, or an admin (the staff list, duty).
Status require_staff_or_organiser(store::Connection& c, const Caller& by, int64_t programme_id);
// A guardian of the child.
Status require_guardian(store::Connection& c, const Caller& by, int64_t child_id);

enum class ChildReader { kGuardian, kStaff };
// A guardian, or the staff of a programme the child is actively enrolled in
// (the caller must then audit the read: personal_data.read).
Result<ChildReader> require_child_reader(store::Connection& c, const Caller& by, int64_t child_id);

// Plain questions, for lists.
Result<bool> is_guardian(store::Connection& c, int64_t user_id, int64_t child_id);
Result<bool> is_programme_staff(store::Connection& c, int64_t user_id, int64_t programme_id);
// Whether the child is actively enrolled in the programme.
Result<bool> is_enrolled(store::Connection& c, int64_t child_id, int64_t programme_id);

}  // namespace warmcity::afterschool
