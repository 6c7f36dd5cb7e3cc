// A roster's JSON and CSV (roster_json.h).
#include "afterschool/roster_json.h"

#include <algorithm>
#include <vector>

#include "activities/activity.h"
#include "afterschool/day_json.h"
#include "afterschool/programme_json.h"
#include "core/csv.h"
#include "core/time.h"

namespace warmcity::afterschool {

using nlohmann::ordered_json;

namespace {

ordered_json roster_child_json(const RosterChild& ch) {
  ordered_json guardians = ordered_json::array();
  for (const RosterGuardian& g : ch.guardians)
    guardians.push_back({{"user_id", g.user_id},
                         {"display_name", g.display_name},
                         {"relation", g.relation},
                         {"phone", g.phone ? ordered_json(*g.phone) : ordered_json(nullptr)}});
  return {
      {"id", ch.id},
      {"name", ch.name},
      {"grade", ch.grade},
      {"school", ch.school},
      {"health_notes", ch.health_notes ? ordered_json(*ch.health_notes) : ordered_json(nullptr)},
      {"has_photo", ch.has_photo},
      {"guardians", std::move(guardians)}};
}

ordered_json roster_entry_json(const RosterChild& ch) {
  const Attendance* a = ch.attendance ? &*ch.attendance : nullptr;
  ordered_json e = {{"child", roster_child_json(ch)}, {"state", std::string(attendance_state(a))}};
  if (a == nullptr) {
    for (const char* k :
         {"checked_in_at", "brought_by", "brought_by_name", "checked_out_at", "picked_up_by"})
      e[k] = nullptr;
    e["late"] = false;
  } else {
    const ordered_json v = attendance_json(*a);
    for (const char* k : {"checked_in_at", "brought_by", "brought_by_name", "checked_out_at",
                          "picked_up_by", "late"})
      e[k] = v.at(k);
  }
  e["late_pickups_this_month"] = ch.late_pickups_this_month;
  ordered_json adults = ordered_json::array();
  for (const RosterAdult& p : ch.pickup_adults)
    adults.push_back({{"id", p.id},
                      {"name", p.name},
                      {"relation", p.relation},
                      {"has_photo", p.has_photo},
                      {"active", p.active}});
  e["pickup_adults"] = std::move(adults);
  return e;
}

// The staff list, or those of it on duty (`only` non-null), with their re-checks.
ordered_json roster_staff_json(const Roster& r, const std::vector<int64_t>* only) {
  ordered_json out = ordered_json::array();
  for (const StaffMember& m : r.staff) {
    if (only && std::find(only->begin(), only->end(), m.user_id) == only->end()) continue;
    out.push_back({{"user_id", m.user_id},
                   {"display_name", m.display_name},
                   {"role", m.role},
                   {"recheck_due", recheck_due(m.background_checked_on, r.today)}});
  }
  return out;
}

// The district time of day of a moment, HH:MM.
std::string roster_clock_of(int64_t t) {
  const int64_t local = t + int64_t{core::kDistrictOffsetMinutes} * 60;
  const int64_t in_day =
      ((local % core::kSecondsPerDay) + core::kSecondsPerDay) % core::kSecondsPerDay;
  return activities::format_hhmm(static_cast<int>(in_day / 60));
}

std::string state_zh(const Attendance* a) {
  if (a == nullptr) return "未到";
  return a->checked_out_at ? "已离开" : "在班";
}

std::string method_zh(const std::optional<std::string>& m) {
  if (m == "code") return "接送码";
  if (m == "phone") return "电话核验";
  if (m == "proxy") return "临时代接";
  return "";
}

}  // namespace

ordered_json roster_json(const Roster& r) {
  ordered_json alerts = ordered_json::array();
  for (const OpenAlert& a : r.alerts)
    alerts.push_back({{"child_id", a.child_id},
                      {"name", a.name},
                      {"raised_at", core::format_rfc3339(a.raised_at)}});
  ordered_json children = ordered_json::array();
  for (const RosterChild& ch : r.children) children.push_back(roster_entry_json(ch));
  return {{"programme", programme_json(r.programme)},
          {"date", r.date},
          {"day", day_json(DayView{r.date, r.day})},
          {"staffing", staffing_json(r.staffing)},
          {"staff", roster_staff_json(r, nullptr)},
          {"duty", roster_staff_json(r, &r.duty)},
          {"duty_confirmation", r.duty_confirmation ? duty_confirmation_json(*r.duty_confirmation)
                                                    : ordered_json(nullptr)},
          {"alerts", std::move(alerts)},
          {"children", std::move(children)}};
}

std::string roster_csv(const Roster& r) {
  std::string out = "\xEF\xBB\xBF";
  core::append_csv_record(
      out, {"姓名", "学校", "年级", "状态", "到达", "送来", "离开", "接走人", "方式"});
  for (const RosterChild& ch : r.children) {
    const Attendance* a = ch.attendance ? &*ch.attendance : nullptr;
    std::vector<std::string> row = {core::csv_defused(ch.name), core::csv_defused(ch.school),
                                    core::csv_defused(ch.grade), state_zh(a)};
    if (a == nullptr) {
      row.insert(row.end(), 5, "");
    } else {
      row.push_back(roster_clock_of(a->checked_in_at));
      row.push_back(a->brought_by == "adult" ? core::csv_defused(a->brought_by_name.value_or(""))
                                             : "放学直接来");
      row.push_back(a->checked_out_at ? roster_clock_of(*a->checked_out_at) : "");
      std::string who = a->pickup_name.value_or("");
      if (a->pickup_relation && !a->pickup_relation->empty())
        who += "（" + *a->pickup_relation + "）";
      row.push_back(core::csv_defused(who));
      row.push_back(method_zh(a->pickup_method));
    }
    core::append_csv_record(out, row);
  }
  return out;
}

}  // namespace warmcity::afterschool
