// The demo district's free clinics (社区义诊, docs/clinics.md "Demo"): the
// health bureau's clinic desk (离石区卫生健康局（义诊）, its user weijian) held
// one session earlier this month in 西关社区 (its bookings attended, one
// no-show) and holds one ahead, in five days: three doctors of 中医科, 口腔科
// and 眼科 (fictional names, titles 主任医师 / 副主任医师 / 主治医师 and
// licence numbers marked DEMO-), eight slots of 30 minutes with six places
// each, a few bookings — one by the demo resident 张桂兰 with her own account,
// a health note and her consent, the others callers booked on the phone by
// weijian (one with a note, the consent recorded by him). A session is an
// activity and each slot one of its occurrences (created detached, as the
// clinics' service makes them), with the session row and its doctors beside
// it; places through activities/places.h, each sign-up with its 'joined'
// event and, once held, its attendance. Written with SQL in one write job,
// as the system: no audit rows (a seed). Internal to src/demo.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace warmcity::demo {

struct ClinicsSummary {
  int sessions = 0;
  int slots = 0;
  int bookings = 0;
  int notes = 0;     // health notes, each with its consent
  int attended = 0;  // bookings marked attended
};

struct ClinicPeople {
  int64_t org = 0;        // 离石区卫生健康局（义诊） (kind department)
  int64_t weijian = 0;    // its clinic desk user
  int64_t community = 0;  // 西关社区's area, where the sessions are held
  int64_t resident = 0;   // 张桂兰, booking with her own account
  std::string resident_name;
  std::string resident_phone;
};

Result<ClinicsSummary> create_clinics(store::Database& db, const ClinicPeople& people, int64_t now);

}  // namespace warmcity::demo
