// SQL for the Open311 tables (migration module "open311", after "appeals"):
//   open311_api_keys   keys an admin issued to Open311 clients: name, the
//                      SHA-256 of the key (the key itself is shown once, at
//                      issue, and never stored), a short prefix to recognise
//                      it by, batch (answer POST with a token instead of the
//                      id), who issued it and when, and when it was revoked
//   open311_requests   one row per appeal that came in through Open311: the
//                      key it came with, its token (for GET tokens/{token}),
//                      and what the spec's form carries that an appeal has no
//                      column for: email (private: never in a GET answer) and
//                      address_id
// Every function runs on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "open311/records.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::open311 {

// A fresh key: "o311_" + 43 base64url characters (256 random bits).
std::string new_api_key();

// Inserts a key with the hash of `key`; sets k.id.
Status insert_api_key(store::Connection& c, ApiKey& k, const std::string& key);
// The active (unrevoked) key whose hash matches; kNotFound otherwise.
Result<ApiKey> find_active_key(store::Connection& c, const std::string& key);
// kNotFound when there is none.
Result<ApiKey> get_api_key(store::Connection& c, int64_t id);
// Newest first, ids below before_id, at most `limit`.
Result<std::vector<ApiKey>> list_api_keys(store::Connection& c, std::optional<int64_t> before_id,
                                          int limit);
// Sets revoked_at when not yet set (revoking twice keeps the first time).
Status revoke_api_key(store::Connection& c, int64_t id, int64_t at);

Status insert_request(store::Connection& c, const RequestRow& r);
// kNotFound when there is none.
Result<RequestRow> request_by_token(store::Connection& c, const std::string& token);
// The Open311 rows of those of `appeal_ids` that were submitted through
// Open311, by appeal id (one query for a page of appeals).
Result<std::map<int64_t, RequestRow>> requests_by_appeals(store::Connection& c,
                                                          const std::vector<int64_t>& appeal_ids);

}  // namespace warmcity::open311
