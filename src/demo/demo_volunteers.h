// The demo district's volunteers (志愿服务, issue #20; docs/volunteers.md):
// 昌茂社区's two volunteer teams of the newspaper article, 夕阳红志愿服务队
// (older residents; its leader 冯秀珍, user xiyanghong) and 蒲公英志愿服务队
// (young ones, the district youth league's among them; its leader 贺晓燕,
// user pugongying), each belonging to 昌茂社区 with its certificate facts;
// twenty volunteers registered by the leaders (one of sixteen with her
// father's consent; several insured, some trained), among them the demo
// volunteers zhaoxiaofang (registered with her account) and wangcuiping (a
// volunteer from her account already, by her completed errand's hours: the
// registration answers already_registered and she joins 夕阳红 and has her
// facts completed). 昌茂社区's grid worker (changmao) organised a past
// 清理小广告 morning (an activity occurrence of 昌茂社区) with one shift kept
// by 夕阳红: sign-ups days before, check-ins and check-outs entered by the
// staff on the day, the hours confirmed, the outcomes recorded per team
// (together 100 处 small ads, 10.0 立方米 rubbish, 2 处 sewage spots). Then a
// few manual records (one still submitted), wangcuiping's dispute of her
// errand record answered by 生态园社区's worker with a correction, her
// certificate issued by 夕阳红, and zhaoxiaofang's open request to 蒲公英.
//
// Written through the module's services (VolunteerService, TeamService,
// ShiftService, OutcomeService, RecordService, DisputeService,
// CertificateService; the activity through ActivityService) as the people
// who act, on clocks the demo moves (registrations 90 days ago, the shift's
// day, the days after): every rule and audit row a real one has. Internal
// to src/demo.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "accounts/audit.h"
#include "core/status.h"
#include "store/database.h"

namespace warmcity::demo {

struct VolunteerPeople {
  int64_t community_org = 0;   // 昌茂社区 (kind community), the teams' parent and the organiser
  int64_t community_area = 0;  // the area of 昌茂
  int64_t xiyanghong_team = 0;  // 夕阳红志愿服务队 (kind volunteer_team)
  int64_t pugongying_team = 0;  // 蒲公英志愿服务队
  int64_t errand_org = 0;       // 生态园社区: organiser of wangcuiping's errand record
  // The demo users by username: xiyanghong, pugongying, changmao,
  // wangcuiping, zhaoxiaofang, liangjunlian.
  std::map<std::string, int64_t> users;
  std::string client_address;
};

struct VolunteersSummary {
  int teams = 0;
  int volunteers = 0;
  int minors = 0;
  int shifts = 0;
  int signups = 0;
  int checked_out = 0;
  int64_t shift_minutes = 0;  // confirmed, the shift's records
  std::string shift_date;     // YYYY-MM-DD
  int64_t ads_tenths = 0;     // the outcomes, in tenths
  int64_t rubbish_tenths = 0;
  int64_t sewage_tenths = 0;
  int manual = 0;
  int disputes = 0;
  std::string certificate;  // its number
  int requests = 0;
};

Result<VolunteersSummary> create_volunteers(store::Database& db, accounts::AuditLog& audit,
                                            const VolunteerPeople& people, int64_t now);

}  // namespace warmcity::demo
