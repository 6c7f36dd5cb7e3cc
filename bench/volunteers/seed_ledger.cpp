// The district's shifts and hours ledger (seed.h). Every record is planned
// first — the shifts' check-outs, the errands, the manual records and the
// corrections — then written in the order it was written in the district
// (its created_at), so ids grow with time as the ledger's do; a check-out's
// sign-up is stamped with its record as the check-out job does.
//
//   shifts     1,900 past ones spread over 24 months (3 hours, 60 % by the
//              team's community organisation, 40 % by the team), 8–30
//              sign-ups by the team's members of the day: 5 % cancelled, 8 %
//              not come, the rest checked in and out (hours by
//              shift_rules.h); confirmed per shift (98 % of those older than
//              two weeks, half of the newer); outcomes per occurrence; 100
//              in the next two weeks with sign-ups only;
//   errands    50,000, confirmed when written, by the community of the
//              volunteer's team;
//   manual     the rest of 500,000, by the volunteer's team (60 %) or its
//              community (40 %), 30–240 minutes; confirmed as the shifts;
//   corrections 2,500 of confirmed manual records, days to weeks later;
//   disputes   300 on records of the last six months, two in three answered.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "activities/activity_store.h"
#include "core/time.h"
#include "seed.h"
#include "volunteers/dispute_store.h"
#include "volunteers/ledger_write.h"
#include "volunteers/outcome_store.h"
#include "volunteers/shift_rules.h"
#include "volunteers/shift_store.h"

namespace warmcity::volunteers::bench {
namespace {

constexpr int64_t kHour = 3600;

const char* const kShiftTitles[] = {"清理小广告",   "环境整治",     "敬老助老",
                                    "交通文明劝导", "垃圾分类引导", "植树护绿"};
const char* const kContents[] = {"入户宣传",     "楼道卫生巡查", "敬老院陪护", "交通劝导",
                                 "垃圾分类引导", "文明劝导",     "图书整理",   "课后托管看护",
                                 "防汛巡查",     "反诈宣传"};
const char* const kPlaces[] = {"社区服务站", "交通路12号",   "滨河公园", "凤山广场",
                               "社区敬老院", "东关小学门口", "永宁路口", "社区图书室"};
const char* const kReasons[] = {"签退时间记错", "少记了半小时", "重复登记", "活动提前结束"};
constexpr const char* kErrandContent = "代购/代办服务";

template <class T, size_t N>
constexpr int64_t last_of(const T (&)[N]) {
  return static_cast<int64_t>(N) - 1;
}

enum Source : uint8_t { kShift, kErrand, kManual, kCorrection };
constexpr const char* kSourceNames[] = {"shift", "errand", "manual", "correction"};

// A record to write: what NewRecord will say, in small fields.
struct Planned {
  int64_t created_at = 0;
  int64_t service_at = 0;    // a moment of the service day
  int64_t organiser = 0;     // the organisation
  int64_t source_id = 0;     // the sign-up, the errand; a correction: its record's seq
  int64_t out_at = 0;        // a check-out: when, and the staff member (0: by the code)
  int64_t out_by = 0;        //
  int64_t confirmed_at = 0;  // 0: submitted
  int32_t volunteer = 0;     // index
  int32_t seq = 0;           // index into the ids written
  int16_t minutes = 0;
  Source source = kManual;
  uint8_t content = 0;  // into kShiftTitles (a shift) or kContents
  uint8_t place = 0;
  uint8_t reason = 0;
};

class LedgerSeeder {
 public:
  LedgerSeeder(store::Connection& c, District& d) : c_(c), d_(d) {}

  Status run() {
    members_.resize(kTeams);
    for (size_t i = 0; i < d_.volunteers.size(); ++i) {
      const DistrictVolunteer& v = d_.volunteers[i];
      members_[static_cast<size_t>(v.team)].push_back(static_cast<int>(i));
      if (v.second_team >= 0)
        members_[static_cast<size_t>(v.second_team)].push_back(static_cast<int>(i));
    }
    for (int k = 0; k < kPastShifts + kComingShifts; ++k) {
      if (Status s = seed_shift(k); !s.ok()) return s;
    }
    std::fprintf(stderr, "  %d shifts, %zu check-outs\n", kPastShifts + kComingShifts,
                 plan_.size());
    plan_errands();
    plan_manual(kRecords - static_cast<int>(plan_.size()) - kCorrections);
    plan_corrections();
    if (Status s = write_records(); !s.ok()) return s;
    return seed_disputes();
  }

 private:
  int64_t staff_of(int64_t org) const { return d_.org_staff.at(org); }

  // Whether volunteer i was on `team` at `t`.
  bool on_team(int i, int team, int64_t t) const {
    const DistrictVolunteer& v = d_.volunteers[static_cast<size_t>(i)];
    if (t < v.joined + kDay || t >= v.until) return false;
    if (v.team == team && !(v.moved && t >= v.second_joined)) return true;
    return v.second_team == team && t >= v.second_joined;
  }

  // Shift k: past ones evenly over the 24 months, the coming ones in the
  // next two weeks.
  Status seed_shift(int k) {
    const bool past = k < kPastShifts;
    const int64_t some_time = past ? kLedgerStart + kDay + (728 * kDay) * k / kPastShifts
                                   : kNow + d_.between(1, 14) * kDay;
    const core::LocalDate date = core::local_date_of(some_time);
    const int team = static_cast<int>(d_.between(0, kTeams - 1));
    const int64_t team_org = d_.teams[static_cast<size_t>(team)].org_id;
    const int64_t organiser = d_.uniform() < 0.6 ? d_.community_org_of(team) : team_org;
    const int start_minute = d_.uniform() < 0.5 ? 8 * 60 + 30 : 14 * 60;
    const int64_t starts = core::local_midnight_unix(date) + start_minute * 60;
    const int64_t ends = starts + 3 * kHour;
    const int title = static_cast<int>(d_.between(0, last_of(kShiftTitles)));
    const int place = static_cast<int>(d_.between(0, last_of(kPlaces)));
    activities::ActivityFields f;
    f.title = kShiftTitles[title];
    f.organiser_org_id = organiser;
    f.address = kPlaces[place];
    f.community_id =
        d_.communities[static_cast<size_t>(d_.teams[static_cast<size_t>(team)].community)].area_id;
    f.capacity = 30;
    f.first_date = date;
    f.series.first = date;
    f.start_minute = start_minute;
    f.duration_minutes = 180;
    const int64_t made = starts - 10 * kDay;
    Result<int64_t> activity =
        activities::insert_activity(c_, f, organiser, staff_of(organiser), made);
    if (!activity.ok()) return activity.status();
    Result<int64_t> occurrence =
        activities::insert_occurrence(c_, *activity, 1, date, starts, ends, 30, made);
    if (!occurrence.ok()) return occurrence.status();
    ShiftRow s;
    s.occurrence_id = *occurrence;
    s.title = f.title;
    s.starts_at = starts;
    s.ends_at = ends;
    s.capacity = 30;
    s.risky = d_.uniform() < 0.1;
    s.min_age = s.risky ? 18 : 14;
    s.team_org_id = team_org;
    s.code = std::to_string(100000 + (k * 7919) % 900000);
    s.created_by = staff_of(organiser);
    s.created_at = made;
    Result<int64_t> shift = insert_shift(c_, s);
    if (!shift.ok()) return shift.status();
    if (Status st = seed_signups(*shift, s, team, organiser, title, place, past); !st.ok())
      return st;
    return past ? seed_outcomes(*occurrence, team_org, organiser, ends) : Status::Ok();
  }

  Status seed_signups(int64_t shift, const ShiftRow& s, int team, int64_t organiser, int title,
                      int place, bool past) {
    const int64_t day = past ? s.starts_at : kNow;
    std::vector<int> who;
    for (int i : members_[static_cast<size_t>(team)])
      if (on_team(i, team, day)) who.push_back(i);
    std::shuffle(who.begin(), who.end(), d_.rng);
    who.resize(std::min<size_t>(who.size(), static_cast<size_t>(d_.between(8, 30))));
    const int64_t leader = d_.teams[static_cast<size_t>(team)].leader_user;
    int64_t confirmed_at = 0;
    if (s.ends_at < kNow - 14 * kDay ? d_.uniform() < 0.98 : d_.uniform() < 0.5)
      confirmed_at = std::min(s.ends_at + d_.between(2 * kHour, 3 * kDay), kNow - 60);
    for (int i : who) {
      const DistrictVolunteer& v = d_.volunteers[static_cast<size_t>(i)];
      const bool self = v.user_id && d_.uniform() < 0.5;  // signed up, checked by the code
      const int64_t signed_at =
          past ? s.starts_at - d_.between(kHour, 7 * kDay) : d_.between(kNow - 7 * kDay, kNow - 60);
      Result<int64_t> signup =
          insert_signup(c_, shift, v.id, self ? *v.user_id : leader, signed_at);
      if (!signup.ok()) return signup.status();
      const double r = d_.uniform();
      if (r < 0.05) {
        if (Status st = cancel_signup_row(c_, *signup, signed_at + 600); !st.ok()) return st;
        continue;
      }
      if (!past || r < 0.13) continue;  // not yet, or did not come
      const int64_t in = s.starts_at - d_.between(0, 15) * 60;
      const int64_t out = s.ends_at + d_.between(-40, 20) * 60;
      std::optional<int64_t> by;
      if (!self) by = leader;
      if (Status st = set_checked_in(c_, *signup, in, by); !st.ok()) return st;
      Planned p;
      p.created_at = out;
      p.service_at = s.starts_at;
      p.organiser = organiser;
      p.source_id = *signup;
      p.out_at = out;
      p.out_by = self ? 0 : leader;
      p.confirmed_at = confirmed_at;
      p.volunteer = i;
      p.minutes = static_cast<int16_t>(counted_minutes(in, out, s.starts_at, s.ends_at));
      p.source = kShift;
      p.content = static_cast<uint8_t>(title);
      p.place = static_cast<uint8_t>(place);
      add(p);
    }
    return Status::Ok();
  }

  Status seed_outcomes(int64_t occurrence, int64_t team_org, int64_t organiser, int64_t ends) {
    std::optional<int64_t> team;
    if (d_.uniform() < 0.8) team = team_org;
    std::vector<OutcomeLine> lines{{"ads_removed", d_.between(5, 80) * 10, team, "", ""},
                                   {"rubbish_m3", d_.between(5, 60), team, "", ""}};
    if (d_.uniform() < 0.3) lines.push_back({"sewage_spots", d_.between(1, 3) * 10, team, "", ""});
    return replace_outcomes(c_, occurrence, lines, staff_of(organiser), ends + 2 * kHour);
  }

  void add(Planned& p) {
    p.seq = static_cast<int32_t>(plan_.size());
    plan_.push_back(p);
  }

  // Who served when: a moment of the ledger's 24 months and a volunteer
  // drawn by how much they serve among those active then (so a volunteer's
  // records grow with their active time, and the months with the district).
  int served(int64_t& at) {
    while (true) {
      const int i = d_.someone();
      const DistrictVolunteer& v = d_.volunteers[static_cast<size_t>(i)];
      at = d_.between(kLedgerStart, kNow - kHour);
      if (at >= v.joined + kDay && at < v.until - kHour) return i;
    }
  }

  // Submitted when new, mostly confirmed when older.
  int64_t confirmation(int64_t created_at) {
    const bool confirmed = created_at < kNow - 14 * kDay ? d_.uniform() < 0.98 : d_.uniform() < 0.5;
    if (!confirmed) return 0;
    return std::min(created_at + d_.between(kHour, 5 * kDay), kNow - 30);
  }

  void plan_errands() {
    for (int k = 0; k < kErrands; ++k) {
      Planned p;
      const int i = served(p.service_at);
      const DistrictVolunteer& v = d_.volunteers[static_cast<size_t>(i)];
      p.created_at = std::min(p.service_at + d_.between(2 * kHour, 2 * kDay), kNow - 60);
      p.confirmed_at = p.created_at;
      p.organiser = d_.community_org_of(v.team_on(p.service_at, false));
      p.source_id = k + 1;
      p.volunteer = i;
      p.minutes = static_cast<int16_t>(d_.between(3, 12) * 10);
      p.source = kErrand;
      add(p);
    }
  }

  void plan_manual(int count) {
    for (int k = 0; k < count; ++k) {
      Planned p;
      const int i = served(p.service_at);
      const DistrictVolunteer& v = d_.volunteers[static_cast<size_t>(i)];
      const int team = v.team_on(p.service_at, d_.uniform() < 0.5);
      p.organiser = d_.uniform() < 0.6 ? d_.teams[static_cast<size_t>(team)].org_id
                                       : d_.community_org_of(team);
      p.created_at = std::min(p.service_at + d_.between(18 * kHour, 3 * kDay), kNow - 60);
      p.confirmed_at = confirmation(p.created_at);
      p.volunteer = i;
      p.minutes = static_cast<int16_t>(d_.between(3, 24) * 10);
      p.source = kManual;
      p.content = static_cast<uint8_t>(d_.between(0, last_of(kContents)));
      p.place = static_cast<uint8_t>(d_.between(0, last_of(kPlaces)));
      add(p);
      if ((k + 1) % 100000 == 0) std::fprintf(stderr, "  %d manual records planned\n", k + 1);
    }
  }

  // Corrections of confirmed manual records: most take minutes off (never
  // below 0), some add them.
  void plan_corrections() {
    const int64_t planned = static_cast<int64_t>(plan_.size());
    std::vector<bool> corrected(plan_.size());
    for (int k = 0; k < kCorrections;) {
      const size_t j = static_cast<size_t>(d_.between(0, planned - 1));
      const Planned& o = plan_[j];
      if (o.source != kManual || o.confirmed_at == 0 || corrected[j] ||
          o.confirmed_at >= kNow - kDay)
        continue;
      corrected[j] = true;
      Planned p = o;
      p.created_at = std::min(o.confirmed_at + d_.between(kHour, 60 * kDay), kNow - 60);
      p.confirmed_at = p.created_at;
      p.source_id = o.seq;
      p.minutes = static_cast<int16_t>(d_.uniform() < 0.6 ? -d_.between(1, o.minutes / 10) * 10
                                                          : d_.between(1, 6) * 10);
      p.source = kCorrection;
      p.reason = static_cast<uint8_t>(d_.between(0, last_of(kReasons)));
      add(p);
      ++k;
    }
  }

  NewRecord record_of(const Planned& p) const {
    const DistrictVolunteer& v = d_.volunteers[static_cast<size_t>(p.volunteer)];
    NewRecord r;
    r.volunteer_id = v.id;
    r.organiser_org_id = p.organiser;
    r.organiser_name = d_.org_names.at(p.organiser);
    r.service_date = date_of(p.service_at);
    r.place = p.source == kErrand ? "" : kPlaces[p.place];
    r.content = p.source == kShift    ? kShiftTitles[p.content]
                : p.source == kErrand ? kErrandContent
                                      : kContents[p.content];
    r.minutes = p.minutes;
    r.source = kSourceNames[p.source];
    if (p.source == kShift || p.source == kErrand) r.source_id = p.source_id;
    r.state = p.confirmed_at != 0 ? "confirmed" : "submitted";
    if (p.confirmed_at != 0) {
      r.confirmed_by = staff_of(p.organiser);
      r.confirmed_at = p.confirmed_at;
    }
    if (p.source == kCorrection) {
      r.corrects_id = ids_[static_cast<size_t>(p.source_id)];
      r.reason = kReasons[p.reason];
    }
    if (p.source == kShift) {
      r.created_by = p.out_by != 0 ? p.out_by : *v.user_id;
    } else if (p.source != kErrand) {
      r.created_by = staff_of(p.organiser);
    }
    r.created_at = p.created_at;
    return r;
  }

  Status write_records() {
    std::stable_sort(plan_.begin(), plan_.end(), [](const Planned& a, const Planned& b) {
      return a.created_at < b.created_at;
    });
    ids_.assign(plan_.size(), 0);
    for (size_t k = 0; k < plan_.size(); ++k) {
      const Planned& p = plan_[k];
      Result<int64_t> id = insert_record(c_, record_of(p));
      if (!id.ok()) return id.status();
      ids_[static_cast<size_t>(p.seq)] = *id;
      if (p.source == kShift) {
        std::optional<int64_t> by;
        if (p.out_by != 0) by = p.out_by;
        if (Status s = set_checked_out(c_, p.source_id, p.out_at, by, p.minutes, *id); !s.ok())
          return s;
      }
      if ((k + 1) % 100000 == 0) std::fprintf(stderr, "  %zu records\n", k + 1);
    }
    return Status::Ok();
  }

  // Disputes of the volunteers' own confirmed records (those with an
  // account) of the last six months.
  Status seed_disputes() {
    std::vector<bool> disputed(plan_.size());
    for (int k = 0; k < kDisputes;) {
      const size_t j = static_cast<size_t>(d_.between(0, static_cast<int64_t>(plan_.size()) - 1));
      const Planned& p = plan_[j];
      const DistrictVolunteer& v = d_.volunteers[static_cast<size_t>(p.volunteer)];
      if (disputed[j] || p.source == kCorrection || p.confirmed_at == 0 || !v.user_id ||
          p.created_at < kNow - 180 * kDay || p.confirmed_at > kNow - 2 * kHour)
        continue;
      disputed[j] = true;
      Dispute dispute;
      dispute.record_id = ids_[static_cast<size_t>(p.seq)];
      dispute.volunteer_id = v.id;
      dispute.text = "时长少记了，我是提前到的";
      dispute.raised_by = *v.user_id;
      dispute.raised_at = std::min(p.confirmed_at + d_.between(kHour, 10 * kDay), kNow - kHour);
      if (Status s = insert_dispute(c_, dispute); !s.ok()) return s;
      if (d_.uniform() < 2.0 / 3) {
        dispute.answer = "已核对签到表，时长无误";
        dispute.answered_by = staff_of(p.organiser);
        dispute.answered_at = std::min(dispute.raised_at + d_.between(kHour, 3 * kDay), kNow - 30);
        if (Status s = answer_dispute_row(c_, dispute); !s.ok()) return s;
      }
      ++k;
    }
    std::fprintf(stderr, "  %zu records, %d disputes\n", plan_.size(), kDisputes);
    return Status::Ok();
  }

  store::Connection& c_;
  District& d_;
  std::vector<std::vector<int>> members_;  // per team: its members, past and present
  std::vector<Planned> plan_;
  std::vector<int64_t> ids_;  // by Planned::seq
};

}  // namespace

Status seed_ledger(store::Connection& c, District& d) { return LedgerSeeder(c, d).run(); }

}  // namespace warmcity::volunteers::bench
