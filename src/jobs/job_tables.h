// The job posts' tables (module "jobs"): the organisations that may publish
// and review posts (the human-resources bureau, the trade union), the
// employers they verified, the posts with their history, the search grams of
// each post, and the complaints on posts. One migration for the parts that
// share them — posts and review (job_*), employers, publishers and complaints
// (employer_*, publisher_*, complaint_*) — so each part is written against the
// same columns on both engines. What each column means is in
// job_migrations.cpp.
#pragma once

#include <vector>

#include "store/database.h"

namespace warmcity::jobs {

std::vector<store::Migration> job_migrations();  // module "jobs", after accounts and areas

}  // namespace warmcity::jobs
