// The demo district's activities (demo_activities.h).
#include "demo/demo_activities.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "activities/places.h"
#include "core/time.h"

namespace warmcity::demo {

namespace {

constexpr int64_t kActivityDay = 86400;

// Fictional callers (the names common in Lüliang, the numbers made up).
struct ActivityCaller {
  const char* name;
  const char* phone;
};
constexpr ActivityCaller kActivityCallers[] = {
    {"刘桂英", "13835810246"}, {"王秀兰", "13835812371"}, {"李建国", "13835813958"},
    {"张玉梅", "13835814620"}, {"高凤英", "13835815734"}, {"任志刚", "13835816182"},
    {"薛金花", "13835817409"}, {"冯根柱", "13835818253"}, {"郭巧珍", "13835819617"},
    {"白润生", "13835820384"}, {"贺兰英", "13835821956"}, {"曹福全", "13835822741"},
};
constexpr int kActivityCallerCount = static_cast<int>(std::size(kActivityCallers));

// One person to sign up: the resident's account or a caller signed up by wenti.
struct ActivityPerson {
  std::optional<int64_t> user_id;
  std::string name;
  std::string phone;
};

struct ActivityRow {
  const char* kind = "activity";
  const char* title = "";
  const char* description = "";
  int64_t org = 0;
  int64_t created_by = 0;
  std::optional<int64_t> venue_id;
  std::string address;
  std::optional<int64_t> community_id;
  int64_t capacity = 0;
  std::optional<int64_t> age_min;
  std::optional<int64_t> age_max;
  int start_minute = 0;
  int duration_minutes = 0;
  const char* repeat = "none";
  std::optional<std::string> repeat_until;
  std::vector<core::LocalDate> dates;  // the occurrences, in order
};

class ActivityWriter {
 public:
  ActivityWriter(store::Connection& c, const ActivityPeople& p, int64_t now, ActivitiesSummary& sum)
      : c_(c), p_(p), now_(now), sum_(sum) {}

  // The venue's id and community by its name (a facility of kind venue).
  Result<std::pair<int64_t, std::optional<int64_t>>> venue(const char* name) {
    auto q =
        c_.prepare("SELECT id, community_id FROM facilities WHERE kind = 'venue' AND name = ?");
    if (!q.ok()) return q.status();
    q->bind(1, name);
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal(std::string("demo: no venue ") + name);
    return std::make_pair(q->column_int64(0), q->column_int64_opt(1));
  }

  Result<int64_t> area(const char* code) {
    auto q = c_.prepare("SELECT id FROM areas WHERE code = ?");
    if (!q.ok()) return q.status();
    q->bind(1, code);
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal(std::string("demo: no area ") + code);
    return q->column_int64(0);
  }

  // The activity and its occurrences; their ids in date order.
  Result<std::vector<int64_t>> add(const ActivityRow& a) {
    const int64_t created = now_ - 21 * kActivityDay;
    auto q = c_.prepare(
        "INSERT INTO activities (kind, title, description, organiser_org_id, venue_id, address, "
        "community_id, capacity, age_min, age_max, first_date, start_minute, duration_minutes, "
        "repeat, repeat_until, created_by, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!q.ok()) return q.status();
    q->bind(1, a.kind)
        .bind(2, a.title)
        .bind(3, a.description)
        .bind(4, a.org)
        .bind(5, a.venue_id)
        .bind(6, a.address)
        .bind(7, a.community_id)
        .bind(8, a.capacity)
        .bind(9, a.age_min)
        .bind(10, a.age_max)
        .bind(11, core::format_date(a.dates.front()))
        .bind(12, a.start_minute)
        .bind(13, a.duration_minutes)
        .bind(14, a.repeat)
        .bind(15, a.repeat_until)
        .bind(16, a.created_by)
        .bind(17, created)
        .bind(18, created);
    Result<int64_t> id = q->returning_id();
    if (!id.ok()) return id.status();
    ++sum_.activities;
    std::vector<int64_t> occurrences;
    int64_t seq = 0;
    for (const core::LocalDate& d : a.dates) {
      const int64_t starts = core::local_midnight_unix(d) + int64_t{a.start_minute} * 60;
      auto o = c_.prepare(
          "INSERT INTO activity_occurrences (activity_id, seq, local_date, starts_at, ends_at, "
          "capacity, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
      if (!o.ok()) return o.status();
      o->bind(1, *id)
          .bind(2, ++seq)
          .bind(3, core::format_date(d))
          .bind(4, starts)
          .bind(5, starts + int64_t{a.duration_minutes} * 60)
          .bind(6, a.capacity)
          .bind(7, created);
      Result<int64_t> oid = o->returning_id();
      if (!oid.ok()) return oid.status();
      occurrences.push_back(*oid);
      ++sum_.occurrences;
    }
    return occurrences;
  }

  // Signs `who` up on the occurrence `days_before` its start: a place when
  // one is free (places.h), else the line. Past occurrences get attendance.
  Result<int64_t> sign_up(int64_t occurrence, const ActivityPerson& who, int64_t days_before,
                          const char* attendance = "") {
    Result<std::pair<int64_t, int64_t>> when = times(occurrence);
    if (!when.ok()) return when.status();
    const int64_t at = std::min(when->first - days_before * kActivityDay - 5 * 3600, now_ - 600);
    Result<bool> place = activities::take_place(c_, occurrence);
    if (!place.ok()) return place.status();
    const std::optional<int64_t> by = who.user_id ? std::nullopt : std::optional<int64_t>{p_.wenti};
    const bool attended_known = *place && *attendance && when->first + 600 < now_;
    auto q = c_.prepare(
        "INSERT INTO activity_signups (occurrence_id, user_id, by_user, name, phone, status, code, "
        "attendance, attendance_at, attendance_by, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!q.ok()) return q.status();
    const int64_t updated = attended_known ? when->first + 600 : at;
    q->bind(1, occurrence)
        .bind(2, who.user_id)
        .bind(3, by)
        .bind(4, who.name)
        .bind(5, who.phone)
        .bind(6, *place ? "confirmed" : "waiting")
        .bind(7, code(occurrence))
        .bind(8, attended_known ? attendance : "")
        .bind(9, attended_known ? std::optional<int64_t>{when->first + 600} : std::nullopt)
        .bind(10, attended_known ? std::optional<int64_t>{p_.wenti} : std::nullopt)
        .bind(11, at)
        .bind(12, updated);
    Result<int64_t> id = q->returning_id();
    if (!id.ok()) return id.status();
    if (Status s = activities::add_signup_event(c_, *id, *place ? "joined" : "waitlisted", at, by);
        !s.ok()) {
      return s;
    }
    if (attended_known) {
      if (Status s = activities::add_signup_event(c_, *id, attendance, when->first + 600, p_.wenti);
          !s.ok()) {
        return s;
      }
    }
    ++sum_.signups;
    if (!*place) ++sum_.waiting;
    return *id;
  }

  // Calls the occurrence off with its note; its sign-ups are cancelled with
  // it (event 'cancelled', note 活动取消) and their places given back.
  Status cancel(int64_t occurrence, const char* note, int64_t at) {
    auto q = c_.prepare(
        "SELECT id FROM activity_signups WHERE occurrence_id = ? AND status = 'confirmed' "
        "ORDER BY id");
    if (!q.ok()) return q.status();
    q->bind(1, occurrence);
    std::vector<int64_t> ids;
    for (;;) {
      Result<bool> row = q->step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ids.push_back(q->column_int64(0));
    }
    for (int64_t id : ids) {
      auto u = c_.prepare(
          "UPDATE activity_signups SET status = 'cancelled', updated_at = ? WHERE id = ?");
      if (!u.ok()) return u.status();
      u->bind(1, at).bind(2, id);
      if (Status s = u->run(); !s.ok()) return s;
      if (Status s = activities::release_place(c_, occurrence); !s.ok()) return s;
      if (Status s = activities::add_signup_event(c_, id, "cancelled", at, p_.wenti, "活动取消");
          !s.ok()) {
        return s;
      }
    }
    auto o = c_.prepare(
        "UPDATE activity_occurrences SET status = 'cancelled', cancel_note = ?, "
        "revision = revision + 1, updated_at = ? WHERE id = ?");
    if (!o.ok()) return o.status();
    o->bind(1, note).bind(2, at).bind(3, occurrence);
    if (Status s = o->run(); !s.ok()) return s;
    ++sum_.cancelled;
    return Status::Ok();
  }

  Result<std::pair<int64_t, int64_t>> times(int64_t occurrence) {
    auto q = c_.prepare("SELECT starts_at, ends_at FROM activity_occurrences WHERE id = ?");
    if (!q.ok()) return q.status();
    q->bind(1, occurrence);
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal("demo: no occurrence");
    return std::make_pair(q->column_int64(0), q->column_int64(1));
  }

  ActivityPerson resident() const { return {p_.resident, p_.resident_name, p_.resident_phone}; }
  static ActivityPerson caller(int i) {
    const ActivityCaller& k = kActivityCallers[i % kActivityCallerCount];
    return {std::nullopt, k.name, k.phone};
  }

 private:
  // Six digits, different for each sign-up of the demo.
  std::string code(int64_t occurrence) {
    const int64_t n = 100000 + (occurrence * 7919 + ++codes_ * 104729) % 900000;
    return std::to_string(n);
  }

  store::Connection& c_;
  const ActivityPeople& p_;
  int64_t now_;
  ActivitiesSummary& sum_;
  int64_t codes_ = 0;
};

core::LocalDate activity_day(core::LocalDate d, int64_t days) {
  return core::civil_from_days(core::days_from_civil(d) + days);
}

// Every `weekday` (0 = Monday) from `from` to `until`.
std::vector<core::LocalDate> activity_weekly(core::LocalDate from, core::LocalDate until,
                                             int weekday) {
  std::vector<core::LocalDate> out;
  core::LocalDate d = activity_day(from, (weekday - core::weekday(from) + 7) % 7);
  for (; core::days_from_civil(d) <= core::days_from_civil(until); d = activity_day(d, 7)) {
    out.push_back(d);
  }
  return out;
}

// The same day of each month from `from` to `until`: the first day of the
// month (from `from`'s on, at most 28) whose dates all avoid Monday.
std::vector<core::LocalDate> activity_monthly(core::LocalDate from, core::LocalDate until) {
  for (int k = 0; k < 28; ++k) {
    const int day = (from.day - 1 + k) % 28 + 1;
    std::vector<core::LocalDate> out;
    bool monday = false;
    for (core::LocalDate m{from.year, from.month, day};
         core::days_from_civil(m) <= core::days_from_civil(until);) {
      if (core::days_from_civil(m) >= core::days_from_civil(from)) {
        if (core::weekday(m) == 0) monday = true;
        out.push_back(m);
      }
      m = m.month == 12 ? core::LocalDate{m.year + 1, 1, day}
                        : core::LocalDate{m.year, m.month + 1, day};
    }
    if (!monday && !out.empty()) return out;
  }
  return {};
}

}  // namespace

Result<ActivitiesSummary> create_activities(store::Database& db, const ActivityPeople& people,
                                            int64_t now) {
  const core::LocalDate today = core::local_date_of(now);
  const core::LocalDate from = activity_day(today, -14);
  const core::LocalDate until = activity_day(today, 60);
  ActivitiesSummary sum;
  Status st = db.write([&](store::Connection& c) -> Status {
    ActivityWriter w(c, people, now, sum);
    auto fengshan = w.venue("凤山公园");
    auto lianhuachi = w.venue("莲花池全民健身广场");
    auto library = w.venue("离石区图书馆");
    auto centre = w.venue("离石区文体活动中心");
    for (const auto* v : {&fengshan, &lianhuachi, &library, &centre}) {
      if (!v->ok()) return v->status();
    }
    auto xiguan = w.area("FS-XG");
    if (!xiguan.ok()) return xiguan.status();

    // Who signs up: the resident's own account (when `with_resident`) and
    // callers by phone, starting at a different one for each occurrence.
    int turn = 0;
    auto person = [&](int k, bool with_resident) {
      if (with_resident && k == 0) return w.resident();
      return ActivityWriter::caller(turn + k);
    };

    // 太极拳 at 凤山公园 (05:30-22:00), Tuesday and Thursday 07:30-08:30; the
    // resident comes on Tuesdays. Past mornings have their attendance taken.
    for (int weekday : {1, 3}) {
      ActivityRow a;
      a.title = weekday == 1 ? "太极拳晨练（周二班）" : "太极拳晨练（周四班）";
      a.description =
          "二十四式简化太极拳，社区太极拳协会的老师带练，零基础可参加。请穿平底鞋，"
          "自带水杯；雨雪天改在西关社区活动室。";
      a.org = people.community_org;
      a.created_by = people.wenti;
      a.venue_id = fengshan->first;
      a.community_id = fengshan->second;
      a.capacity = 30;
      a.start_minute = 7 * 60 + 30;
      a.duration_minutes = 60;
      a.repeat = "weekly";
      a.repeat_until = core::format_date(until);
      a.dates = activity_weekly(from, until, weekday);
      auto occ = w.add(a);
      if (!occ.ok()) return occ.status();
      for (size_t i = 0; i < occ->size(); ++i) {
        const int n = 5 + static_cast<int>(i % 4);
        for (int k = 0; k < n; ++k) {
          const char* mark = (k == n - 1 && i % 2 == 0) ? "no_show" : "attended";
          auto s = w.sign_up((*occ)[i], person(k, weekday == 1), 3 + k % 3, mark);
          if (!s.ok()) return s.status();
        }
        ++turn;
      }
    }

    // 广场舞 at 莲花池全民健身广场 (24/7), Wednesday 19:30-21:00; next week's
    // evening is called off for the wind forecast.
    {
      ActivityRow a;
      a.title = "广场舞之夜";
      a.description =
          "西关社区舞蹈队带跳《最炫民族风》《山丹丹开花红艳艳》等曲目，新学员第一次来站后排跟着学。"
          "天黑后请穿浅色衣服。";
      a.org = people.community_org;
      a.created_by = people.wenti;
      a.venue_id = lianhuachi->first;
      a.community_id = lianhuachi->second;
      a.capacity = 40;
      a.start_minute = 19 * 60 + 30;
      a.duration_minutes = 90;
      a.repeat = "weekly";
      a.repeat_until = core::format_date(until);
      a.dates = activity_weekly(from, until, 2);
      auto occ = w.add(a);
      if (!occ.ok()) return occ.status();
      std::optional<int64_t> next;
      for (size_t i = 0; i < occ->size(); ++i) {
        auto t = w.times((*occ)[i]);
        if (!t.ok()) return t.status();
        if (!next && t->first > now + 2 * kActivityDay) next = (*occ)[i];
        const int n = 6 + static_cast<int>(i % 3);
        for (int k = 0; k < n; ++k) {
          auto s = w.sign_up((*occ)[i], person(k, false), 2 + k % 4, "attended");
          if (!s.ok()) return s.status();
        }
        ++turn;
      }
      if (next) {
        if (Status s = w.cancel(*next, "天气预报当晚有 6 级大风并降温，本周暂停一次，下周照常。",
                                now - 300);
            !s.ok()) {
          return s;
        }
      }
    }

    // 书法班 at 离石区图书馆 (Tu-Su 09:00-17:30), monthly 14:30-16:30.
    {
      ActivityRow a;
      a.title = "书法班（毛笔楷书）";
      a.description = "区书法家协会老师讲授楷书基本笔画和结构，笔墨纸砚由图书馆提供。";
      a.org = people.community_org;
      a.created_by = people.wenti;
      a.venue_id = library->first;
      a.community_id = library->second;
      a.capacity = 20;
      a.start_minute = 14 * 60 + 30;
      a.duration_minutes = 120;
      a.repeat = "monthly";
      a.repeat_until = core::format_date(until);
      a.dates = activity_monthly(from, until);
      if (a.dates.empty()) return Status::Internal("demo: no monthly dates for the 书法班");
      auto occ = w.add(a);
      if (!occ.ok()) return occ.status();
      for (size_t i = 0; i < occ->size(); ++i) {
        for (int k = 0; k < 7; ++k) {
          auto s = w.sign_up((*occ)[i], person(k, true), 6 + k, k == 3 ? "no_show" : "attended");
          if (!s.ok()) return s.status();
        }
        ++turn;
      }
    }

    // 剪纸体验课 at 离石区文体活动中心 (08:00-21:00), in three days 14:30-16:00:
    // eight places, all taken, two waiting.
    {
      ActivityRow a;
      a.title = "剪纸体验课（吕梁剪纸）";
      a.description = "非遗传承人手把手教剪窗花和团花，材料免费，名额有限，满员后可排队候补。";
      a.org = people.community_org;
      a.created_by = people.wenti;
      a.venue_id = centre->first;
      a.community_id = centre->second;
      a.capacity = 8;
      a.start_minute = 14 * 60 + 30;
      a.duration_minutes = 90;
      a.dates = {activity_day(today, 3)};
      auto occ = w.add(a);
      if (!occ.ok()) return occ.status();
      for (int k = 0; k < 10; ++k) {
        auto s = w.sign_up(occ->front(), person(k, true), 6 - k / 2);
        if (!s.ok()) return s.status();
      }
      ++turn;
    }

    // 象棋友谊赛 in 西关社区's own room: an address, no venue.
    {
      ActivityRow a;
      a.title = "社区象棋友谊赛";
      a.description = "单循环赛，每盘限时 30 分钟，前三名有纪念品。自带象棋更好，社区也备有 8 副。";
      a.org = people.community_org;
      a.created_by = people.wenti;
      a.address = "离石区凤山街道西关社区居委会二楼活动室";
      a.community_id = *xiguan;
      a.capacity = 16;
      a.start_minute = 9 * 60 + 30;
      a.duration_minutes = 150;
      a.dates = {activity_day(today, 5)};
      auto occ = w.add(a);
      if (!occ.ok()) return occ.status();
      for (int k = 0; k < 5; ++k) {
        auto s = w.sign_up(occ->front(), person(k, false), 4);
        if (!s.ok()) return s.status();
      }
      ++turn;
    }

    // 春风行动招聘会 (job fair) by the human-resources bureau's desk at the
    // centre, in ten days 09:00-12:00.
    {
      ActivityRow a;
      a.kind = "job_fair";
      a.title = "春风行动专场招聘会";
      a.description =
          "区人社局联合区总工会举办，40 余家企业现场招聘保洁、保安、司机、厨师、护理员等岗位。"
          "请带身份证和简历；不会写简历的，现场有志愿者帮忙。";
      a.org = people.department_org;
      a.created_by = people.renshe;
      a.venue_id = centre->first;
      a.community_id = centre->second;
      a.capacity = 500;
      a.age_min = 16;
      a.start_minute = 9 * 60;
      a.duration_minutes = 180;
      a.dates = {activity_day(today, 10)};
      auto occ = w.add(a);
      if (!occ.ok()) return occ.status();
      for (int k = 0; k < 4; ++k) {
        auto s = w.sign_up(occ->front(), person(k, false), 2);
        if (!s.ok()) return s.status();
      }
      ++turn;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return sum;
}

}  // namespace warmcity::demo
