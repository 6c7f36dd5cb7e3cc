// A roster's JSON and CSV (docs/afterschool.md "The day": GET …/roster and
// …/roster.csv). Include only in route and JSON translation units.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "afterschool/roster_service.h"

namespace warmcity::afterschool {

// {programme (the programme view), date, day: {date, open, reason,
// holiday_name?}, staffing, staff and duty (staff list entries),
// duty_confirmation (null, or duty_confirmation_json), alerts: [{child_id,
// name, raised_at}],
// children: [{child: {id, name, grade, school, health_notes, guardians:
// [{display_name, relation, phone}]}, state, checked_in_at, brought_by,
// brought_by_name, checked_out_at, picked_up_by, late,
// late_pickups_this_month}]}
nlohmann::ordered_json roster_json(const Roster& r);

// UTF-8 with a BOM (for the school's spreadsheet), CRLF records: 姓名, 学校,
// 年级, 状态 (未到 | 在班 | 已离开), 到达 (HH:MM), 送来 (放学直接来 or the
// adult's name), 离开 (HH:MM), 接走人 (name and relation), 方式 (接送码 |
// 电话核验 | 临时代接). Cells a spreadsheet would run as a formula are
// defused (core::csv_defused).
std::string roster_csv(const Roster& r);

}  // namespace warmcity::afterschool
