// The demo district's activities (issue #18 "Venues and activities";
// docs/activities.md): 西关社区 (its organiser user wenti) runs 太极拳晨练 at
// 凤山公园 on Tuesday and Thursday mornings, a 广场舞 evening at 莲花池全民健身广场
// every Wednesday (one week called off for wind, with its note), a monthly
// 书法班 at 离石区图书馆 (never on a Monday, when it is closed), a small
// 剪纸体验课 at 离石区文体活动中心 that is full with two waiting, and a 象棋友谊赛
// in the community's own room (an address, no venue); the human-resources
// bureau's desk (renshe) holds a 春风行动招聘会 (kind job_fair) at the centre.
// Occurrences from two weeks ago to two months ahead, all inside the venues'
// opening hours (data/demo/lishi-facilities.json) and never overlapping at a
// venue; the past ones with attendance taken. Sign-ups by the demo resident
// (her own account) and by phone callers signed up by wenti (fictional names
// and 138… numbers); each with its 'joined' / 'waitlisted' event, and an
// occurrence's taken = its confirmed sign-ups. Written with SQL in one write
// job (the activities' service is another part of the module), as the
// system: no audit rows (a seed). Internal to src/demo.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace warmcity::demo {

struct ActivitiesSummary {
  int activities = 0;
  int occurrences = 0;
  int cancelled = 0;  // occurrences called off
  int signups = 0;    // confirmed and waiting, all occurrences
  int waiting = 0;
};

struct ActivityPeople {
  int64_t community_org = 0;   // 西关社区 (kind community)
  int64_t department_org = 0;  // 离石区人力资源和社会保障局（岗位发布）
  int64_t wenti = 0;           // 西关社区's organiser user
  int64_t renshe = 0;          // the bureau's desk
  int64_t resident = 0;        // the demo resident, signed up with her account
  std::string resident_name;
  std::string resident_phone;
};

Result<ActivitiesSummary> create_activities(store::Database& db, const ActivityPeople& people,
                                            int64_t now);

}  // namespace warmcity::demo
