// After-school care's tables (module "afterschool", after the accounts',
// facilities' and activities'): programmes at community sites, their staff
// and duty, children and their guardians, enrolments, pickup adults and
// their codes, one-off proxies, the day's attendance and late alerts. What
// each column means is in afterschool_migrations.cpp; the rules in
// docs/afterschool.md.
#pragma once

#include <vector>

#include "store/database.h"

namespace warmcity::afterschool {

std::vector<store::Migration> afterschool_migrations();  // module "afterschool"

}  // namespace warmcity::afterschool
