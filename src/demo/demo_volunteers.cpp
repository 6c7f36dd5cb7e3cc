// The demo district's volunteers (demo_volunteers.h).
#include "demo/demo_volunteers.h"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/caller.h"
#include "activities/activity.h"
#include "activities/activity_service.h"
#include "core/time.h"
#include "core/wait_for.h"
#include "demo/demo_volunteer_list.h"
#include "volunteers/certificate_service.h"
#include "volunteers/dispute_service.h"
#include "volunteers/outcome_service.h"
#include "volunteers/record_service.h"
#include "volunteers/shift_service.h"
#include "volunteers/team_service.h"
#include "volunteers/volunteer_input.h"
#include "volunteers/volunteer_service.h"

namespace warmcity::demo {

namespace {

using accounts::Caller;
using core::wait_for;
using nlohmann::json;

constexpr int64_t kMinute = 60, kHour = 3600, kDay = 86400;

core::LocalDate days_after(core::LocalDate d, int64_t n) {
  return core::civil_from_days(core::days_from_civil(d) + n);
}

// A resident ID of 离石区 (141102), the birth date, a sequence whose last
// digit is odd for men, and its ISO 7064 check digit.
std::string resident_id(const std::string& birth, int seq, bool male) {
  std::string s = "141102" + birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
  const int n = (seq % 50) * 2 + (male ? 1 : 0);
  const std::string tail = std::to_string(100 + n);
  s += tail.substr(tail.size() - 3);
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (s[static_cast<size_t>(i)] - '0') * kWeights[i];
  s += "10X98765432"[sum % 11];
  return s;
}

// A service's (Status, T) answer as the Result<T> wait_for waits for.
template <class T, class Done>
auto as_result(Done done) {
  return [done = std::move(done)](Status s, T v) mutable {
    if (!s.ok()) return done(Result<T>(s));
    done(Result<T>(std::move(v)));
  };
}

class Volunteers {
 public:
  Volunteers(store::Database& db, accounts::AuditLog& audit, const VolunteerPeople& p, int64_t now)
      : p_(p),
        now_(now),
        today_(core::local_date_of(now)),
        registry_(db, clock()),
        teams_(db, clock()),
        activities_(db, audit, nullptr, clock()),
        shifts_(db, audit, clock()),
        outcomes_(db, audit, clock()),
        records_(db, clock()),
        disputes_(db, clock()),
        certificates_(db, clock()) {}

  Result<VolunteersSummary> run() {
    if (Status s = teams(); !s.ok()) return s;
    if (Status s = register_all(); !s.ok()) return s;
    if (Status s = wangcuiping_joins(); !s.ok()) return s;
    if (Status s = shift_day(); !s.ok()) return s;
    if (Status s = manual_records(); !s.ok()) return s;
    if (Status s = dispute(); !s.ok()) return s;
    if (Status s = certificate(); !s.ok()) return s;
    return sum_;
  }

 private:
  std::function<int64_t()> clock() {
    auto t = clock_;
    return [t] { return *t; };
  }
  // The moment `days` days from today at `minute` past midnight.
  int64_t at(int64_t days, int minute) const {
    return core::local_midnight_unix(days_after(today_, days)) + int64_t{minute} * kMinute;
  }
  Result<int64_t> user(const char* username) const {
    auto it = p_.users.find(username);
    if (it == p_.users.end()) return Status::Internal(std::string("demo: no user ") + username);
    return it->second;
  }
  Result<Caller> as(const char* username, const char* role, int64_t org) const {
    Result<int64_t> id = user(username);
    if (!id.ok()) return id.status();
    return Caller{*id, role, {org}, p_.client_address};
  }

  // Both teams belong to 昌茂社区, their leaders named on certificates.
  Status teams() {
    *clock_ = at(-120, 9 * 60);
    struct Facts {
      int64_t team;
      const char* leader;
      const char* person;
      const char* phone;
    };
    for (const Facts& f : {Facts{p_.xiyanghong_team, "xiyanghong", "冯秀珍", "0358-8226130"},
                           Facts{p_.pugongying_team, "pugongying", "贺晓燕", "13935810211"}}) {
      Result<Caller> by = as(f.leader, "volunteer", f.team);
      if (!by.ok()) return by.status();
      volunteers::TeamPatch patch;
      patch.parent_org_id = std::optional<int64_t>{p_.community_org};
      patch.responsible_person = f.person;
      patch.contact_phone = f.phone;
      auto item = wait_for<volunteers::TeamItem>(
          [&](auto done) { teams_.update(f.team, std::move(patch), *by, std::move(done)); });
      if (!item.ok()) return item.status();
      ++sum_.teams;
    }
    return Status::Ok();
  }

  json body(const DemoVolunteer& v, int seq, core::LocalDate registered) {
    const int64_t team = v.xiyanghong ? p_.xiyanghong_team : p_.pugongying_team;
    std::string birth;
    if (v.birth_year == 0) {
      // Sixteen today and on the day she registered (a birthday 100 days
      // after her sixteenth year began counting back).
      const core::LocalDate d = days_after({today_.year - 16, today_.month, today_.day}, -100);
      birth = core::format_date(d);
    } else {
      birth = core::format_date({v.birth_year, v.birth_month, v.birth_day});
    }
    json b = {{"team_id", team},
              {"name", v.name},
              {"phone", v.phone},
              {"id_type", "resident_id"},
              {"id_number", resident_id(birth, seq, v.male)},
              {"birth_date", birth},
              {"gender", v.male ? "male" : "female"},
              {"availability", v.xiyanghong ? "工作日上午、周末" : "周末、寒暑假"},
              {"public_name", seq % 3 != 0}};
    if (*v.skills) b["skills"] = json::array({v.skills});
    if (v.insured) b["insurance_until"] = core::format_date({today_.year + 1, 6, 30});
    if (*v.training) {
      b["trainings"] =
          json::array({{{"name", v.training},
                        {"completed_on", core::format_date(days_after(registered, -30))}}});
    }
    if (v.birth_year == 0) {
      b["guardian_consent"] = {
          {"guardian_name", "崔建平"}, {"guardian_phone", "13935810230"}, {"relation", "父亲"}};
    }
    if (*v.user) {
      Result<int64_t> id = user(v.user);
      if (id.ok()) b["user_id"] = *id;
    }
    return b;
  }

  // The leaders register their teams' volunteers, 90 days ago.
  Status register_all() {
    int seq = 0;
    for (const DemoVolunteer& v : kVolunteers) {
      const int64_t team = v.xiyanghong ? p_.xiyanghong_team : p_.pugongying_team;
      Result<Caller> by = as(v.xiyanghong ? "xiyanghong" : "pugongying", "volunteer", team);
      if (!by.ok()) return by.status();
      *clock_ = at(-90, 9 * 60 + seq * 7);
      const core::LocalDate registered = core::local_date_of(*clock_);
      Result<volunteers::VolunteerFields> f =
          volunteers::read_volunteer(body(v, ++seq, registered), registered);
      if (!f.ok()) {
        std::string why = f.status().message();
        for (const FieldError& e : f.status().field_errors())
          why += "; " + e.field + ": " + e.message;
        return Status::Internal(std::string("demo: volunteer ") + v.name + ": " + why);
      }
      auto made = wait_for<volunteers::VolunteerWritten>([&](auto done) {
        registry_.create(std::move(*f), *by, as_result<volunteers::VolunteerWritten>(done));
      });
      if (!made.ok()) return made.status();
      ids_.push_back(made->view.row.id);
      ++sum_.volunteers;
      if (v.birth_year == 0) ++sum_.minors;
    }
    return Status::Ok();
  }

  // 王翠萍 is a volunteer from her account already (her errand's hours): the
  // leader's registration says so, she joins 夕阳红 and her facts are completed.
  Status wangcuiping_joins() {
    Result<Caller> leader = as("xiyanghong", "volunteer", p_.xiyanghong_team);
    Result<int64_t> account = user("wangcuiping");
    if (!leader.ok()) return leader.status();
    if (!account.ok()) return account.status();
    *clock_ = now_ - 6 * kHour;
    const std::string birth = "1971-05-20";
    json b = {{"team_id", p_.xiyanghong_team},
              {"name", "王翠萍"},
              {"phone", "13903581202"},
              {"id_type", "resident_id"},
              {"id_number", resident_id(birth, 40, false)},
              {"birth_date", birth},
              {"gender", "female"},
              {"user_id", *account},
              {"insurance_until", core::format_date({today_.year + 1, 6, 30})}};
    Result<volunteers::VolunteerFields> f = volunteers::read_volunteer(b, today_);
    if (!f.ok()) return f.status();
    auto made = wait_for<volunteers::VolunteerWritten>([&](auto done) {
      registry_.create(std::move(*f), *leader, [done](Status s, volunteers::VolunteerWritten w) {
        if (s.code() == Code::kConflict && w.already_registered) return done(std::move(w));
        if (!s.ok()) return done(Result<volunteers::VolunteerWritten>(s));
        done(Status::Internal("demo: 王翠萍 was no volunteer yet (no errand hours?)"));
      });
    });
    if (!made.ok()) return made.status();
    wangcuiping_ = *made->already_registered;
    auto joined = wait_for<volunteers::VolunteerView>([&](auto done) {
      registry_.join_team(wangcuiping_, p_.xiyanghong_team, *leader, std::move(done));
    });
    if (!joined.ok()) return joined.status();
    b.erase("team_id");
    b.erase("user_id");
    Result<volunteers::VolunteerPatch> patch = volunteers::read_volunteer_patch(b, today_);
    if (!patch.ok()) return patch.status();
    auto edited = wait_for<volunteers::VolunteerWritten>([&](auto done) {
      registry_.update(wangcuiping_, std::move(*patch), *leader,
                       as_result<volunteers::VolunteerWritten>(done));
    });
    if (!edited.ok()) return edited.status();
    ++sum_.volunteers;
    return Status::Ok();
  }

  // The shift's day: the last Saturday at least two days ago.
  core::LocalDate shift_day_date() const {
    const int64_t days = core::days_from_civil(today_);
    const int64_t weekday = ((days + 4) % 7 + 7) % 7;  // 0 Sunday … 6 Saturday
    int64_t back = (weekday + 1) % 7;
    if (back < 2) back += 7;
    return days_after(today_, -back);
  }

  Status shift_day();
  Status manual_records();
  Status dispute();
  Status certificate();

  const VolunteerPeople& p_;
  int64_t now_;
  core::LocalDate today_;
  std::shared_ptr<int64_t> clock_ = std::make_shared<int64_t>(0);
  volunteers::VolunteerService registry_;
  volunteers::TeamService teams_;
  activities::ActivityService activities_;
  volunteers::ShiftService shifts_;
  volunteers::OutcomeService outcomes_;
  volunteers::RecordService records_;
  volunteers::DisputeService disputes_;
  volunteers::CertificateService certificates_;
  std::vector<int64_t> ids_;  // kVolunteers' ids, in order
  int64_t wangcuiping_ = 0;
  VolunteersSummary sum_;
};

// 清理小广告 on the shift's day, 08:30–11:30: the activity made ten days
// before by 昌茂社区's grid worker, the shift kept by 夕阳红, sign-ups in the
// days before, the staff's list entered on the day, the hours confirmed and
// the outcomes recorded that afternoon.
Status Volunteers::shift_day() {
  const core::LocalDate day = shift_day_date();
  const int64_t d = core::days_from_civil(day) - core::days_from_civil(today_);
  sum_.shift_date = core::format_date(day);
  Result<Caller> worker = as("changmao", "worker", p_.community_org);
  Result<Caller> leader = as("xiyanghong", "volunteer", p_.xiyanghong_team);
  if (!worker.ok()) return worker.status();
  if (!leader.ok()) return leader.status();
  *clock_ = at(d - 10, 10 * 60);
  Result<activities::ActivityFields> fields = activities::read_activity(
      json{{"title", "清理小广告"},
           {"description",
            "创建文明城市志愿服务：清除小区路旁、墙面和楼道的“牛皮癣”小广告，清运卫生死角垃圾，"
            "整治污水乱排点。网格员带队，夕阳红、蒲公英志愿服务队和区团委青年志愿者参加；"
            "工具由社区准备。"},
           {"organiser_org_id", p_.community_org},
           {"address", "昌茂社区各小区及后街小巷（社区党群服务中心集合）"},
           {"community_id", p_.community_area},
           {"capacity", 80},
           {"first_date", sum_.shift_date},
           {"start_time", "08:30"},
           {"duration_minutes", 180},
           {"repeat", "none"}},
      core::local_date_of(*clock_));
  if (!fields.ok()) return fields.status();
  auto activity = wait_for<activities::ActivityWritten>([&](auto done) {
    activities_.create(std::move(*fields), *worker,
                       as_result<activities::ActivityWritten>(std::move(done)));
  });
  if (!activity.ok()) return activity.status();
  if (activity->occurrences.empty()) return Status::Internal("demo: 清理小广告 has no occurrence");
  const int64_t occurrence = activity->occurrences.front().id;

  volunteers::NewShift n;
  n.title = "清理小广告";
  n.start_minute = 8 * 60 + 30;
  n.end_minute = 11 * 60 + 30;
  n.capacity = 30;
  n.team_id = p_.xiyanghong_team;
  auto shift = wait_for<volunteers::ShiftView>(
      [&](auto done) { shifts_.create(occurrence, std::move(n), *worker, std::move(done)); });
  if (!shift.ok()) return shift.status();
  ++sum_.shifts;
  const int64_t shift_id = shift->shift.id;

  // Sign-ups, by the leaders for their volunteers in the days before.
  std::vector<std::pair<int64_t, bool>> signups;  // id, shows up
  for (size_t i = 0; i < std::size(kVolunteers); ++i) {
    const DemoVolunteer& v = kVolunteers[i];
    if (!v.on_shift) continue;
    // Those with an account sign up themselves; 夕阳红's leader keeps the
    // shift and signs up her own; the grid worker takes 蒲公英's by phone.
    std::optional<int64_t> whom = ids_[i];
    Result<Caller> by = v.xiyanghong ? as("xiyanghong", "volunteer", p_.xiyanghong_team)
                                     : as("changmao", "worker", p_.community_org);
    if (*v.user && !v.xiyanghong) {
      by = as(v.user, "volunteer", 0);
      if (by.ok()) by->organisation_ids.clear();
      whom.reset();
    }
    if (!by.ok()) return by.status();
    *clock_ = at(d - 5 + static_cast<int64_t>(i % 4), 19 * 60 + static_cast<int>(i) * 3);
    auto s = wait_for<volunteers::SignupRow>([&](auto done) {
      shifts_.sign_up(shift_id, volunteers::SignupFor{whom, {}}, *by, std::move(done));
    });
    if (!s.ok()) return s.status();
    signups.emplace_back(s->id, v.shows_up);
    ++sum_.signups;
  }

  // The leader's list: check-ins from 08:15, check-outs from 11:20 (two had
  // to leave at 10:40), entered at noon.
  *clock_ = at(d, 12 * 60);
  int k = 0;
  for (const auto& [id, shows] : signups) {
    if (!shows) continue;
    volunteers::Attendance in{std::nullopt, at(d, 8 * 60 + 15 + k % 12)};
    auto checked = wait_for<volunteers::SignupRow>(
        [&](auto done) { shifts_.check_in(id, in, *leader, std::move(done)); });
    if (!checked.ok()) return checked.status();
    const int out_minute = k % 6 == 5 ? 10 * 60 + 40 : 11 * 60 + 20 + k % 15;
    volunteers::Attendance out{std::nullopt, at(d, out_minute)};
    auto left = wait_for<volunteers::SignupRow>(
        [&](auto done) { shifts_.check_out(id, out, *leader, std::move(done)); });
    if (!left.ok()) return left.status();
    sum_.shift_minutes += left->minutes.value_or(0);
    ++sum_.checked_out;
    ++k;
  }

  // The grid worker confirms the hours and records the outcomes per team.
  *clock_ = at(d, 15 * 60);
  auto confirmed =
      wait_for<int64_t>([&](auto done) { shifts_.confirm(shift_id, *worker, std::move(done)); });
  if (!confirmed.ok()) return confirmed.status();
  if (*confirmed != sum_.checked_out) return Status::Internal("demo: not every record confirmed");
  std::vector<volunteers::OutcomeInput> items = {
      {"ads_removed", 600, p_.xiyanghong_team}, {"ads_removed", 400, p_.pugongying_team},
      {"rubbish_m3", 45, p_.xiyanghong_team},   {"rubbish_m3", 55, p_.pugongying_team},
      {"sewage_spots", 10, p_.xiyanghong_team}, {"sewage_spots", 10, p_.pugongying_team},
  };
  auto lines = wait_for<std::vector<volunteers::OutcomeLine>>([&](auto done) {
    outcomes_.replace(occurrence, std::move(items), *worker, std::move(done));
  });
  if (!lines.ok()) return lines.status();
  for (const volunteers::OutcomeLine& l : *lines) {
    if (l.kind == "ads_removed") sum_.ads_tenths += l.tenths;
    if (l.kind == "rubbish_m3") sum_.rubbish_tenths += l.tenths;
    if (l.kind == "sewage_spots") sum_.sewage_tenths += l.tenths;
  }
  return Status::Ok();
}

// The grid worker's records of other mornings: 入户宣传 with two of
// 蒲公英's young volunteers (confirmed) and 夕阳红's leader's 楼道巡查
// (still submitted).
Status Volunteers::manual_records() {
  Result<Caller> worker = as("changmao", "worker", p_.community_org);
  if (!worker.ok()) return worker.status();
  struct Manual {
    size_t volunteer;  // index in kVolunteers
    int64_t days_ago;
    const char* place;
    const char* content;
    int64_t minutes;
    bool confirm;
  };
  const Manual kManual[] = {
      {11, 9, "昌茂社区各小区", "创建文明城市入户宣传", 120, true},
      {12, 9, "昌茂社区各小区", "创建文明城市入户宣传", 120, true},
      {0, 1, "昌茂社区3号楼至8号楼", "楼道卫生巡查", 90, false},
  };
  for (const Manual& m : kManual) {
    *clock_ = now_ - (m.days_ago - 1) * kDay - 20 * kHour;
    volunteers::RecordInput in;
    in.volunteer_id = ids_[m.volunteer];
    in.organiser_org_id = p_.community_org;
    in.service_date = core::format_date(days_after(today_, -m.days_ago));
    in.place = m.place;
    in.content = m.content;
    in.minutes = m.minutes;
    auto r = wait_for<volunteers::Record>(
        [&](auto done) { records_.create(std::move(in), *worker, std::move(done)); });
    if (!r.ok()) return r.status();
    ++sum_.manual;
    if (!m.confirm) continue;
    auto c = wait_for<volunteers::Record>(
        [&](auto done) { records_.confirm(r->id, *worker, std::move(done)); });
    if (!c.ok()) return c.status();
  }
  return Status::Ok();
}

// 王翠萍 says her errand record missed the time she spent carrying the rice
// and oil in; 生态园社区's worker (the errand's organiser) answers with a
// correction of 20 minutes.
Status Volunteers::dispute() {
  Result<Caller> self = as("wangcuiping", "volunteer", 0);
  Result<Caller> worker = as("liangjunlian", "worker", p_.errand_org);
  if (!self.ok()) return self.status();
  if (!worker.ok()) return worker.status();
  self->organisation_ids.clear();
  *clock_ = now_ - 5 * kHour;
  auto mine = wait_for<volunteers::VolunteerRecords>(
      [&](auto done) { records_.my_records({}, *self, std::move(done)); });
  if (!mine.ok()) return mine.status();
  std::optional<int64_t> errand;
  for (const volunteers::Record& r : mine->items)
    if (r.source == "errand" && r.organiser_org_id == p_.errand_org) errand = r.id;
  if (!errand) return Status::Internal("demo: 王翠萍 has no errand record of 生态园社区");
  auto raised = wait_for<volunteers::Dispute>([&](auto done) {
    disputes_.raise(*errand, "那天送米面油，还帮老人把米面搬进储藏间，多用了二十分钟，记录少算了。",
                    *self, std::move(done));
  });
  if (!raised.ok()) return raised.status();
  *clock_ = now_ - 3 * kHour;
  volunteers::DisputeAnswer answer;
  answer.answer = "已与老人电话核实，补记搬运米面油的二十分钟。";
  answer.correction = volunteers::CorrectionInput{20, "核实后补记搬运米面油的20分钟"};
  auto answered = wait_for<volunteers::Dispute>([&](auto done) {
    disputes_.answer(raised->id, std::move(answer), *worker, std::move(done));
  });
  if (!answered.ok()) return answered.status();
  ++sum_.disputes;
  return Status::Ok();
}

// 夕阳红's leader issues 王翠萍's certificate over the last 30 days; 赵晓芳
// asks 蒲公英 for hers (left open for the leader).
Status Volunteers::certificate() {
  Result<Caller> leader = as("xiyanghong", "volunteer", p_.xiyanghong_team);
  Result<Caller> zhao = as("zhaoxiaofang", "volunteer", 0);
  if (!leader.ok()) return leader.status();
  if (!zhao.ok()) return zhao.status();
  zhao->organisation_ids.clear();
  *clock_ = now_ - 2 * kHour;
  volunteers::IssueInput in;
  in.volunteer_id = wangcuiping_;
  in.team_id = p_.xiyanghong_team;
  const core::LocalDate issued_on = core::local_date_of(*clock_);
  in.from = core::format_date(days_after(issued_on, -30));
  in.to = core::format_date(issued_on);
  auto issued = wait_for<volunteers::Certificate>(
      [&](auto done) { certificates_.issue(std::move(in), *leader, std::move(done)); });
  if (!issued.ok()) return issued.status();
  sum_.certificate = issued->number;
  *clock_ = now_ - kHour;
  volunteers::RequestInput req;
  req.team_id = p_.pugongying_team;
  const core::LocalDate asked_on = core::local_date_of(*clock_);
  req.from = core::format_date(days_after(asked_on, -60));
  req.to = core::format_date(asked_on);
  auto asked = wait_for<volunteers::CertificateRequest>(
      [&](auto done) { certificates_.request(std::move(req), *zhao, std::move(done)); });
  if (!asked.ok()) return asked.status();
  ++sum_.requests;
  return Status::Ok();
}

}  // namespace

Result<VolunteersSummary> create_volunteers(store::Database& db, accounts::AuditLog& audit,
                                            const VolunteerPeople& people, int64_t now) {
  return Volunteers(db, audit, people, now).run();
}

}  // namespace warmcity::demo
