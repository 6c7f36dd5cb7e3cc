// What after-school care forgets when a resident deletes their account
// (docs/afterschool.md "Children and guardians"), run inside the account
// deletion's one write job (accounts/resident_service.h forget_appeals):
//   - the user stops being a guardian of any child;
//   - a child left with no guardian is erased: name '（已删除）', school and
//     grade '', health notes, birth date and photo NULL (its photo file
//     stays in the photo store, named by no row), erased_at set; its pickup
//     links, its one-off proxies (a neighbour's name and phone) deleted and
//     its active enrolments withdrawn; the attendance rows stay, anonymous
//     (no adult's name, no proxy);
//   - the pickup adults the user added that are linked to no child any more
//     are deleted (name, phone, birth date, code; the days they took a child
//     home keep the method only). Their photo file stays in the shared,
//     content-addressed photo store, named by no row.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

inline constexpr char kErasedChildName[] = "（已删除）";

// `now`: unix seconds of the deletion.
Status forget_guardian(store::Connection& c, int64_t user_id, int64_t now);
// The same at core::now_unix().
Status forget_guardian(store::Connection& c, int64_t user_id);

}  // namespace warmcity::afterschool
