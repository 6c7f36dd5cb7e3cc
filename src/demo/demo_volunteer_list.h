// The demo's twenty volunteers (demo_volunteers.h): who they are, which of
// 昌茂社区's two teams they join, what they bring, and whether they worked the
// 清理小广告 morning. Data only; internal to src/demo.
#pragma once

namespace warmcity::demo {

// One volunteer of the demo: who, which team, what they bring.
struct DemoVolunteer {
  const char* name;
  const char* user;  // a demo username registered with the account, or ""
  bool xiyanghong;   // 夕阳红, else 蒲公英
  int birth_year;    // 0: the minor (sixteen today)
  int birth_month, birth_day;
  bool male;
  const char* phone;
  const char* skills;  // one skill, or ""
  bool insured;        // accident insurance through next June
  const char* training;
  bool on_shift;  // signed up for 清理小广告
  bool shows_up;
};

inline constexpr DemoVolunteer kVolunteers[] = {
    // 夕阳红 (the retirees' team): its leader (with her account) and older
    // residents of 昌茂.
    {"冯秀珍", "xiyanghong", true, 1956, 4, 12, false, "13935810201", "组织协调", true, "安全培训",
     true, true},
    {"白玉莲", "", true, 1957, 9, 3, false, "13935810202", "清洁", true, "", true, true},
    {"刘建民", "", true, 1956, 1, 27, true, "13935810203", "维修", true, "安全培训", true, true},
    {"任桂花", "", true, 1958, 6, 8, false, "13935810204", "清洁", false, "", true, true},
    {"郭永福", "", true, 1956, 11, 19, true, "13935810205", "", true, "", true, true},
    {"张淑琴", "", true, 1957, 2, 14, false, "13935810206", "宣传", false, "", true, false},
    {"贾润莲", "", true, 1959, 7, 30, false, "13935810207", "清洁", false, "", true, true},
    {"李树林", "", true, 1956, 5, 5, true, "13935810208", "", false, "", false, false},
    {"高美兰", "", true, 1958, 10, 21, false, "13935810209", "宣传", false, "", false, false},
    // 蒲公英: its leader, the after-school volunteer 赵晓芳 (her account),
    // the district youth league's young volunteers and a girl of sixteen.
    {"贺晓燕", "pugongying", false, 1990, 3, 16, false, "13935810211", "组织协调", true, "安全培训",
     true, true},
    {"赵晓芳", "zhaoxiaofang", false, 1993, 8, 2, false, "13935810212", "儿童看护", true, "", true,
     true},
    {"崔雨萱", "", false, 0, 0, 0, false, "13935810213", "手工", false, "", true, true},
    {"薛文博", "", false, 2001, 12, 9, true, "13935810214", "摄影", true, "志愿服务通识培训", true,
     true},
    {"冯嘉怡", "", false, 2003, 4, 25, false, "13935810215", "宣传", false, "志愿服务通识培训",
     true, true},
    {"马超", "", false, 1998, 6, 18, true, "13935810216", "", true, "", true, true},
    {"李欣悦", "", false, 2000, 1, 7, false, "13935810217", "绘画", false, "", true, false},
    {"曹宇航", "", false, 2002, 9, 29, true, "13935810218", "", false, "", false, false},
    {"田梦瑶", "", false, 1996, 11, 11, false, "13935810219", "宣传", false, "", false, false},
    {"康志伟", "", false, 1994, 2, 3, true, "13935810220", "驾驶", false, "", false, false},
};

}  // namespace warmcity::demo
