// SQL for an errand's receipt photo (migration module "errand_receipts":
// errand_receipt_migrations() in eldercare.h, written in
// errand_receipt_store.cpp):
//   errand_receipts  at most one row per errand: the photo the team sent
//                    with the settle step — its SHA-256 names the file in
//                    the photo store (photos/photo_store.h) — who sent it,
//                    when. Kept apart from `errands` so that the errand row
//                    and its queues' indexes stay as they are.
// Every function runs on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"
#include "photos/photos.h"
#include "store/connection.h"

namespace warmcity::eldercare {

// kConflict (from the key) when the errand has one already.
Status insert_errand_receipt(store::Connection& c, int64_t errand_id, const photos::Photo& p,
                             int64_t at, int64_t by);
// nullopt when the errand has none.
Result<std::optional<photos::Photo>> get_errand_receipt(store::Connection& c, int64_t errand_id);

}  // namespace warmcity::eldercare
