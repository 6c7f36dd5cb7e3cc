#include "demo/demo_care.h"

#include <memory>
#include <optional>
#include <utility>

#include "core/wait_for.h"
#include "eldercare/errand_service.h"
#include "eldercare/visit_raise.h"
#include "eldercare/visit_service.h"

namespace warmcity::demo {

namespace {

using core::wait_for;
using eldercare::Caller;
using eldercare::ErrandStep;

constexpr int64_t kHour = 3600, kDay = 86400;

// The demo teams' members (demo_teams.cpp), by the elders paired with them.
struct Members {
  const char* worker;
  const char* volunteer;
};
constexpr Members kSty{"liangjunlian", "wangcuiping"};  // 生态园银龄帮扶队
constexpr Members kXg{"renjianping", "xuelijuan"};      // 西关一网格助老队
constexpr Members kGjg{"gaozhiqiang", "lirunmei"};      // 高家沟结对服务队

// How far an errand has gone.
enum class Stage { kReceived, kAssigned, kDoing, kDelivered, kSettled, kComplete, kCancelled };

struct DemoErrand {
  size_t elder;         // index in lishi-elders.json
  const Members* team;  // her team (it takes the steps), or none: no team in her community
  eldercare::ErrandWork work;
  const char* note;
  int64_t hours_ago;  // received then
  Stage stage;
  const char* substitute;  // "original|replacement", or ""
  int64_t receipt_fen;
};

const std::vector<DemoErrand>& demo_errands() {
  using L = eldercare::ShoppingLine;
  static const std::vector<DemoErrand> kErrands = {
      // 吴凤英 (生态园, high)
      {15,
       &kSty,
       {"shopping", {L{"鸡蛋", 2, 1500}, L{"挂面", 1, 600}, L{"西红柿", 1, 800}}, "", "", ""},
       "下午送到，老人午睡到两点",
       2,
       Stage::kAssigned,
       "",
       0},
      {15,
       &kSty,
       {"medicine", {}, "离石区人民医院门诊药房", "硝苯地平缓释片，一个月的量", ""},
       "带上医保卡",
       30,
       Stage::kDoing,
       "",
       0},
      {15,
       &kSty,
       {"shopping", {L{"大米 10 斤", 1, 3500}, L{"食用油", 1, 6000}}, "", "", ""},
       "",
       50,
       Stage::kComplete,
       "",
       9180},
      // Received three days ago and not yet delivered: overdue (due 48 hours after).
      {15,
       &kSty,
       {"task", {}, "", "", "代缴三月份水费"},
       "缴费单在门口鞋柜上",
       75,
       Stage::kAssigned,
       "",
       0},
      // 刘德胜 (生态园, general)
      {16,
       &kSty,
       {"shopping", {L{"纯牛奶", 2, 3000}, L{"面包", 1, 1000}}, "", "", ""},
       "",
       8,
       Stage::kDelivered,
       "纯牛奶|低脂牛奶",
       0},
      {16, &kSty, {"task", {}, "", "", "代取新办的社保卡"}, "", 26, Stage::kSettled, "", 0},
      {16,
       &kSty,
       {"shopping", {L{"大白菜", 1, 500}}, "", "", ""},
       "",
       20,
       Stage::kCancelled,
       "",
       0},
      // 吴桂英 (西关, priority): the article's courgettes and carrots
      {10,
       &kXg,
       {"shopping", {L{"西葫芦", 2, 600}, L{"胡萝卜", 1, 400}}, "", "", ""},
       "第二天上午九点前送到",
       28,
       Stage::kComplete,
       "",
       920},
      {10,
       &kXg,
       {"medicine", {}, "西关社区卫生服务站", "胰岛素笔芯两支", ""},
       "",
       4,
       Stage::kDoing,
       "",
       0},
      // 郭玉珍 (西关, priority)
      {11, &kXg, {"task", {}, "", "", "代办高龄津贴年度认证"}, "", 6, Stage::kDelivered, "", 0},
      // 吴根生 (高家沟, general)
      {24,
       &kGjg,
       {"shopping", {L{"挂面", 2, 1200}, L{"土鸡蛋", 1, 1800}}, "", "", ""},
       "",
       30,
       Stage::kSettled,
       "",
       2850},
      {24,
       &kGjg,
       {"medicine", {}, "离石区中医院", "止咳糖浆两瓶", ""},
       "",
       52,
       Stage::kComplete,
       "",
       3600},
      // No team in their communities: received, waiting for one.
      {0, nullptr, {"shopping", {L{"馒头", 10, 1000}}, "", "", ""}, "", 1, Stage::kReceived, "", 0},
      {5, nullptr, {"task", {}, "", "", "代缴固定电话费"}, "", 3, Stage::kReceived, "", 0},
      {31,
       nullptr,
       {"medicine", {}, "柳林县人民医院", "复查的化验单", ""},
       "",
       5,
       Stage::kReceived,
       "",
       0},
  };
  return kErrands;
}

// A visit: by a team's member (`by`, a username) or the system.
struct DemoVisit {
  size_t elder;
  const char* by;  // username, or "" for the system
  const char* role;
  int64_t minutes_ago;
  const char* how;
  const char* outcome;
  const char* findings;
};

// Due today: 吴凤英 and 赵福元 (high, seen a week ago), 刘德胜 (a fall
// reported today). Overdue: 武有才 and 马月娥 (high, seen 10 and 9 days ago)
// and 曹凤英 (nobody answered 45 minutes ago: the escalation's clock is 30).
const std::vector<DemoVisit>& demo_visits() {
  static const std::vector<DemoVisit> kVisits = {
      {15, "liangjunlian", "worker", 7 * 24 * 60, "home", "seen_well", "精神不错，药按时吃"},
      {16, "wangcuiping", "volunteer", 20 * 24 * 60, "home", "seen_well", "屋里暖和，饭菜够吃"},
      {13, "", "admin", 10 * 24 * 60, "phone", "seen_well", "电话里说一切都好"},
      {7, "", "admin", 9 * 24 * 60, "home", "concern", "咳嗽几天了，已劝她去社区卫生站"},
      {9, "", "admin", 7 * 24 * 60, "video", "seen_well", "和女儿视频时一起问候"},
      {10, "xuelijuan", "volunteer", 3 * 24 * 60, "home", "seen_well", "血糖控制得还行"},
      {24, "gaozhiqiang", "worker", 5 * 24 * 60, "phone", "seen_well", ""},
      {0, "", "admin", 2 * 24 * 60, "video", "seen_well", ""},
      {14, "", "admin", 45, "phone", "nobody_answers", "连打三次电话无人接听"},
  };
  return kVisits;
}

class Care {
 public:
  Care(store::Database& db, const std::map<std::string, int64_t>& users,
       const std::vector<RecordedElder>& recorded, std::string client, int64_t now,
       std::function<Status(store::Connection&, const eldercare::CompletedErrand&)> on_complete)
      : db_(db),
        users_(users),
        recorded_(recorded),
        client_(std::move(client)),
        now_(now),
        on_complete_(std::move(on_complete)) {}

  Result<CareSummary> run() {
    auto clock = clock_;
    // A Locator is needed to open the service; the demo records no elder here.
    auto elders = eldercare::ElderService::open(
        db_, [](double, double) { return areas::Location{}; }, [clock] { return *clock; });
    if (!elders.ok()) return elders.status();
    elders_ = std::move(*elders);
    eldercare::ErrandOptions options;
    options.on_complete = on_complete_;  // the volunteer's hours, as the app does
    auto errands = eldercare::ErrandService::open(db_, *elders_, std::move(options));
    if (!errands.ok()) return errands.status();
    errands_ = std::move(*errands);
    auto visits = eldercare::VisitService::open(db_, {}, [clock] { return *clock; });
    if (!visits.ok()) return visits.status();
    visits_ = std::move(*visits);
    raise_ = eldercare::VisitRaiseService::open(db_, *errands_, nullptr);

    for (const DemoErrand& d : demo_errands()) {
      if (Status s = errand(d); !s.ok()) return s;
    }
    for (const DemoVisit& d : demo_visits()) {
      if (Status s = visit(d); !s.ok()) return s;
    }
    if (Status s = escalation_in_progress(); !s.ok()) return s;
    if (Status s = reported_change(); !s.ok()) return s;
    if (Status s = raised_from_visit(); !s.ok()) return s;
    return summary_;
  }

 private:
  Result<int64_t> elder_id(size_t index) const {
    if (index >= recorded_.size())
      return Status::Internal("demo: no elder " + std::to_string(index));
    return recorded_[index].id;
  }
  Result<Caller> user(const char* username, const char* role) const {
    if (!*username) return system();
    auto it = users_.find(username);
    if (it == users_.end()) return Status::Internal(std::string("demo: no user ") + username);
    return Caller{it->second, role, {}, client_};
  }
  Caller system() const { return Caller{0, "admin", {}, client_}; }

  static eldercare::ErrandStepInput take(ErrandStep s) {
    eldercare::ErrandStepInput in;
    in.step = s;
    return in;
  }
  Status step(int64_t id, eldercare::ErrandStepInput in, const Caller& by, int64_t at) {
    *clock_ = at;
    return wait_for<eldercare::Errand>(
               [&](auto done) { errands_->step(id, std::move(in), by, std::move(done)); })
        .status();
  }

  Status errand(const DemoErrand& d) {
    Result<int64_t> elder = elder_id(d.elder);
    if (!elder.ok()) return elder.status();
    const Caller admin = system();
    Result<Caller> worker = d.team ? user(d.team->worker, "worker") : Result<Caller>(admin);
    Result<Caller> volunteer =
        d.team ? user(d.team->volunteer, "volunteer") : Result<Caller>(admin);
    if (!worker.ok()) return worker.status();
    if (!volunteer.ok()) return volunteer.status();
    const int64_t received = now_ - d.hours_ago * kHour;
    *clock_ = received;
    eldercare::ErrandInput in;
    in.work = d.work;
    in.note = d.note;
    auto made = wait_for<eldercare::Errand>(
        [&](auto done) { errands_->create(*elder, std::move(in), admin, std::move(done)); });
    if (!made.ok()) return made.status();
    ++summary_.errands;
    const int64_t id = made->id;
    if (d.stage == Stage::kCancelled) {
      eldercare::ErrandStepInput cancel = take(ErrandStep::kCancel);
      cancel.reason = "老人的女儿已经买回来了";
      return step(id, std::move(cancel), *worker, received + kHour);
    }
    if (d.stage <= Stage::kAssigned) return Status::Ok();
    if (Status s = step(id, take(ErrandStep::kStart), *volunteer, received + kHour); !s.ok())
      return s;
    if (*d.substitute) {
      const std::string sub = d.substitute;
      const size_t bar = sub.find('|');
      eldercare::ErrandStepInput in = take(ErrandStep::kSubstitute);
      in.substitution.original = sub.substr(0, bar);
      in.substitution.replacement = sub.substr(bar + 1);
      in.substitution.confirmed_by = "本人（电话确认）";
      if (Status s = step(id, std::move(in), *volunteer, received + 90 * 60); !s.ok()) return s;
    }
    if (d.stage <= Stage::kDoing) return Status::Ok();
    eldercare::ErrandStepInput deliver = take(ErrandStep::kDeliver);
    deliver.delivered_to = "本人";
    deliver.volunteer_minutes = 50;
    if (Status s = step(id, std::move(deliver), *volunteer, received + 3 * kHour); !s.ok())
      return s;
    if (d.stage <= Stage::kDelivered) return Status::Ok();
    eldercare::ErrandStepInput settle = take(ErrandStep::kSettle);
    settle.volunteer_minutes = 10;
    settle.settlement.receipt_fen = d.receipt_fen;
    settle.settlement.advanced_fen = (d.receipt_fen + 9999) / 10000 * 10000;  // whole 100 元
    settle.settlement.returned_fen = settle.settlement.advanced_fen - d.receipt_fen;
    settle.settlement.paid_by = d.receipt_fen > 0 ? "cash" : "other";
    const int64_t settled = received + 3 * kHour + 30 * 60;
    if (Status s = step(id, std::move(settle), *volunteer, settled); !s.ok()) return s;
    if (d.stage <= Stage::kSettled) return Status::Ok();
    if (Status s = step(id, take(ErrandStep::kConfirm), *volunteer, settled + 600); !s.ok())
      return s;
    return step(id, take(ErrandStep::kConfirm), *worker, settled + 1200);
  }

  Status visit(const DemoVisit& d) {
    Result<int64_t> elder = elder_id(d.elder);
    if (!elder.ok()) return elder.status();
    Result<Caller> by = user(d.by, d.role);
    if (!by.ok()) return by.status();
    *clock_ = now_;
    eldercare::VisitInput in{now_ - d.minutes_ago * 60, d.how, d.outcome, d.findings};
    auto v = wait_for<eldercare::RecordedVisit>(
        [&](auto done) { visits_->record(*elder, std::move(in), *by, std::move(done)); });
    if (!v.ok()) return v.status();
    ++summary_.visits;
    if (v->visit.visit.escalation == "open") escalation_ = v->visit.visit.id;
    return Status::Ok();
  }

  // 曹凤英's escalation: her son was called and did not answer; the duty
  // phone is next.
  Status escalation_in_progress() {
    if (!escalation_) return Status::Internal("demo: no nobody-answers visit");
    *clock_ = now_ - 30 * 60;
    eldercare::StepInput in{"contact", "not_reached", "儿子电话关机"};
    auto v = wait_for<eldercare::VisitView>([&](auto done) {
      visits_->add_step(*escalation_, std::move(in), system(), std::move(done));
    });
    if (!v.ok()) return v.status();
    ++summary_.escalations;
    return Status::Ok();
  }

  // 刘德胜 fell at home this morning: a visit is due within 24 hours.
  Status reported_change() {
    Result<int64_t> elder = elder_id(16);
    if (!elder.ok()) return elder.status();
    Result<Caller> by = user(kSty.worker, "worker");
    if (!by.ok()) return by.status();
    *clock_ = now_ - 3 * kHour;
    eldercare::ChangeInput in{"fall", "在家中滑倒，膝盖擦伤，女儿来电告知"};
    auto due = wait_for<eldercare::ElderDue>(
        [&](auto done) { visits_->report_change(*elder, std::move(in), *by, std::move(done)); });
    if (!due.ok()) return due.status();
    ++summary_.changes;
    return Status::Ok();
  }

  // 郭玉珍's fridge is empty: her visit raises a shopping errand in one step.
  Status raised_from_visit() {
    Result<int64_t> elder = elder_id(11);
    if (!elder.ok()) return elder.status();
    Result<Caller> by = user(kXg.worker, "worker");
    if (!by.ok()) return by.status();
    *clock_ = now_;
    eldercare::VisitInput in{now_ - kHour, "home", "concern",
                             "冰箱里没有蔬菜了，老人说腿疼不便下楼"};
    auto v = wait_for<eldercare::RecordedVisit>(
        [&](auto done) { visits_->record(*elder, std::move(in), *by, std::move(done)); });
    if (!v.ok()) return v.status();
    ++summary_.visits;
    using L = eldercare::ShoppingLine;
    eldercare::ErrandInput errand;
    errand.work = {
        "shopping", {L{"青菜", 2, 600}, L{"豆腐", 1, 300}, L{"苹果", 1, 1000}}, "", "", ""};
    errand.note = "探访时发现";
    auto raised = wait_for<eldercare::VisitRaise>([&](auto done) {
      raise_->raise_errand(v->visit.visit.id, std::move(errand), *by, std::move(done));
    });
    if (!raised.ok()) return raised.status();
    ++summary_.errands;
    return Status::Ok();
  }

  store::Database& db_;
  const std::map<std::string, int64_t>& users_;
  const std::vector<RecordedElder>& recorded_;
  std::string client_;
  int64_t now_;
  std::function<Status(store::Connection&, const eldercare::CompletedErrand&)> on_complete_;
  std::shared_ptr<int64_t> clock_ = std::make_shared<int64_t>(0);
  std::unique_ptr<eldercare::ElderService> elders_;
  std::unique_ptr<eldercare::ErrandService> errands_;
  std::unique_ptr<eldercare::VisitService> visits_;
  std::unique_ptr<eldercare::VisitRaiseService> raise_;
  std::optional<int64_t> escalation_;
  CareSummary summary_;
};

}  // namespace

Result<CareSummary> create_care(
    store::Database& db, const std::map<std::string, int64_t>& user_ids,
    const std::vector<RecordedElder>& recorded, const std::string& client_address, int64_t now,
    std::function<Status(store::Connection&, const eldercare::CompletedErrand&)> on_complete) {
  return Care(db, user_ids, recorded, client_address, now, std::move(on_complete)).run();
}

}  // namespace warmcity::demo
