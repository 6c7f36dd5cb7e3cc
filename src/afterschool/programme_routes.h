// The programmes' routes (docs/afterschool.md "Programmes"): POST/GET
// /api/v1/afterschool-programmes, GET/PUT …/{id}, GET …/{id}/days,
// GET /api/v1/organiser-afterschool-programmes, GET/PUT …/{id}/staff,
// PUT …/{id}/days/{date}/duty. HTTP only: every answer comes from
// ProgrammeService, which the routes keep alive.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "accounts/audit.h"
#include "core/calendar.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::afterschool {

// `calendar` gives the official calendar (nullptr or a null answer: one that
// knows no year); `now` unix seconds (nullptr: the real clock).
void register_programme_routes(http::Router& router, store::Database& db, accounts::AuditLog& audit,
                               std::function<std::shared_ptr<const core::Calendar>()> calendar,
                               std::function<int64_t()> now);

}  // namespace warmcity::afterschool
