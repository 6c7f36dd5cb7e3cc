// Children, their guardians and enrolments in the database (children,
// child_guardians, afterschool_enrolments; afterschool_migrations.cpp), and
// what a guardian's list shows of a child's day (afterschool_attendance and
// afterschool_alerts, written by the day's check-in and check-out): reads
// and writes on the caller's connection (writes inside the caller's write
// job). SQL both engines run; prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/child.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

// A children row (never an erased one).
struct ChildRow {
  int64_t id = 0;
  std::string name;
  std::string school;
  std::string grade;
  std::string birth_date;
  std::optional<std::string> health_notes;
  int64_t consent_at = 0;
  int64_t consent_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<std::string> photo_file;  // "<sha256>.<ext>" in the photo store
};

// A guardian with their account's name and phone.
struct GuardianRow {
  int64_t user_id = 0;
  std::string display_name;
  std::string relation;
  std::optional<std::string> phone;
};

// A child as its view shows it.
struct ChildRecord {
  ChildRow child;
  std::vector<GuardianRow> guardians;
};

// An afterschool_enrolments row with its programme's name.
struct EnrolmentRow {
  int64_t id = 0;
  int64_t child_id = 0;
  int64_t programme_id = 0;
  std::string programme_name;
  std::string status;  // active | withdrawn
  int64_t created_at = 0;
  std::optional<int64_t> withdrawn_at;
};

// A child's attendance on a day at one programme.
struct AttendanceToday {
  int64_t programme_id = 0;
  int64_t checked_in_at = 0;
  std::string brought_by;
  std::optional<int64_t> checked_out_at;
  std::optional<std::string> pickup_method;
  std::optional<std::string> pickup_name;
  std::optional<std::string> pickup_relation;
};

// `photo_file`: the saved photo's name (FamilyPhotos::save), or none.
Result<int64_t> insert_child(store::Connection& c, const ChildFields& f,
                             const std::optional<std::string>& photo_file, int64_t by, int64_t at);
Status insert_guardian(store::Connection& c, int64_t child_id, int64_t user_id,
                       const std::string& relation, int64_t added_by, int64_t at);
// Applies the patch's texts; the photo as `photo_file` when that is set
// (an empty one removes it).
Status update_child(store::Connection& c, int64_t id, const ChildPatch& p,
                    const std::optional<std::optional<std::string>>& photo_file, int64_t at);

// nullopt when there is no such child or it was erased.
Result<std::optional<ChildRow>> find_child(store::Connection& c, int64_t id);
// By when they were added.
Result<std::vector<GuardianRow>> guardians_of(store::Connection& c, int64_t child_id);
// The child with its guardians; NotFound when none (or erased).
Result<ChildRecord> load_child_record(store::Connection& c, int64_t id);
// The children (not erased) `user_id` guards, by id.
Result<std::vector<int64_t>> children_of_guardian(store::Connection& c, int64_t user_id);
// The active resident account with that phone.
Result<std::optional<int64_t>> resident_with_phone(store::Connection& c, const std::string& phone);

Result<int64_t> insert_enrolment(store::Connection& c, int64_t child_id, int64_t programme_id,
                                 int64_t by, int64_t at);
Result<std::optional<EnrolmentRow>> find_enrolment(store::Connection& c, int64_t id);
// Every enrolment of the child, newest first.
Result<std::vector<EnrolmentRow>> enrolments_of(store::Connection& c, int64_t child_id);
Status withdraw_enrolment(store::Connection& c, int64_t id, int64_t by, int64_t at);

// The child's attendance rows on `day` (YYYY-MM-DD).
Result<std::vector<AttendanceToday>> attendance_on(store::Connection& c, int64_t child_id,
                                                   const std::string& day);
// Whether a late alert was raised for the child at the programme on `day`.
Result<bool> late_alert_on(store::Connection& c, int64_t child_id, int64_t programme_id,
                           const std::string& day);
// The child's late pickups (check-outs after the alert) in the month
// `month` (YYYY-MM).
Result<int64_t> late_pickups_in_month(store::Connection& c, int64_t child_id,
                                      const std::string& month);

}  // namespace warmcity::afterschool
