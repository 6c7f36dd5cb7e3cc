// Appeals (诉求), worked the 接诉即办 way: categories with Open311-style
// attributes, submission from every channel, the workflow state machine
// (workflow.h), deadlines on the official calendar and supervision (督办),
// duplicates (similar / follow / merge), photos without location metadata,
// and the public tracking page.
//
// Owns: tables appeal_categories, appeals, appeal_events, appeal_followers
// (migration module "appeals", after accounts and areas) and the routes
//   GET    /api/v1/appeal-categories                 public (active ones; ?all=true for admins)
//   POST   /api/v1/appeal-categories                 admin
//   GET    /api/v1/appeal-categories/{code}          public
//   PUT    /api/v1/appeal-categories/{code}          admin
//   DELETE /api/v1/appeal-categories/{code}          admin (deactivates)
//   POST   /api/v1/appeals                           public (anonymous allowed; a session
//                                                    makes the caller the reporter)
//   GET    /api/v1/appeals                           signed in: staff all, departments
//                                                    theirs, others their own
//   GET    /api/v1/appeals/{id}                      the same; ?reveal=contact (audited)
//   POST   /api/v1/appeals/{id}/steps                signed in; workflow.h decides
//   POST   /api/v1/appeals/{id}/follow               signed in
//   POST   /api/v1/appeals/{id}/photos               the submission's photo token, or the
//                                                    signed-in reporter (one image a request)
//   GET    /api/v1/appeals/{id}/photos/{n}           whoever may read the appeal
//   GET    /api/v1/appeals/similar                   public (?category=&lat=&lon=)
//   GET    /api/v1/appeals/supervision               admin, worker, department
//   GET    /api/v1/appeals/counts                    admin, worker, department (a month's
//                                                    counts, narrowed as the list is)
//   GET    /api/v1/appeals/track/{code}              public, no personal data
// Calls: core, store, http, accounts (audit log), areas (locate, through a
// Locator), calendar (through a CalendarSource). Called by: app, demo,
// open311 (through appeal_service.h). Details: README.md beside this file,
// docs/appeals.md.
//
// What the app calls:
//   migrations() after accounts' and areas';
//   auto service = AppealService::open(db, audit, config, locate, calendar);
//   register_routes(router, *service);
#pragma once

#include <vector>

#include "appeals/appeal_service.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::appeals {

std::vector<store::Migration> migrations();  // module "appeals"

// REQUIRES: `service` outlives the router.
void register_routes(http::Router& router, AppealService& service);

}  // namespace warmcity::appeals
