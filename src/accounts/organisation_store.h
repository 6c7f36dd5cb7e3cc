// SQL for organisations (table organisations): departments, facility
// keepers, communities, sub-districts, grids and volunteer teams that users
// belong to. Stateless functions over a Connection; times are unix seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/organisation.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::accounts {

Result<int64_t> insert_organisation(store::Connection& conn, std::string_view kind,
                                    std::string_view name, std::optional<int64_t> area_id,
                                    int64_t now);
Result<std::optional<Organisation>> find_organisation(store::Connection& conn, int64_t id);
Status set_organisation_area(store::Connection& conn, int64_t id, std::optional<int64_t> area_id);

// Organisations newest first (id descending) with id < before_id when
// given, at most `limit`, optionally of one kind.
Result<std::vector<Organisation>> list_organisations_page(store::Connection& conn,
                                                          const std::optional<std::string>& kind,
                                                          std::optional<int64_t> before_id,
                                                          int limit);

// The organisations among `ids` that exist, in id order (none for no ids).
Result<std::vector<Organisation>> find_organisations(store::Connection& conn,
                                                     const std::vector<int64_t>& ids);

// The ids among `ids` that name no organisation.
Result<std::vector<int64_t>> missing_organisations(store::Connection& conn,
                                                   const std::vector<int64_t>& ids);

}  // namespace warmcity::accounts
