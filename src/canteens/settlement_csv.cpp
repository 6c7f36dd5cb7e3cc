// The month's settlement lines as CSV (settlement_csv.h).
#include "canteens/settlement_csv.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "canteens/sample.h"
#include "core/csv.h"
#include "core/phone.h"
#include "core/time.h"

namespace warmcity::canteens {

namespace {

std::string csv_yuan(int64_t fen) {
  char buf[32];
  const int64_t a = std::llabs(fen);
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", fen < 0 ? "-" : "",
                static_cast<long long>(a / 100), static_cast<long long>(a % 100));
  return buf;
}

std::string settlement_csv_minute(int64_t t) {
  std::string s = core::format_rfc3339(t).substr(0, 16);  // YYYY-MM-DDTHH:MM
  s[10] = ' ';
  return s;
}

std::string_view settlement_status_zh(std::string_view status) {
  if (status == "served") return "已就餐";
  if (status == "delivered") return "已送达";
  if (status == "cancelled_late") return "逾期取消(全价)";
  return status;
}

std::string_view settlement_proof_zh(std::string_view proof) {
  if (proof == "code") return "取餐码";
  if (proof == "photo") return "照片";
  return "";
}

}  // namespace

std::string settlement_csv(const SettlementLines& month) {
  std::string out = "\xEF\xBB\xBF";
  core::append_csv_record(
      out, {"食堂", "月份", "日期", "餐次", "方式", "状态", "订单号", "就餐人", "菜品", "价格(元)",
            "补贴(元)", "自付(元)", "补贴档次", "备注", "送达凭证", "下单时间"});
  const std::string canteen = core::csv_defused(month.summary.canteen.name);
  for (const SettlementLine& l : month.lines) {
    if (!counts_as_meal(l.status)) continue;
    core::append_csv_record(
        out, {canteen, month.summary.month, l.served_on, std::string(sample_meal_label_zh(l.meal)),
              l.kind == "delivery" ? "送餐" : "堂食", std::string(settlement_status_zh(l.status)),
              std::to_string(l.order_id),
              l.elder_id ? core::csv_defused(core::mask_name(l.elder_name)) : "非登记老人",
              core::csv_defused(l.dishes), csv_yuan(l.price_fen), csv_yuan(l.subsidy_fen),
              csv_yuan(l.pays_fen), core::csv_defused(l.tier),
              l.flag == "second_in_slot" ? "同餐次第二份(原价)" : "",
              std::string(settlement_proof_zh(l.proof)), settlement_csv_minute(l.created_at)});
  }
  core::append_csv_record(out, {});
  core::append_csv_record(out,
                          {"调整编号", "订单号", "补贴调整(元)", "原因", "调整时间", "调整人"});
  for (const NamedAdjustment& n : month.summary.adjustments) {
    const SettlementAdjustment& a = n.adjustment;
    core::append_csv_record(out,
                            {std::to_string(a.id), a.order_id ? std::to_string(*a.order_id) : "",
                             csv_yuan(a.subsidy_delta_fen), core::csv_defused(a.reason),
                             settlement_csv_minute(a.created_at), core::csv_defused(n.by_name)});
  }
  return out;
}

}  // namespace warmcity::canteens
