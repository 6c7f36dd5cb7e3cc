// Late pickups' text messages (alert.h).
#include "afterschool/alert.h"

#include <map>

#include "activities/activity.h"
#include "afterschool/day.h"

namespace warmcity::afterschool {

std::vector<LateMessage> late_messages(const std::vector<LateAlertRow>& rows) {
  std::vector<LateMessage> out;
  std::map<std::string, size_t> at;  // phone → index in out
  std::map<std::string, std::vector<const LateAlertRow*>> of;
  for (const LateAlertRow& r : rows) {
    if (r.phone.empty()) continue;
    if (at.emplace(r.phone, out.size()).second) out.push_back({r.phone, ""});
    std::vector<const LateAlertRow*>& mine = of[r.phone];
    bool seen = false;
    for (const LateAlertRow* m : mine)
      seen = seen || (m->child_id == r.child_id && m->programme_id == r.programme_id);
    if (!seen) mine.push_back(&r);
  }
  for (LateMessage& m : out) {
    std::string text = "【暖城】";
    const std::vector<const LateAlertRow*>& mine = of[m.phone];
    for (size_t i = 0; i < mine.size(); ++i) {
      if (i > 0) text += "；";
      text += mine[i]->child_name + "仍在" + mine[i]->programme_name + "（" + mine[i]->end_time +
              "放学）";
    }
    text += "，已过放学时间30分钟，请尽快来接。";
    m.text = std::move(text);
  }
  return out;
}

std::string late_cutoff(int64_t now) {
  const int64_t local = now + int64_t{core::kDistrictOffsetMinutes} * 60;
  const int minute = static_cast<int>(((local % core::kSecondsPerDay) + core::kSecondsPerDay) %
                                      core::kSecondsPerDay / 60);
  if (minute < kLateAfterMinutes) return "";
  return activities::format_hhmm(minute - kLateAfterMinutes);
}

}  // namespace warmcity::afterschool
