// The demo district's job posts (issue #18 "Job posts"; docs/jobs.md
// "Demo"): the human-resources bureau's and the trade union's department
// orgs made publishers, 4 employers they verified, 14 published posts across
// 生态园, 永宁, 后瓦, 西关 and 高家沟 (保洁员, 司机, 厨师, 保安, 收银员, 护理员,
// 快递员, 电工 …; ¥2,200–6,000 a month), each written by one publisher's
// user and approved by the other's (four eyes), 1 expired post, 2 pending
// posts (one flagged: 限男性) and 1 open complaint. Fixed texts; the days and
// times relative to the demo's now. Posts go in through the jobs' store
// (insert_post: their events and search grams) and move through
// change_post_status; written as the system in one write job, no audit rows
// (a seed, like the areas' import). Internal to src/demo.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "areas/area_service.h"
#include "core/status.h"
#include "store/database.h"

namespace warmcity::demo {

struct JobsSummary {
  int employers = 0;
  int published = 0;
  int pending = 0;
  int expired = 0;
  int complaints = 0;
};

// `orgs` and `users` by name as demo.cpp made them: the publishers
// `renshe_org` and `gonghui_org`, the users renshe and gonghui.
Result<JobsSummary> create_jobs(store::Database& db, const areas::AreaService& areas,
                                int64_t renshe_org, int64_t gonghui_org, int64_t renshe,
                                int64_t gonghui, int64_t now);

}  // namespace warmcity::demo
