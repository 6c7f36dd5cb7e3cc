// Job search over 100,000 published posts (issue #18 "Tests and figures":
// p99 ≤ 20 ms), on a scratch database with every migration the jobs module
// needs, seeded once: posts written through insert_post (so the grams are
// the real ones) and approved with change_post_status; titles, employers,
// places in 离石区's communities, duties and conditions of 30–120 characters
// built from word lists; pay, area and publish day (over 90 days) varied,
// valid_until mostly ahead (one in ten expired).
//
// Timed as the route runs it: jobs::public_posts (what GET /api/v1/jobs
// calls for its page) on the reader connection, limit 20, without the JSON.
// Each case runs many times; p50 and p99 are computed from the single
// timings (counters p50_ms, p99_ms), not from Google Benchmark's mean.
//
// Run: build/bench/jobs/job_search_bench  (SQLite in a temporary directory)
//      WARMCITY_BENCH_PG=postgresql://…/emptydb build/bench/jobs/job_search_bench
//      WARMCITY_BENCH_POSTS=N: another number of posts (default 100000)
//      WARMCITY_BENCH_DB=/path/jobs.db: a SQLite file kept (and reused) between runs
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "areas/areas.h"
#include "core/time.h"
#include "jobs/job_store.h"
#include "jobs/jobs.h"
#include "jobs/post_status.h"

namespace warmcity::jobs::bench {
namespace {

const core::LocalDate kToday{2026, 12, 5};

struct World {
  std::string dir;
  std::unique_ptr<store::Database> db;
  std::vector<int64_t> subdistricts;
  int posts = 0;
};

World g_world;

// Posts per write job: each job is a savepoint, and SQLite ends every
// statement inside one with a walk over the pages it touched, so a job of
// 1,000 posts crawls (~100 posts/s) where small ones do not.
constexpr int kPostsPerWrite = 25;

const std::vector<std::string> kTitles = {
    "保洁员",     "司机",       "厨师",     "保安",       "收银员",     "护理员",
    "快递员",     "电工",       "焊工",     "厨房帮工",   "仓库管理员", "客服",
    "绿化工",     "水电维修工", "面点师",   "送餐员",     "理货员",     "养老护理员",
    "家政服务员", "会计",       "叉车司机", "货车司机",   "门卫",       "洗碗工",
    "服务员",     "导购员",     "保育员",   "物业管理员", "装卸工",     "木工"};
const std::vector<std::string> kEmployerHeads = {
    "吕梁宏达", "离石恒盛", "山西晋通", "吕梁鑫源", "离石康宁", "吕梁安泰", "山西汾河", "吕梁德顺",
    "离石永兴", "吕梁华美", "吕梁众诚", "离石嘉禾", "吕梁福瑞", "山西龙腾", "离石百川"};
const std::vector<std::string> kEmployerTails = {
    "物业有限公司", "餐饮管理有限公司", "物流有限公司", "建筑工程有限公司", "超市有限公司",
    "养老服务中心", "家政服务有限公司", "运输有限公司", "酒店管理有限公司", "保安服务有限公司"};
const std::vector<std::string> kCommunities = {
    "滨河北路社区", "龙凤南街社区", "永宁中路社区", "凤山路社区", "莲花池社区", "城北社区",
    "交通路社区",   "北川河社区",   "吕梁大道社区", "田家会社区", "西关社区",   "东关社区"};
const std::vector<std::string> kStreets = {"滨河北路", "龙凤南街",   "永宁中路", "凤山路",
                                           "交通路",   "北川河东路", "吕梁大道", "安国寺路"};
const std::vector<std::string> kDuties = {"负责小区公共区域的日常清扫和垃圾分类收运",
                                          "按公司安排驾驶车辆接送员工，保持车辆整洁",
                                          "负责食堂中餐和晚餐的烹饪，保证饭菜卫生可口",
                                          "负责门岗值守、来访登记和夜间巡逻",
                                          "负责收银、理货和顾客咨询，月底盘点",
                                          "照护失能老人的起居饮食，协助康复训练",
                                          "负责片区包裹的派送和揽收，按时完成签收",
                                          "负责楼宇配电设备的日常巡检和故障维修",
                                          "负责钢结构件的焊接，按图纸施工",
                                          "协助厨师备菜、切配，清洗餐具和厨房卫生",
                                          "负责仓库货物的出入库登记、码放和盘点",
                                          "接听客户来电，解答咨询并记录回访",
                                          "负责夜班值守，处理突发情况并做好交接",
                                          "负责绿化带的浇水、修剪和病虫害防治",
                                          "负责早餐面点的制作，包子馒头花卷等"};
const std::vector<std::string> kConditions = {"身体健康，能吃苦耐劳，有相关工作经验者优先",
                                              "持有效驾驶证，驾龄三年以上，无不良驾驶记录",
                                              "持健康证，有团餐或食堂工作经验者优先",
                                              "责任心强，服从管理，能适应倒班",
                                              "会使用电脑和收银系统，为人诚实",
                                              "持养老护理员证书者优先，有耐心和爱心",
                                              "有电动车，熟悉离石城区道路",
                                              "持特种作业操作证（电工），两年以上经验",
                                              "持焊工证，能看懂图纸",
                                              "吃苦耐劳，服从安排，包吃住",
                                              "初中以上文化，会基本电脑操作",
                                              "普通话标准，沟通能力强，能接受夜班"};
const std::vector<std::string> kExtras = {"缴纳五险，节假日有福利。",
                                          "提供工作餐，月休四天。",
                                          "试用期一个月，转正后加薪。",
                                          "提供住宿，年底有奖金。",
                                          "按时足额发放工资，不拖欠。",
                                          "表现优秀者可晋升班组长。",
                                          ""};
const std::vector<std::string> kHours = {"8:00-17:00，月休 4 天", "两班倒，做一休一", "7:00-15:00",
                                         "夜班 20:00-8:00", "9:00-18:00，双休"};

std::string date_after(int days) {
  return core::format_date(core::civil_from_days(core::days_from_civil(kToday) + days));
}

template <class T>
const T& pick(const std::vector<T>& v, std::mt19937& rng) {
  return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

Status seed_places(store::Connection& c, std::vector<int64_t>& employers,
                   std::vector<int64_t>& communities, std::vector<int64_t>& subdistricts) {
  Status s = c.exec(
      "INSERT INTO organisations (id, kind, name, created_at) VALUES "
      "(1001, 'department', '区人社局', 0), (1002, 'department', '区总工会', 0);"
      "INSERT INTO job_publishers (organisation_id, added_at, added_by) VALUES "
      "(1001, 0, 1), (1002, 0, 1)");
  if (!s.ok()) return s;
  const char* subs[3] = {"滨河街道", "凤山街道", "莲花池街道"};
  for (int k = 0; k < 3; ++k) {
    auto q = c.prepare(
        "INSERT INTO areas (level, parent_id, name, boundary, created_at, updated_at) "
        "VALUES ('subdistrict', NULL, ?, '{}', 0, 0) RETURNING id");
    if (!q.ok()) return q.status();
    q->bind(1, subs[k]);
    Result<int64_t> id = q->returning_id();
    if (!id.ok()) return id.status();
    subdistricts.push_back(*id);
  }
  for (size_t k = 0; k < kCommunities.size(); ++k) {
    auto q = c.prepare(
        "INSERT INTO areas (level, parent_id, name, boundary, created_at, updated_at) "
        "VALUES ('community', ?, ?, '{}', 0, 0) RETURNING id");
    if (!q.ok()) return q.status();
    q->bind(1, subdistricts[k % 3]).bind(2, kCommunities[k]);
    Result<int64_t> id = q->returning_id();
    if (!id.ok()) return id.status();
    communities.push_back(*id);
  }
  int n = 0;
  for (const std::string& head : kEmployerHeads) {
    for (const std::string& tail : kEmployerTails) {
      std::string code = std::to_string(1000000 + n++).substr(1);
      code = "91141100MA0K" + code;
      auto q = c.prepare(
          "INSERT INTO job_employers (name, credit_code, address, verified_by_org, "
          "verified_by, verified_at) VALUES (?, ?, '离石区', 1001, 1, 0) RETURNING id");
      if (!q.ok()) return q.status();
      q->bind(1, head + tail).bind(2, code);
      Result<int64_t> id = q->returning_id();
      if (!id.ok()) return id.status();
      employers.push_back(*id);
    }
  }
  return Status::Ok();
}

// Posts [from, to) with their own random stream (same texts on both engines).
Status seed_posts(store::Connection& c, int from, int to, const std::vector<int64_t>& employers,
                  const std::vector<int64_t>& communities) {
  const int64_t today_start = core::days_from_civil(kToday) * 86400 - 8 * 3600;
  for (int i = from; i < to; ++i) {
    std::mt19937 rng(static_cast<uint32_t>(i) * 2654435761u + 17);
    NewPost p;
    PostFields& f = p.fields;
    f.employer_id = pick(employers, rng);
    f.title = pick(kTitles, rng);
    if (rng() % 4 == 0) f.title += rng() % 2 ? "（长期）" : "（急招）";
    f.headcount = 1 + static_cast<int64_t>(rng() % 10);
    f.duties = pick(kDuties, rng) + "，" + pick(kExtras, rng);
    if (rng() % 2) f.duties += pick(kDuties, rng) + "。";
    f.conditions = pick(kConditions, rng) + "。" + pick(kExtras, rng);
    const size_t community = rng() % communities.size();
    f.place = kCommunities[community] + " " + pick(kStreets, rng) + " " +
              std::to_string(1 + rng() % 200) + " 号";
    if (rng() % 10 != 0) f.area_id = communities[community];
    f.pay_min_fen = 180000 + static_cast<int64_t>(rng() % 40) * 5000;
    f.pay_max_fen = f.pay_min_fen + static_cast<int64_t>(rng() % 30) * 5000;
    f.hours = pick(kHours, rng);
    f.contact_name = "王经理";
    f.contact_phone = "0358-8221234";
    const int published_days_ago = static_cast<int>(rng() % 90);
    const bool expired = rng() % 10 == 0;
    f.valid_until =
        date_after(expired ? -1 - static_cast<int>(rng() % 20) : static_cast<int>(rng() % 90));
    p.publisher_org_id = 1001 + static_cast<int64_t>(rng() % 2);
    p.created_by = 1;
    const int64_t at =
        today_start - published_days_ago * 86400 + static_cast<int64_t>(rng() % 36000);
    p.at = at - 3600;
    Result<int64_t> id = insert_post(c, p);
    if (!id.ok()) return id.status();
    Status s = change_post_status(c, {*id, "published", "approved", 2, at, ""});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

bool open_world() {
  if (g_world.db) return true;
  const char* pg = std::getenv("WARMCITY_BENCH_PG");
  const char* n = std::getenv("WARMCITY_BENCH_POSTS");
  g_world.posts = n && *n ? std::atoi(n) : 100000;
  const char* keep = std::getenv("WARMCITY_BENCH_DB");
  std::string where;
  if (pg && *pg) {
    where = pg;
  } else if (keep && *keep) {
    where = keep;
  } else {
    std::string pattern = std::filesystem::temp_directory_path().string() + "/job_search_XXXXXX";
    if (!::mkdtemp(pattern.data())) return false;
    g_world.dir = pattern;
    where = pattern + "/jobs.db";
  }
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : job_migrations()) all.push_back(std::move(m));
  auto db = store::Database::open({where}, all);
  if (!db.ok()) {
    std::fprintf(stderr, "open: %s\n", db.status().message().c_str());
    return false;
  }
  g_world.db = std::move(*db);
  // A database seeded before (WARMCITY_BENCH_DB, WARMCITY_BENCH_PG) is used as it is.
  auto seeded =
      g_world.db->reader().prepare("SELECT id FROM areas WHERE level = 'subdistrict' ORDER BY id");
  if (seeded.ok()) {
    auto ids =
        store::collect<int64_t>(*seeded, [](store::Statement& q) { return q.column_int64(0); });
    if (ids.ok() && !ids->empty()) {
      g_world.subdistricts = *ids;
      std::fprintf(stderr, "using the posts already in %s\n", g_world.db->describe().c_str());
      return true;
    }
  }
  std::vector<int64_t> employers, communities;
  // SQLite: the writer's page cache (2 MB by default) holds too few of the
  // gram index's pages for a bulk load and spills on every insert; the load
  // gets 256 MB (the writer's connection only: the timed reads keep theirs).
  const bool on_pg = pg && *pg;
  Status s = g_world.db->write([&](store::Connection& c) {
    if (!on_pg) {
      if (Status st = c.exec("PRAGMA cache_size = -262144"); !st.ok()) return st;
    }
    return seed_places(c, employers, communities, g_world.subdistricts);
  });
  const auto t0 = std::chrono::steady_clock::now();
  for (int from = 0; s.ok() && from < g_world.posts; from += kPostsPerWrite) {
    const int to = std::min(g_world.posts, from + kPostsPerWrite);
    s = g_world.db->write(
        [&](store::Connection& c) { return seed_posts(c, from, to, employers, communities); });
  }
  // PostgreSQL's autovacuum would analyze the tables after such a load; the
  // server never runs ANALYZE on SQLite, so neither does the bench.
  if (s.ok() && pg && *pg)
    s = g_world.db->write([](store::Connection& c) { return c.exec("ANALYZE"); });
  if (!s.ok()) {
    std::fprintf(stderr, "seed: %s\n", s.message().c_str());
    return false;
  }
  std::fprintf(stderr, "seeded %d posts on %s in %.0f s\n", g_world.posts,
               g_world.db->describe().c_str(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return true;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

// The cursor `pages` pages of 20 deep into the query's answer.
std::optional<PostKey> cursor_at(PublicQuery q, int pages) {
  std::optional<PostKey> after;
  for (int k = 0; k < pages; ++k) {
    q.after = after;
    Result<std::vector<PostRecord>> r = public_posts(g_world.db->reader(), q);
    if (!r.ok() || static_cast<int>(r->size()) <= q.limit) return after;
    const PostRecord& last = (*r)[static_cast<size_t>(q.limit - 1)];
    after = PostKey{last.published_at.value_or(0), last.id};
  }
  return after;
}

void run_case(benchmark::State& state, PublicQuery q, int deep_pages = 0) {
  if (!open_world()) return state.SkipWithError("no world");
  q.today = core::format_date(kToday);
  if (deep_pages > 0) q.after = cursor_at(q, deep_pages);
  std::vector<double> ms;
  size_t found = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    Result<std::vector<PostRecord>> r = public_posts(g_world.db->reader(), q);
    const auto t1 = std::chrono::steady_clock::now();
    if (!r.ok()) return state.SkipWithError(r.status().message().c_str());
    found = r->size();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  state.counters["p50_ms"] = percentile(ms, 0.50);
  state.counters["p99_ms"] = percentile(ms, 0.99);
  state.counters["max_ms"] = percentile(ms, 1.0);
  state.counters["rows"] = static_cast<double>(found);
}

PublicQuery with_q(const char* q) {
  PublicQuery p;
  p.q = q;
  return p;
}

constexpr int kRuns = 200;

void BM_NoQuery(benchmark::State& s) { run_case(s, {}); }
void BM_Q1Char_Chu(benchmark::State& s) { run_case(s, with_q("厨")); }
void BM_Q1Char_Yuan(benchmark::State& s) { run_case(s, with_q("员")); }
void BM_Q2Chars_Baojie(benchmark::State& s) { run_case(s, with_q("保洁")); }
void BM_Q2Chars_Siji(benchmark::State& s) { run_case(s, with_q("司机")); }
void BM_Q3Chars_Baojieyuan(benchmark::State& s) { run_case(s, with_q("保洁员")); }
void BM_QTwoTerms_SijiYeban(benchmark::State& s) { run_case(s, with_q("司机 夜班")); }
void BM_QNothing(benchmark::State& s) { run_case(s, with_q("潜水员")); }
void BM_QRareAndCommon(benchmark::State& s) { run_case(s, with_q("员 焊工证")); }
void BM_AreaFilter(benchmark::State& s) {
  PublicQuery q;
  q.area_id = g_world.subdistricts.empty() ? 1 : g_world.subdistricts[1];
  run_case(s, q);
}
void BM_PayFilter(benchmark::State& s) {
  PublicQuery q;
  q.pay_min_fen = 450000;  // the top few percent
  run_case(s, q);
}
void BM_DeepPage50_NoQuery(benchmark::State& s) { run_case(s, {}, 50); }
void BM_DeepPage50_Siji(benchmark::State& s) { run_case(s, with_q("司机"), 50); }
void BM_DeepPage20_Baojieyuan(benchmark::State& s) { run_case(s, with_q("保洁员"), 20); }

#define JOB_CASE(f) BENCHMARK(f)->Unit(benchmark::kMillisecond)->Iterations(kRuns)->UseRealTime()
JOB_CASE(BM_NoQuery);
JOB_CASE(BM_Q1Char_Chu);
JOB_CASE(BM_Q1Char_Yuan);
JOB_CASE(BM_Q2Chars_Baojie);
JOB_CASE(BM_Q2Chars_Siji);
JOB_CASE(BM_Q3Chars_Baojieyuan);
JOB_CASE(BM_QTwoTerms_SijiYeban);
JOB_CASE(BM_QNothing);
JOB_CASE(BM_QRareAndCommon);
JOB_CASE(BM_AreaFilter);
JOB_CASE(BM_PayFilter);
JOB_CASE(BM_DeepPage50_NoQuery);
JOB_CASE(BM_DeepPage50_Siji);
JOB_CASE(BM_DeepPage20_Baojieyuan);

}  // namespace
}  // namespace warmcity::jobs::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  if (warmcity::jobs::bench::g_world.db) warmcity::jobs::bench::g_world.db->stop();
  if (!warmcity::jobs::bench::g_world.dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(warmcity::jobs::bench::g_world.dir, ec);
  }
  benchmark::Shutdown();
  return 0;
}
