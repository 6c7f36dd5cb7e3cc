// The demo district's after-school care (社区四点半课堂, docs/afterschool.md):
// 交通路社区 runs 交通路社区四点半课堂 at the demo's afterschool_site of that
// name, Monday to Friday 16:30–18:30 this term (the autumn term 1 September
// – 20 January, the spring term 20 February – 10 July; in a holiday between
// terms, the next one), 30 places. Its staff list: sixiaoban (the
// community's after-school worker, who also organises it) and a volunteer,
// both with a background check this year. The demo resident 王丽 (with her
// phone) registered her two children with the separate consent and enrolled
// them; her pickup adults are the grandmother 李秀英 and the father 王建军,
// each with a code (printed once in the demo's progress, as the app shows
// it once). When today is a session day (the official calendar in
// data/calendar), both are on duty and the children were checked in from
// school, the younger one taken home by the grandmother with her code.
// confirm_last_duty (run after the volunteers, so that the volunteer is
// registered first): on the last session day before today, both were on
// duty and sixiaoban, who organises, confirmed it — the volunteer's hours
// in the ledger (docs/afterschool.md "Duty and volunteer hours").
//
// Written through the module's services (ProgrammeService, ChildService,
// DayService: their rules, write jobs and audit rows) as the people who act;
// the pickup adults through the pickup store's own insert (the rules read
// by read_pickup_adult, the code stored as its salted hash, audited
// pickup_adult.create) because the demo has no photo store: no photo.
// Internal to src/demo.
#pragma once

#include <cstdint>
#include <string>

#include "accounts/audit.h"
#include "afterschool/duty_confirmation.h"
#include "core/status.h"
#include "store/database.h"

namespace warmcity::demo {

struct AfterschoolPeople {
  int64_t org = 0;           // 交通路社区 (kind community)
  int64_t site = 0;          // the afterschool_site 交通路社区四点半课堂
  int64_t sixiaoban = 0;     // its worker: organiser and staff
  int64_t volunteer = 0;     // on the staff list
  int64_t resident = 0;      // 王丽, the children's mother
  std::string calendar_dir;  // data/calendar ("" or unreadable: no official days known)
  std::string client_address;
  afterschool::DutyConfirmedHook duty_hours;  // the app's: the volunteers' ledger
};

struct AfterschoolSummary {
  int64_t programme = 0;
  int programmes = 0;
  int children = 0;
  int adults = 0;
  int checked_in = 0;  // today, when a session day
  int checked_out = 0;
  bool session_today = false;
  std::string codes;  // "李秀英（奶奶）123456, 王建军（父亲）654321"
};

Result<AfterschoolSummary> create_afterschool(store::Database& db, accounts::AuditLog& audit,
                                              const AfterschoolPeople& people, int64_t now);

// The confirmed duty day: its date, or "" when the term has had no session
// day before today (nothing written).
Result<std::string> confirm_last_duty(store::Database& db, accounts::AuditLog& audit,
                                      const AfterschoolPeople& people, int64_t programme,
                                      int64_t now);

}  // namespace warmcity::demo
