// The volunteers' tables (module "volunteers", after the accounts',
// activities' and eldercare's): volunteers and their teams, shifts on
// activity occurrences and their sign-ups, outcome kinds and outcomes, the
// hours ledger with its disputes, certificates and their requests. What each
// column means is in volunteer_migrations.cpp; the rules in docs/volunteers.md.
#pragma once

#include <vector>

#include "store/database.h"

namespace warmcity::volunteers {

std::vector<store::Migration> volunteer_migrations();  // module "volunteers"

}  // namespace warmcity::volunteers
