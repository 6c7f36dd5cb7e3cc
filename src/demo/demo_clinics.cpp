// The demo district's free clinics (demo_clinics.h).
#include "demo/demo_clinics.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activities/places.h"
#include "core/time.h"

namespace warmcity::demo {

namespace {

constexpr int64_t kClinicDay = 86400;
constexpr const char* kConsentVersion = "clinic-health-note-v1";

// Fictional doctors: names common in Lüliang, licence numbers marked DEMO-.
struct ClinicDoctor {
  const char* department;
  const char* name;
  const char* title;
  const char* licence_number;
};
constexpr ClinicDoctor kTcm{"中医科", "贺明远", "主任医师", "DEMO-ZY-20110417"};
constexpr ClinicDoctor kDental{"口腔科", "任晓琳", "副主任医师", "DEMO-KQ-20150923"};
constexpr ClinicDoctor kEyes{"眼科", "郝静", "主治医师", "DEMO-YK-20190306"};

// Fictional callers booked on the phone (the numbers made up).
struct ClinicCaller {
  const char* name;
  const char* phone;
  const char* note;  // "" for none
};
constexpr ClinicCaller kClinicCallers[] = {
    {"冯秀珍", "13935801127", ""}, {"李满仓", "13935802264", "腰腿疼好几年了，想找中医看看"},
    {"薛玉兰", "13935803391", ""}, {"刘二虎", "13935804415", ""},
    {"贺桂香", "13935805538", ""}, {"高存喜", "13935806652", ""},
    {"任凤莲", "13935807779", ""}, {"白有福", "13935808816", ""},
};

struct ClinicSessionRow {
  const char* title = "";
  const char* description = "";
  const char* address = "";
  std::string filing_number;
  core::LocalDate date;
  int start_minute = 0;
  int slot_minutes = 0;
  int slots = 0;
  int places = 0;
  std::vector<ClinicDoctor> doctors;
  int64_t created_at = 0;
};

// One booking: the resident's account or a caller booked by weijian.
struct ClinicBooker {
  std::optional<int64_t> user_id;
  std::string name;
  std::string phone;
  std::string note;  // "" for none
};

class ClinicWriter {
 public:
  ClinicWriter(store::Connection& c, const ClinicPeople& p, int64_t now, ClinicsSummary& sum)
      : c_(c), p_(p), now_(now), sum_(sum) {}

  // The session's activity, its slots (occurrences, detached), the session
  // row and its doctors; the slots' occurrence ids in time order.
  Result<std::vector<int64_t>> add(const ClinicSessionRow& s) {
    auto a = c_.prepare(
        "INSERT INTO activities (kind, title, description, organiser_org_id, address, "
        "community_id, capacity, first_date, start_minute, duration_minutes, repeat, created_by, "
        "created_at, updated_at) VALUES ('activity', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', ?, ?, ?) "
        "RETURNING id");
    if (!a.ok()) return a.status();
    a->bind(1, s.title)
        .bind(2, s.description)
        .bind(3, p_.org)
        .bind(4, s.address)
        .bind(5, p_.community)
        .bind(6, s.places)
        .bind(7, core::format_date(s.date))
        .bind(8, s.start_minute)
        .bind(9, s.slot_minutes * s.slots)
        .bind(10, p_.weijian)
        .bind(11, s.created_at)
        .bind(12, s.created_at);
    Result<int64_t> activity = a->returning_id();
    if (!activity.ok()) return activity.status();
    std::vector<int64_t> slots;
    const int64_t first = core::local_midnight_unix(s.date) + int64_t{s.start_minute} * 60;
    for (int seq = 1; seq <= s.slots; ++seq) {
      const int64_t starts = first + int64_t{seq - 1} * s.slot_minutes * 60;
      auto o = c_.prepare(
          "INSERT INTO activity_occurrences (activity_id, seq, local_date, starts_at, ends_at, "
          "capacity, detached, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?) RETURNING id");
      if (!o.ok()) return o.status();
      o->bind(1, *activity)
          .bind(2, seq)
          .bind(3, core::format_date(s.date))
          .bind(4, starts)
          .bind(5, starts + int64_t{s.slot_minutes} * 60)
          .bind(6, s.places)
          .bind(7, s.created_at);
      Result<int64_t> id = o->returning_id();
      if (!id.ok()) return id.status();
      slots.push_back(*id);
      ++sum_.slots;
    }
    auto row = c_.prepare(
        "INSERT INTO clinic_sessions (activity_id, filing_number, slot_minutes, places_per_slot, "
        "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!row.ok()) return row.status();
    row->bind(1, *activity)
        .bind(2, s.filing_number)
        .bind(3, s.slot_minutes)
        .bind(4, s.places)
        .bind(5, p_.weijian)
        .bind(6, s.created_at)
        .bind(7, s.created_at);
    if (Status st = row->run(); !st.ok()) return st;
    int seq = 0;
    for (const ClinicDoctor& d : s.doctors) {
      auto q = c_.prepare(
          "INSERT INTO clinic_doctors (activity_id, seq, department, name, title, "
          "licence_number) VALUES (?, ?, ?, ?, ?, ?)");
      if (!q.ok()) return q.status();
      q->bind(1, *activity)
          .bind(2, ++seq)
          .bind(3, d.department)
          .bind(4, d.name)
          .bind(5, d.title)
          .bind(6, d.licence_number);
      if (Status st = q->run(); !st.ok()) return st;
    }
    ++sum_.sessions;
    return slots;
  }

  // Books `who` on the slot `days_before` its start: a place when one is
  // free (places.h), else the line; the note with its consent in the same
  // job. A slot held by now gets the attendance `mark` ("" for none).
  Status book(int64_t slot, const ClinicBooker& who, int64_t days_before, const char* mark) {
    auto t = c_.prepare("SELECT starts_at FROM activity_occurrences WHERE id = ?");
    if (!t.ok()) return t.status();
    t->bind(1, slot);
    Result<bool> found = t->step();
    if (!found.ok()) return found.status();
    if (!*found) return Status::Internal("demo: no clinic slot");
    const int64_t starts = t->column_int64(0);
    const int64_t at = std::min(starts - days_before * kClinicDay - 3 * 3600, now_ - 600);
    Result<bool> place = activities::take_place(c_, slot);
    if (!place.ok()) return place.status();
    const std::optional<int64_t> by =
        who.user_id ? std::nullopt : std::optional<int64_t>{p_.weijian};
    const bool marked = *place && *mark && starts + 600 < now_;
    const std::optional<int64_t> marked_at =
        marked ? std::optional<int64_t>{starts + 600} : std::nullopt;
    auto q = c_.prepare(
        "INSERT INTO activity_signups (occurrence_id, user_id, by_user, name, phone, status, code, "
        "attendance, attendance_at, attendance_by, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!q.ok()) return q.status();
    q->bind(1, slot)
        .bind(2, who.user_id)
        .bind(3, by)
        .bind(4, who.name)
        .bind(5, who.phone)
        .bind(6, *place ? "confirmed" : "waiting")
        .bind(7, code(slot))
        .bind(8, marked ? mark : "")
        .bind(9, marked_at)
        .bind(10, marked ? std::optional<int64_t>{p_.weijian} : std::nullopt)
        .bind(11, at)
        .bind(12, marked_at.value_or(at));
    Result<int64_t> id = q->returning_id();
    if (!id.ok()) return id.status();
    if (Status s = activities::add_signup_event(c_, *id, *place ? "joined" : "waitlisted", at, by);
        !s.ok()) {
      return s;
    }
    if (marked) {
      if (Status s = activities::add_signup_event(c_, *id, mark, *marked_at, p_.weijian); !s.ok())
        return s;
      if (std::string_view(mark) == "attended") ++sum_.attended;
    }
    if (!who.note.empty()) {
      auto n = c_.prepare(
          "INSERT INTO clinic_health_notes (signup_id, note, consent_at, consent_recorded_by, "
          "consent_version) VALUES (?, ?, ?, ?, ?)");
      if (!n.ok()) return n.status();
      n->bind(1, *id)
          .bind(2, who.note)
          .bind(3, at)
          .bind(4, who.user_id.value_or(p_.weijian))
          .bind(5, kConsentVersion);
      if (Status s = n->run(); !s.ok()) return s;
      ++sum_.notes;
    }
    ++sum_.bookings;
    return Status::Ok();
  }

  ClinicBooker resident(const char* note) const {
    return {p_.resident, p_.resident_name, p_.resident_phone, note};
  }
  static ClinicBooker caller(int i, bool with_note = true) {
    const ClinicCaller& k = kClinicCallers[i % std::size(kClinicCallers)];
    return {std::nullopt, k.name, k.phone, with_note ? k.note : ""};
  }

 private:
  // Six digits, different for each booking of the demo.
  std::string code(int64_t slot) {
    return std::to_string(100000 + (slot * 7907 + ++codes_ * 104723) % 900000);
  }

  store::Connection& c_;
  const ClinicPeople& p_;
  int64_t now_;
  ClinicsSummary& sum_;
  int64_t codes_ = 0;
};

core::LocalDate clinic_day(core::LocalDate d, int64_t days) {
  return core::civil_from_days(core::days_from_civil(d) + days);
}

constexpr const char* kClinicDescription =
    "区卫生健康局组织区人民医院、区中医院的医生到社区义诊：量血压、测血糖，解答用药问题。"
    "义诊不收费，不卖药，不推销任何产品。请带医保卡、近期的检查单和正在吃的药；"
    "每个时段人数有限，请按预约的时间来。";

}  // namespace

Result<ClinicsSummary> create_clinics(store::Database& db, const ClinicPeople& people,
                                      int64_t now) {
  const core::LocalDate today = core::local_date_of(now);
  // Earlier this month: three days ago, or the month's first day (on the
  // 1st that is today, and only the slots already begun have attendance).
  const core::LocalDate month_start{today.year, today.month, 1};
  const core::LocalDate held_on = std::max(clinic_day(today, -3), month_start);
  ClinicsSummary sum;
  Status st = db.write([&](store::Connection& c) -> Status {
    ClinicWriter w(c, people, now, sum);

    // Held: 中医 and 眼科, four slots of 30 minutes, six places each.
    ClinicSessionRow held;
    held.title = "社区义诊：中医、眼科";
    held.description = kClinicDescription;
    held.address = "离石区凤山街道西关社区居委会一楼大厅";
    held.filing_number = "离卫义诊备〔" + std::to_string(held_on.year) + "〕第11号";
    held.date = held_on;
    held.start_minute = 8 * 60 + 30;
    held.slot_minutes = 30;
    held.slots = 4;
    held.places = 6;
    held.doctors = {kTcm, kEyes};
    held.created_at = std::min(core::local_midnight_unix(held_on) - 10 * kClinicDay, now - 3600);
    auto past = w.add(held);
    if (!past.ok()) return past.status();
    int turn = 0;
    for (size_t i = 0; i < past->size(); ++i) {
      const int n = 3 + static_cast<int>(i % 2);
      for (int k = 0; k < n; ++k) {
        const char* mark = (i == 1 && k == n - 1) ? "no_show" : "attended";
        if (Status s = w.book((*past)[i], ClinicWriter::caller(turn++, false), 2 + k % 3, mark);
            !s.ok()) {
          return s;
        }
      }
    }

    // Ahead, in five days: three doctors, eight slots of 30 minutes, six
    // places each; 张桂兰 with her note, callers booked on the phone.
    ClinicSessionRow ahead;
    ahead.title = "社区义诊：中医、口腔、眼科";
    ahead.description = kClinicDescription;
    ahead.address = "离石区凤山街道西关社区卫生服务站门前广场";
    const core::LocalDate ahead_on = clinic_day(today, 5);
    ahead.filing_number = "离卫义诊备〔" + std::to_string(ahead_on.year) + "〕第12号";
    ahead.date = ahead_on;
    ahead.start_minute = 8 * 60 + 30;
    ahead.slot_minutes = 30;
    ahead.slots = 8;
    ahead.places = 6;
    ahead.doctors = {kTcm, kDental, kEyes};
    ahead.created_at = now - 4 * kClinicDay;
    auto next = w.add(ahead);
    if (!next.ok()) return next.status();
    if (Status s = w.book((*next)[1], w.resident("高血压十年，想问降压药"), 3, ""); !s.ok())
      return s;
    const int per_slot[] = {3, 2, 2, 1};
    turn = 0;
    for (int i = 0; i < static_cast<int>(std::size(per_slot)); ++i) {
      for (int k = 0; k < per_slot[i]; ++k) {
        if (Status s = w.book((*next)[static_cast<size_t>(i)], ClinicWriter::caller(turn++), 2, "");
            !s.ok()) {
          return s;
        }
      }
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return sum;
}

}  // namespace warmcity::demo
