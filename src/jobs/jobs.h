// Job posts (issue #18, service 7 岗位招聘; docs/jobs.md): what the app
// wires. job_migrations() (job_tables.h) after accounts' and areas'; the
// parts' services and their register_*_routes, each declared in its own
// service header.
#pragma once

#include "jobs/complaint_service.h"
#include "jobs/employer_service.h"
#include "jobs/job_counts.h"
#include "jobs/job_service.h"
#include "jobs/job_tables.h"
#include "jobs/publisher_service.h"
