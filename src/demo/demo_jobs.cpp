// The demo district's job posts (demo_jobs.h).
#include "demo/demo_jobs.h"

#include <vector>

#include "core/time.h"
#include "jobs/complaint_store.h"
#include "jobs/employer_store.h"
#include "jobs/job.h"
#include "jobs/job_store.h"
#include "jobs/post_status.h"
#include "jobs/publisher_store.h"

namespace warmcity::demo {

namespace {

struct DemoEmployer {
  const char* name;
  const char* credit_code;  // valid GB 32100 check characters
  const char* address;
};
constexpr DemoEmployer kEmployers[] = {
    {"吕梁洁美物业服务有限公司", "91141102MA0K2B3C46", "离石区滨河北路 18 号"},
    {"离石区顺达运输有限公司", "91141102MA0H1P2Q3K", "离石区龙凤北大街 126 号"},
    {"吕梁惠民超市有限公司", "91141102MA0L3T5R2F", "离石区永宁中路 55 号"},
    {"离石区康乐养老服务中心", "52141102MJY4026N82", "离石区后瓦村康乐路 3 号"},
};

enum class Fate { kPublished, kExpired, kPending };

struct DemoPost {
  int employer;  // index into kEmployers
  const char* title;
  int headcount;
  const char* conditions;
  const char* duties;
  const char* place;
  const char* area_code;
  int pay_min_yuan;
  int pay_max_yuan;
  const char* hours;
  const char* contact_name;
  const char* contact_phone;
  int days_ago;    // created (and approved an hour later)
  int valid_days;  // valid until today + this (negative: expired)
  bool by_renshe;  // written by 区人社局's user (else 区总工会's)
  Fate fate;
};
constexpr DemoPost kPosts[] = {
    {0, "保洁员", 4, "身体健康，能吃苦耐劳，50 岁以下", "小区楼道、电梯及公共区域日常保洁",
     "生态园小区", "BH-STY", 2200, 2800, "7:00-16:00，月休 4 天", "王经理", "0358-8221234", 1, 30,
     true, Fate::kPublished},
    {3, "保洁员（养老中心）", 2, "有耐心，爱干净", "养老中心房间和食堂保洁", "后瓦康乐路 3 号",
     "FS-HW", 2300, 2800, "8:00-17:00，做六休一", "赵主任", "0358-8236677", 2, 45, false,
     Fate::kPublished},
    {0, "电工", 2, "持有效低压电工作业证，3 年以上物业经验", "小区配电室值守、线路检修", "西关小区",
     "FS-XG", 4000, 5500, "三班倒，每班 8 小时", "王经理", "0358-8221234", 3, 30, true,
     Fate::kPublished},
    {0, "保安", 3, "60 岁以下，有保安员证优先", "小区门岗值守、巡逻、登记来访车辆", "生态园小区",
     "BH-STY", 2600, 3200, "12 小时两班倒，月休 4 天", "王经理", "0358-8221234", 4, 30, false,
     Fate::kPublished},
    {0, "夜班保安", 2, "能上夜班，责任心强", "夜间巡逻、监控室值守", "高家沟小区", "JK-GJG", 2800,
     3400, "19:00-次日 7:00，做一休一", "王经理", "0358-8221234", 5, 30, true, Fate::kPublished},
    {1, "司机", 3, "持 B2 及以上驾驶证，3 年以上驾龄，无重大事故记录", "市内及周边县区货物配送",
     "龙凤北大街 126 号", "FS-XG", 4500, 6000, "8:00-18:00，月休 4 天", "刘队长", "0358-8247788", 1,
     60, false, Fate::kPublished},
    {1, "快递员", 6, "会骑电动三轮车，熟悉离石城区道路", "片区快递收派、扫码录入", "后瓦快递驿站",
     "FS-HW", 4000, 6000, "8:00-19:00，计件提成", "刘队长", "0358-8247788", 2, 60, true,
     Fate::kPublished},
    {1, "装卸工", 4, "能搬运 30 公斤以上货物", "仓库货物装卸、分拣", "高家沟物流园", "JK-GJG", 3500,
     4500, "8:00-17:00，月休 4 天", "刘队长", "0358-8247788", 6, 45, false, Fate::kPublished},
    {2, "收银员", 3, "会使用收银系统，细心，能站立工作", "超市前台收银、会员登记", "永宁中路 55 号",
     "BH-YN", 2400, 3000, "两班倒，早班 8:00-15:00", "孙店长", "0358-8263399", 2, 30, true,
     Fate::kPublished},
    {2, "理货员", 2, "能适应早班", "商品上架、补货、临期商品检查", "永宁中路 55 号", "BH-YN", 2300,
     2800, "6:30-15:00，月休 4 天", "孙店长", "0358-8263399", 7, 30, false, Fate::kPublished},
    {2, "熟食厨师", 1, "持健康证，两年以上面食或熟食经验", "熟食区面点、凉菜制作", "高家沟店",
     "JK-GJG", 3800, 4800, "7:00-16:00，月休 4 天", "孙店长", "0358-8263399", 3, 40, true,
     Fate::kPublished},
    {3, "厨师", 2, "持健康证，会做适合老人的软烂饭菜", "养老中心一日三餐制作", "后瓦康乐路 3 号",
     "FS-HW", 3500, 4500, "6:00-14:00 或 11:00-19:00", "赵主任", "0358-8236677", 4, 45, false,
     Fate::kPublished},
    {3, "护理员", 5, "有养老护理员证书优先，可免费培训", "协助老人起居、喂饭、翻身、陪同就医",
     "生态园日间照料中心", "BH-STY", 3200, 4200, "三班倒，包住", "赵主任", "0358-8236677", 5, 60,
     true, Fate::kPublished},
    {3, "送餐员", 2, "会骑电动车，熟悉西关一带", "为居家老人送午餐和晚餐", "西关社区食堂", "FS-XG",
     2800, 3500, "10:30-13:30、16:30-19:00", "赵主任", "0358-8236677", 1, 30, false,
     Fate::kPublished},
    {2, "促销员", 2, "口齿伶俐", "节日期间店内促销", "永宁中路 55 号", "BH-YN", 2200, 2600,
     "9:00-18:00", "孙店长", "0358-8263399", 20, -2, true, Fate::kExpired},
    {0, "门卫", 1, "限男性，55 岁以下", "小区大门值守、快递代收", "西关小区", "FS-XG", 2400, 2800,
     "12 小时两班倒", "王经理", "0358-8221234", 0, 30, true, Fate::kPending},
    {1, "仓库管理员", 1, "会用电脑，熟悉出入库流程", "仓库出入库登记、盘点", "高家沟物流园",
     "JK-GJG", 3500, 4200, "8:30-17:30，双休", "刘队长", "0358-8247788", 0, 45, false,
     Fate::kPending},
};
constexpr int64_t kJobsDay = 86400;

std::string jobs_day_after(core::LocalDate today, int days) {
  return core::format_date(core::civil_from_days(core::days_from_civil(today) + days));
}

}  // namespace

Result<JobsSummary> create_jobs(store::Database& db, const areas::AreaService& areas,
                                int64_t renshe_org, int64_t gonghui_org, int64_t renshe,
                                int64_t gonghui, int64_t now) {
  std::map<std::string, int64_t> area_ids;
  for (const DemoPost& p : kPosts) {
    if (area_ids.count(p.area_code)) continue;
    auto area = areas.find_code(p.area_code);
    if (!area.ok()) return area.status();
    if (!*area) return Status::Internal(std::string("demo: no area ") + p.area_code);
    area_ids[p.area_code] = (*area)->first;
  }
  const core::LocalDate today = core::local_date_of(now);
  JobsSummary summary;
  Status s = db.write([&](store::Connection& c) -> Status {
    for (int64_t org : {renshe_org, gonghui_org}) {
      Result<bool> added = jobs::add_publisher(c, org, 0, now - 30 * kJobsDay);
      if (!added.ok()) return added.status();
    }
    std::vector<int64_t> employer_ids;
    for (size_t i = 0; i < std::size(kEmployers); ++i) {
      jobs::Employer e;
      e.name = kEmployers[i].name;
      e.credit_code = kEmployers[i].credit_code;
      e.address = kEmployers[i].address;
      e.verified_by_org = i % 2 == 0 ? renshe_org : gonghui_org;
      e.verified_by = i % 2 == 0 ? renshe : gonghui;
      e.verified_at = now - 25 * kJobsDay;
      if (Status st = jobs::insert_employer(c, e); !st.ok()) return st;
      employer_ids.push_back(e.id);
      ++summary.employers;
    }
    int64_t complained = 0;
    for (const DemoPost& p : kPosts) {
      jobs::NewPost n;
      n.fields.employer_id = employer_ids.at(static_cast<size_t>(p.employer));
      n.fields.title = p.title;
      n.fields.headcount = p.headcount;
      n.fields.conditions = p.conditions;
      n.fields.duties = p.duties;
      n.fields.place = p.place;
      n.fields.area_id = area_ids.at(p.area_code);
      n.fields.pay_min_fen = int64_t{p.pay_min_yuan} * 100;
      n.fields.pay_max_fen = int64_t{p.pay_max_yuan} * 100;
      n.fields.hours = p.hours;
      n.fields.contact_name = p.contact_name;
      n.fields.contact_phone = p.contact_phone;
      n.fields.valid_until = jobs_day_after(today, p.valid_days);
      n.publisher_org_id = p.by_renshe ? renshe_org : gonghui_org;
      n.flags_json = jobs::flags_json(jobs::find_flags(n.fields));
      n.created_by = p.by_renshe ? renshe : gonghui;
      n.at = now - p.days_ago * kJobsDay - 3 * 3600;
      Result<int64_t> id = jobs::insert_post(c, n);
      if (!id.ok()) return id.status();
      if (p.fate == Fate::kPending) {
        ++summary.pending;
        continue;
      }
      // Approved an hour later by the other publisher's user (four eyes).
      jobs::StatusChange approve{*id,         "published",
                                 "approved",  p.by_renshe ? gonghui : renshe,
                                 n.at + 3600, "已核实用人单位资质和岗位信息"};
      if (Status st = jobs::change_post_status(c, approve); !st.ok()) return st;
      if (p.fate == Fate::kExpired) {
        ++summary.expired;
      } else {
        ++summary.published;
        if (complained == 0) complained = *id;
      }
    }
    jobs::Complaint k;
    k.post_id = complained;
    k.reason = "false_info";
    k.text = "打电话问了，说工资只有一千八，和写的不一样。";
    k.from_prefix = "demo";
    k.created_at = now - 3 * 3600;
    if (Status st = jobs::insert_complaint(c, k); !st.ok()) return st;
    ++summary.complaints;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return summary;
}

}  // namespace warmcity::demo
