// The free clinics' tables (module "clinics", after the activities'): a
// clinic session is an activity and each of its time slots one of that
// activity's occurrences; these tables add what a clinic has beyond an
// activity — the health authority's filing number and the slots' shape, the
// doctors, and the health note a person gives with a booking, with its
// consent. What each column means is in clinic_migrations.cpp.
#pragma once

#include <vector>

#include "store/database.h"

namespace warmcity::clinics {

std::vector<store::Migration> clinic_migrations();  // module "clinics"

}  // namespace warmcity::clinics
