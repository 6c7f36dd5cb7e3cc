// The volunteers' routes at a city district's scale — 20,000 volunteers,
// 400 teams, 2,000 shifts, 500,000 ledger records over 24 months, 20,000
// certificates (world.h) — timed as the routes run them:
//   a volunteer's own pages: VolunteerService::mine (GET /me/volunteer),
//     RecordService::my_records (…/records: the records and the confirmed
//     total), ShiftService::mine (…/signups), CertificateService::mine
//     (…/certificates), each on this thread's reader as the route calls it;
//   a leader's and an organiser's lists: records_of_organiser (what
//     RecordService::organiser_records runs in its audited job; also the
//     whole audited call once) and team_volunteers (the team's roster);
//   the dashboard: month_counts (GET /volunteer-counts);
//   the public verification: CertificateService::verify;
//   writes, each its own write job and commit: a shift's check-out by the
//     leader's list (ShiftService::check_out: the ledger record it writes),
//     and a record inserted and confirmed through the store.
//
// Every iteration is timed alone (wall clock and the thread's CPU time);
// the counters give the percentiles against the target:
//   p50_us, p99_us   wall clock      cpu_p99_us   the thread's CPU time
//   target_us        the target      rows         rows per answer, average
// On a shared machine the wall-clock tail is the neighbours' as much as
// ours: cpu_p99_us is what the query itself costs (for a write job, the
// caller's CPU is its waiting: there the wall clock is the measure).
//
// Run: build/bench/volunteers/volunteers_bench [--benchmark_filter=Me]
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "core/time.h"
#include "timed_query.h"
#include "volunteers/certificate_number.h"
#include "volunteers/counts_store.h"
#include "volunteers/ledger_write.h"
#include "volunteers/record_store.h"
#include "volunteers/volunteer_store.h"
#include "world.h"
#include "write_setup.h"

namespace warmcity::volunteers::bench {
namespace {

World g_world;

// A person waits on it; the public verification; the dashboard.
constexpr double kPageTargetUs = 10000, kVerifyTargetUs = 1000, kCountsTargetUs = 50000;

using warmcity::bench::timed;

// Calls `start` with a callback and waits for its answer (on this thread
// when the service answers at once, else on the writer's answerer).
template <class T, class Start>
Result<T> wait_for(Start start) {
  auto p = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> f = p->get_future();
  start([p](Result<T> r) { p->set_value(std::move(r)); });
  return f.get();
}

// Who is asked about at iteration i: spread so that consecutive
// iterations ask about different people and teams.
template <class T>
const T& spread(const std::vector<T>& v, int64_t i) {
  return v[static_cast<size_t>((i * 7919) % static_cast<int64_t>(v.size()))];
}
Caller volunteer_at(const std::vector<int64_t>& users, int64_t i) {
  return Caller{spread(users, i), "resident", {}, "127.0.0.1"};
}
Caller leader_of(const Staffed& team) {
  return Caller{team.user_id, "volunteer", {team.org_id}, "127.0.0.1"};
}

// --- A volunteer's own pages (target p99 ≤ 10 ms) ---------------------------

void BM_MeVolunteer(benchmark::State& state) {
  timed(state, kPageTargetUs, [](int64_t i) -> Result<size_t> {
    Result<VolunteerView> v = g_world.volunteers->mine(volunteer_at(g_world.volunteer_users, i));
    if (!v.ok()) return v.status();
    return size_t{1};
  });
}

// Their records, newest first, and the confirmed total: every volunteer in
// turn, or the 100 busiest (790–940 records each); the whole ledger or the
// last year (?from=).
void BM_MeRecords(benchmark::State& state, bool busiest, bool last_year) {
  const std::vector<int64_t>& users = busiest ? g_world.busiest_users : g_world.volunteer_users;
  Period period;
  if (last_year) period.from = core::format_date(core::local_date_of(kNow - 365 * 86400));
  timed(state, kPageTargetUs, [&](int64_t i) -> Result<size_t> {
    Result<VolunteerRecords> r = wait_for<VolunteerRecords>(
        [&](auto done) { g_world.records->my_records(period, volunteer_at(users, i), done); });
    if (!r.ok()) return r.status();
    return r->items.size();
  });
}

void BM_MeSignups(benchmark::State& state) {
  timed(state, kPageTargetUs, [](int64_t i) -> Result<size_t> {
    Result<std::vector<MySignup>> r =
        g_world.shifts->mine(volunteer_at(g_world.volunteer_users, i));
    if (!r.ok()) return r.status();
    return r->size();
  });
}

void BM_MeCertificates(benchmark::State& state) {
  timed(state, kPageTargetUs, [](int64_t i) -> Result<size_t> {
    Result<std::vector<Certificate>> r = wait_for<std::vector<Certificate>>([&](auto done) {
      g_world.certificates->mine(volunteer_at(g_world.volunteer_users, i), done);
    });
    if (!r.ok()) return r.status();
    return r->size();
  });
}

// --- A leader's and an organiser's lists (target p99 ≤ 10 ms) ---------------

// records_of_organiser for a team (its leader's list) or a community
// organisation (its worker's), the records to confirm or all.
void BM_OrganiserRecords(benchmark::State& state, bool team, const char* records_state) {
  const std::vector<Staffed>& orgs = team ? g_world.teams : g_world.communities;
  timed(state, kPageTargetUs, [&](int64_t i) -> Result<size_t> {
    Result<std::vector<Record>> r =
        records_of_organiser(g_world.db->reader(), spread(orgs, i).org_id, records_state);
    if (!r.ok()) return r.status();
    return r->size();
  });
}

// The whole route's wait: RecordService::organiser_records by the team's
// leader, its staff check, list and audit entry in one durable write job.
void BM_OrganiserRecordsAudited(benchmark::State& state) {
  timed(state, kPageTargetUs, [](int64_t i) -> Result<size_t> {
    const Staffed& team = spread(g_world.teams, i);
    Result<std::vector<Record>> r = wait_for<std::vector<Record>>([&](auto done) {
      g_world.records->organiser_records(team.org_id, "submitted", leader_of(team), done);
    });
    if (!r.ok()) return r.status();
    return r->size();
  });
}

void BM_TeamRoster(benchmark::State& state) {  // the team's current members
  timed(state, kPageTargetUs, [](int64_t i) -> Result<size_t> {
    TeamVolunteerQuery q;
    q.team_id = spread(g_world.teams, i).org_id;
    Result<std::vector<VolunteerRow>> r = team_volunteers(g_world.db->reader(), q);
    if (!r.ok()) return r.status();
    return r->size();
  });
}

// --- The dashboard's counts (target p99 ≤ 50 ms) ----------------------------

// This month (kNow's, 29 days in), or one of the 23 before it in turn.
void BM_Counts(benchmark::State& state, bool this_month) {
  timed(state, kCountsTargetUs, [this_month](int64_t i) -> Result<size_t> {
    core::LocalDate first = core::local_date_of(kNow);
    first.day = 1;
    if (!this_month) {
      const int back = 1 + static_cast<int>(i % 23);
      const int months = first.year * 12 + (first.month - 1) - back;
      first = core::LocalDate{months / 12, months % 12 + 1, 1};
    }
    Result<MonthCounts> r = month_counts(g_world.db->reader(), first);
    if (!r.ok()) return r.status();
    return r->teams.size() + r->communities.size();
  });
}

// --- The public verification (target p99 ≤ 1 ms) ---------------------------

void BM_Verify(benchmark::State& state) {  // every certificate in turn, superseded too
  timed(state, kVerifyTargetUs, [](int64_t i) -> Result<size_t> {
    Result<std::optional<Certificate>> r = g_world.certificates->verify(spread(g_world.numbers, i));
    if (!r.ok()) return r.status();
    return *r ? size_t{1} : size_t{0};
  });
}

void BM_VerifyUnknown(benchmark::State& state) {  // well-formed numbers nobody holds
  std::vector<std::string> unknown;
  for (int k = 0; k < 1000; ++k) unknown.push_back(new_certificate_number(2026));
  timed(state, kVerifyTargetUs, [&](int64_t i) -> Result<size_t> {
    Result<std::optional<Certificate>> r = g_world.certificates->verify(spread(unknown, i));
    if (!r.ok()) return r.status();
    return *r ? size_t{1} : size_t{0};
  });
}

// --- Writes, each its own job and durable commit (target p99 ≤ 10 ms) -------

// A check-out by the leader's list: the sign-up, shift, activity and
// organiser read, the ledger record written, the sign-up stamped, as the
// route's job does. The sign-ups were made and checked in first, untimed.
void BM_WriteCheckOut(benchmark::State& state) {
  const Staffed& team = g_world.teams.front();
  Result<std::vector<int64_t>> signups =
      checked_in_signups(*g_world.db, team, static_cast<int>(state.max_iterations));
  if (!signups.ok()) return state.SkipWithError(signups.status().message().c_str());
  timed(state, kPageTargetUs, [&](int64_t i) -> Result<size_t> {
    Result<SignupRow> r = wait_for<SignupRow>([&](auto done) {
      g_world.shifts->check_out((*signups)[static_cast<size_t>(i)], Attendance{}, leader_of(team),
                                done);
    });
    if (!r.ok()) return r.status();
    return size_t{1};
  });
}

// insert_record (a manual record, submitted) and confirm_record in one job.
void BM_WriteRecord(benchmark::State& state) {
  const Staffed& team = g_world.teams.back();
  Result<std::vector<int64_t>> people = active_volunteers(*g_world.db, 2000);
  Result<std::string> name = organisation_name(g_world.db->reader(), team.org_id);
  if (!people.ok() || !name.ok()) return state.SkipWithError("cannot read the volunteers");
  timed(state, kPageTargetUs, [&](int64_t i) -> Result<size_t> {
    NewRecord r;
    r.volunteer_id = spread(*people, i);
    r.organiser_org_id = team.org_id;
    r.organiser_name = *name;
    r.service_date = core::format_date(core::local_date_of(kNow));
    r.place = "社区服务站";
    r.content = "楼道卫生巡查";
    r.minutes = 90;
    r.source = "manual";
    r.state = "submitted";
    r.created_by = team.user_id;
    r.created_at = kNow;
    const Status s = g_world.db->write([&](store::Connection& c) -> Status {
      Result<int64_t> id = insert_record(c, r);
      if (!id.ok()) return id.status();
      return confirm_record(c, *id, team.user_id, kNow);
    });
    if (!s.ok()) return s;
    return size_t{1};
  });
}

constexpr int kQuick = 2000, kCounts = 200, kWrites = 1000;
#define VOLUNTEERS_TIMED(b, n) b->Iterations(n)->Unit(benchmark::kMicrosecond)
#define VOLUNTEERS_BENCH(fn, n) VOLUNTEERS_TIMED(BENCHMARK(fn), n)
#define VOLUNTEERS_CASE(fn, name, n, ...) \
  VOLUNTEERS_TIMED(BENCHMARK_CAPTURE(fn, name, __VA_ARGS__), n)
VOLUNTEERS_BENCH(BM_MeVolunteer, kQuick);
VOLUNTEERS_CASE(BM_MeRecords, every_volunteer, kQuick, false, false);
VOLUNTEERS_CASE(BM_MeRecords, busiest, kQuick, true, false);
VOLUNTEERS_CASE(BM_MeRecords, busiest_last_year, kQuick, true, true);
VOLUNTEERS_BENCH(BM_MeSignups, kQuick);
VOLUNTEERS_BENCH(BM_MeCertificates, kQuick);
VOLUNTEERS_CASE(BM_OrganiserRecords, team_submitted, kQuick, true, "submitted");
VOLUNTEERS_CASE(BM_OrganiserRecords, team_all, kQuick, true, "");
VOLUNTEERS_CASE(BM_OrganiserRecords, community_submitted, kQuick, false, "submitted");
VOLUNTEERS_CASE(BM_OrganiserRecords, community_all, kQuick, false, "");
VOLUNTEERS_BENCH(BM_OrganiserRecordsAudited, kWrites);
VOLUNTEERS_BENCH(BM_TeamRoster, kQuick);
VOLUNTEERS_CASE(BM_Counts, this_month, kCounts, true);
VOLUNTEERS_CASE(BM_Counts, past_month, kCounts, false);
VOLUNTEERS_BENCH(BM_Verify, kQuick);
VOLUNTEERS_BENCH(BM_VerifyUnknown, kQuick);
VOLUNTEERS_BENCH(BM_WriteCheckOut, kWrites);
VOLUNTEERS_BENCH(BM_WriteRecord, kWrites);

}  // namespace
}  // namespace warmcity::volunteers::bench

int main(int argc, char** argv) {
  return warmcity::bench::run_benchmarks(argc, argv, warmcity::volunteers::bench::g_world);
}
