// The activities' tables (module "activities", after accounts, areas and
// facilities): activities and their series, the dated occurrences one signs
// up for, the sign-ups with their waitlist and attendance, the sign-ups'
// history, and the secret calendar-feed tokens of signed-in users. One
// migration for every part (activities, places, attendance, feeds), so each
// part is written against the same columns on both engines. What each column
// means is in activity_migrations.cpp.
#pragma once

#include <vector>

#include "store/database.h"

namespace warmcity::activities {

std::vector<store::Migration> activity_migrations();  // module "activities"

}  // namespace warmcity::activities
