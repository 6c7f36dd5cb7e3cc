// The demo district's after-school care (demo_afterschool.h).
#include "demo/demo_afterschool.h"

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/audit.h"
#include "accounts/caller.h"
#include "accounts/resident_codes.h"
#include "afterschool/child.h"
#include "afterschool/child_service.h"
#include "afterschool/day_service.h"
#include "afterschool/duty_service.h"
#include "afterschool/pickup_adult.h"
#include "afterschool/pickup_store.h"
#include "afterschool/programme.h"
#include "afterschool/programme_service.h"
#include "core/calendar_loader.h"
#include "core/time.h"
#include "core/wait_for.h"

namespace warmcity::demo {

namespace {

using core::wait_for;
using nlohmann::json;

core::LocalDate days_after(core::LocalDate d, int64_t n) {
  return core::civil_from_days(core::days_from_civil(d) + n);
}

// The term `today` lies in, or the next one in a holiday between terms:
// autumn 1 September – 20 January, spring 20 February – 10 July.
std::pair<core::LocalDate, core::LocalDate> term_of(core::LocalDate today) {
  const int y = today.year;
  const auto before = [&](int month, int day) {
    return today.month < month || (today.month == month && today.day <= day);
  };
  if (before(1, 20)) return {{y - 1, 9, 1}, {y, 1, 20}};
  if (before(7, 10)) return {{y, 2, 20}, {y, 7, 10}};
  return {{y, 9, 1}, {y + 1, 1, 20}};
}

// A service's (Status, T) answer as the Result<T> wait_for waits for.
template <class T, class Done>
auto as_result(Done done) {
  return [done = std::move(done)](Status s, T v) mutable {
    if (!s.ok()) return done(Result<T>(s));
    done(Result<T>(std::move(v)));
  };
}

// A child born `years` years before today, on a fixed day of that year.
std::string birth(core::LocalDate today, int years, int month, int day) {
  return core::format_date({today.year - years, month, day});
}

// The official calendar of data/calendar (none known when unreadable).
std::function<std::shared_ptr<const core::Calendar>()> calendar_source(
    const AfterschoolPeople& people) {
  std::shared_ptr<const core::Calendar> calendar;
  if (!people.calendar_dir.empty()) {
    if (Result<core::Calendar> c = core::load_calendar_dir(people.calendar_dir); c.ok()) {
      calendar = std::make_shared<const core::Calendar>(std::move(*c));
    }
  }
  return [calendar] { return calendar; };
}

}  // namespace

Result<AfterschoolSummary> create_afterschool(store::Database& db, accounts::AuditLog& audit,
                                              const AfterschoolPeople& people, int64_t now) {
  const auto calendar_of = calendar_source(people);
  const auto clock = [now] { return now; };
  const core::LocalDate today = core::local_date_of(now);
  const accounts::Caller organiser{people.sixiaoban, "worker", {people.org}, people.client_address};
  const accounts::Caller mother{people.resident, "resident", {}, people.client_address};
  AfterschoolSummary sum;

  // The programme and its staff list, as its organiser makes them.
  afterschool::ProgrammeService programmes(db, audit, calendar_of, clock);
  const auto [term_start, term_end] = term_of(today);
  Result<afterschool::ProgrammeFields> fields = afterschool::read_programme(json{
      {"name", "交通路社区四点半课堂"},
      {"organiser_org_id", people.org},
      {"site_id", people.site},
      {"weekdays", {1, 2, 3, 4, 5}},
      {"start_time", "16:30"},
      {"end_time", "18:30"},
      {"capacity", 30},
      {"term_start", core::format_date(term_start)},
      {"term_end", core::format_date(term_end)},
  });
  if (!fields.ok()) return fields.status();
  auto made = wait_for<afterschool::ProgrammeView>([&](auto done) {
    programmes.create(std::move(*fields), organiser,
                      as_result<afterschool::ProgrammeView>(std::move(done)));
  });
  if (!made.ok()) return made.status();
  const int64_t programme = made->programme.id;
  sum.programme = programme;
  ++sum.programmes;
  Result<std::vector<afterschool::StaffEntry>> staff = afterschool::read_staff_list(
      json{{"staff",
            {{{"user_id", people.sixiaoban},
              {"role", "staff"},
              {"background_checked_on", core::format_date(days_after(today, -60))}},
             {{"user_id", people.volunteer},
              {"role", "volunteer"},
              {"background_checked_on", core::format_date(days_after(today, -200))}}}}},
      today);
  if (!staff.ok()) return staff.status();
  auto listed = wait_for<std::vector<afterschool::StaffView>>([&](auto done) {
    programmes.set_staff(programme, std::move(*staff), organiser,
                         as_result<std::vector<afterschool::StaffView>>(std::move(done)));
  });
  if (!listed.ok()) return listed.status();

  // 王丽's two children, with her separate consent, enrolled with hers.
  afterschool::ChildService children(db, audit, calendar_of, clock);
  const json kids[] = {
      {{"name", "王小雨"},
       {"school", "离石区凤山路小学"},
       {"grade", "三年级"},
       {"birth_date", birth(today, 9, 5, 12)},
       {"health_notes", "对花生过敏"},
       {"relation", "母亲"},
       {"consent", true}},
      {{"name", "王小满"},
       {"school", "离石区凤山路小学"},
       {"grade", "一年级"},
       {"birth_date", birth(today, 7, 9, 3)},
       {"health_notes", nullptr},
       {"relation", "母亲"},
       {"consent", true}},
  };
  std::vector<int64_t> child_ids;
  for (const json& body : kids) {
    Result<afterschool::ChildFields> f = afterschool::read_child(body, today);
    if (!f.ok()) return f.status();
    auto child = wait_for<afterschool::ChildRecord>(
        [&](auto done) { children.create(std::move(*f), mother, std::move(done)); });
    if (!child.ok()) return child.status();
    child_ids.push_back(child->child.id);
    ++sum.children;
    auto enrolled = wait_for<afterschool::EnrolmentRow>(
        [&](auto done) { children.enrol(child->child.id, programme, mother, std::move(done)); });
    if (!enrolled.ok()) return enrolled.status();
  }

  // Her pickup adults, each with a code (read by the pickup rules, stored
  // as its salted hash; no photo store here).
  const json adults[] = {
      {{"name", "李秀英"},
       {"relation", "奶奶"},
       {"phone", "13835871303"},
       {"birth_date", "1971-03-02"},
       {"child_ids", child_ids}},
      {{"name", "王建军"},
       {"relation", "父亲"},
       {"phone", "13835871304"},
       {"birth_date", "1986-08-20"},
       {"child_ids", child_ids}},
  };
  std::string granny_code;
  for (const json& body : adults) {
    Result<afterschool::PickupAdultFields> f = afterschool::read_pickup_adult(body, today);
    if (!f.ok()) return f.status();
    const std::string code = accounts::new_code();
    Status saved = db.write([&](store::Connection& c) -> Status {
      Result<int64_t> id =
          afterschool::insert_pickup_adult(c, *f, std::nullopt, people.resident, code, now);
      if (!id.ok()) return id.status();
      return accounts::append_audit(
          c,
          accounts::audit_entry(mother, "pickup_adult.create", "pickup_adult", std::to_string(*id),
                                accounts::AuditDetail()
                                    .add_ints("child_ids", f->child_ids)
                                    .add("relation", f->relation)
                                    .add("has_photo", false)
                                    .str()),
          now);
    });
    if (!saved.ok()) return saved;
    if (granny_code.empty()) granny_code = code;
    sum.codes += (sum.codes.empty() ? "" : ", ") + f->name + "（" + f->relation + "）" + code;
    ++sum.adults;
  }

  // Today, when a session day: both on duty, the children checked in from
  // school, the younger taken home by her grandmother with her code.
  Result<std::vector<afterschool::DayView>> day = programmes.days(programme, today, 1);
  if (!day.ok()) return day.status();
  sum.session_today = !day->empty() && day->front().day.open;
  if (!sum.session_today) return sum;
  auto duty = wait_for<afterschool::DayStaffing>([&](auto done) {
    programmes.set_duty(programme, today, {people.sixiaoban, people.volunteer}, organiser,
                        as_result<afterschool::DayStaffing>(std::move(done)));
  });
  if (!duty.ok()) return duty.status();
  afterschool::DayService days(db, afterschool::DayClock{calendar_of, clock});
  const accounts::Caller desk{people.sixiaoban, "worker", {people.org}, people.client_address};
  for (int64_t child : child_ids) {
    afterschool::CheckInRequest in;
    in.child_id = child;
    in.brought_by = "from_school";
    auto arrived = wait_for<afterschool::Attendance>(
        [&](auto done) { days.check_in(programme, in, desk, std::move(done)); });
    if (!arrived.ok()) return arrived.status();
    ++sum.checked_in;
  }
  afterschool::CheckOutRequest out;
  out.child_id = child_ids.back();
  out.method = afterschool::PickupMethod::kCode;
  out.code = granny_code;
  auto gone = wait_for<afterschool::Attendance>(
      [&](auto done) { days.check_out(programme, out, desk, std::move(done)); });
  if (!gone.ok()) return gone.status();
  ++sum.checked_out;
  return sum;
}

Result<std::string> confirm_last_duty(store::Database& db, accounts::AuditLog& audit,
                                      const AfterschoolPeople& people, int64_t programme,
                                      int64_t now) {
  const auto calendar_of = calendar_source(people);
  const core::LocalDate today = core::local_date_of(now);
  const accounts::Caller organiser{people.sixiaoban, "worker", {people.org}, people.client_address};
  // The last session day of the fortnight before today.
  afterschool::ProgrammeService programmes(db, audit, calendar_of, [now] { return now; });
  Result<std::vector<afterschool::DayView>> days =
      programmes.days(programme, days_after(today, -14), 14);
  if (!days.ok()) return days.status();
  std::string last;
  for (const afterschool::DayView& d : *days)
    if (d.day.open) last = d.date;
  if (last.empty()) return last;
  const core::LocalDate day = *core::parse_date(last);
  auto duty = wait_for<afterschool::DayStaffing>([&](auto done) {
    programmes.set_duty(programme, day, {people.sixiaoban, people.volunteer}, organiser,
                        as_result<afterschool::DayStaffing>(std::move(done)));
  });
  if (!duty.ok()) return duty.status();
  afterschool::DutyService duties(
      db, audit, afterschool::DayClock{calendar_of, [now] { return now; }}, people.duty_hours);
  auto confirmed = wait_for<afterschool::DutyConfirmationView>([&](auto done) {
    duties.confirm(programme, day, organiser,
                   as_result<afterschool::DutyConfirmationView>(std::move(done)));
  });
  if (!confirmed.ok()) return confirmed.status();
  return last;
}

}  // namespace warmcity::demo
