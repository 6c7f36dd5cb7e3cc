#include "eldercare/errand_json.h"

#include "core/phone.h"
#include "core/time.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

ordered_json errand_optional_int(const std::optional<int64_t>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json errand_optional_time(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json errand_work_json(const ErrandWork& w) {
  if (w.kind == "shopping") {
    ordered_json lines = ordered_json::array();
    for (const ShoppingLine& l : w.lines) {
      lines.push_back({{"text", l.text}, {"quantity", l.quantity}, {"budget_fen", l.budget_fen}});
    }
    return {{"lines", std::move(lines)}, {"budget_fen", budget_fen(w)}};
  }
  if (w.kind == "medicine") return {{"pharmacy", w.pharmacy}, {"what", w.what}};
  return {{"text", w.text}};
}

ordered_json errand_settlement_json(const std::optional<Settlement>& s) {
  if (!s) return nullptr;
  return {{"receipt_fen", s->receipt_fen},   {"advanced_fen", s->advanced_fen},
          {"returned_fen", s->returned_fen}, {"balance_fen", balance_fen(*s)},
          {"paid_by", s->paid_by},           {"settled_at", core::format_rfc3339(s->settled_at)},
          {"settled_by", s->settled_by}};
}

}  // namespace

std::string errand_receipt_url(int64_t errand_id) {
  return "/api/v1/errands/" + std::to_string(errand_id) + "/receipt-photo";
}

ordered_json errand_json(const Errand& e, int64_t now, View view) {
  const bool full = view == View::kFull;
  const auto name = [full](const std::string& n) { return full ? n : core::mask_name(n); };
  // A masked view (her sub-district's and the district's workers) tells the
  // errand's kind and progress, never what was bought or done for her: the
  // medicines in the work, the substitutions and a cancel reason are hers.
  ordered_json subs = ordered_json::array();
  for (const Substitution& s : full ? e.substitutions : std::vector<Substitution>{}) {
    subs.push_back({{"original", s.original},
                    {"replacement", s.replacement},
                    {"confirmed_by", name(s.confirmed_by)},
                    {"confirmed_at", core::format_rfc3339(s.confirmed_at)},
                    {"recorded_by", s.recorded_by}});
  }
  return {
      {"id", e.id},
      {"elder_id", e.elder_id},
      {"community_id", errand_optional_int(e.community_id)},
      {"kind", e.work.kind},
      {"work", full ? errand_work_json(e.work) : ordered_json(nullptr)},
      {"note", full ? ordered_json(e.note) : ordered_json(nullptr)},
      {"state", errand_state_name(e.state)},
      {"source", e.from_family ? "family" : "staff"},
      {"team_id", errand_optional_int(e.team_id)},
      {"assign_reason", e.assign_reason},
      {"received_at", core::format_rfc3339(e.received_at)},
      {"received_by_user_id", e.received_by},
      {"due_at", core::format_rfc3339(e.due_at)},
      {"overdue", errand_overdue(e, now)},
      {"assigned_at", errand_optional_time(e.assigned_at)},
      {"started_at", errand_optional_time(e.started_at)},
      {"delivered_at", errand_optional_time(e.delivered_at)},
      {"delivered_to", e.delivered_at ? ordered_json(name(e.delivered_to)) : ordered_json(nullptr)},
      {"substitutions", std::move(subs)},
      {"settlement", errand_settlement_json(e.settlement)},
      {"receipt_photo",
       full && e.receipt_photo ? ordered_json(errand_receipt_url(e.id)) : ordered_json(nullptr)},
      {"confirmations",
       {{"worker_user_id", errand_optional_int(e.worker_confirmed_by)},
        {"worker_at", errand_optional_time(e.worker_confirmed_at)},
        {"volunteer_user_id", errand_optional_int(e.volunteer_confirmed_by)},
        {"volunteer_at", errand_optional_time(e.volunteer_confirmed_at)}}},
      {"complete", errand_complete(e)},
      {"volunteer_minutes", errand_optional_int(e.volunteer_minutes)},
      {"cancelled_at", errand_optional_time(e.cancelled_at)},
      {"cancel_reason",
       e.cancelled_at && full ? ordered_json(e.cancel_reason) : ordered_json(nullptr)},
      {"updated_at", core::format_rfc3339(e.updated_at)},
  };
}

ordered_json errand_family_json(const ErrandView& v, int64_t now) {
  const Errand& e = v.errand;
  ordered_json settlement = nullptr;
  if (e.settlement) {
    const Settlement& s = *e.settlement;
    settlement = {
        {"receipt_fen", s.receipt_fen},   {"advanced_fen", s.advanced_fen},
        {"returned_fen", s.returned_fen}, {"balance_fen", balance_fen(s)},
        {"paid_by", s.paid_by},           {"settled_at", core::format_rfc3339(s.settled_at)}};
  }
  // What was asked is shown when her family asked for it; what staff
  // recorded after a call (medicines among it) stays with the staff.
  const bool asked = e.from_family;
  return {
      {"id", e.id},
      {"elder_id", e.elder_id},
      {"view", "family"},
      {"elder", {{"id", v.elder.id}, {"name", v.elder.name}}},
      {"kind", e.work.kind},
      {"work", asked ? errand_work_json(e.work) : ordered_json(nullptr)},
      {"note", asked ? ordered_json(e.note) : ordered_json(nullptr)},
      {"state", errand_state_name(e.state)},
      {"source", asked ? "family" : "staff"},
      {"team_phone", v.team_phone.empty() ? ordered_json(nullptr) : ordered_json(v.team_phone)},
      {"received_at", core::format_rfc3339(e.received_at)},
      {"due_at", core::format_rfc3339(e.due_at)},
      {"overdue", errand_overdue(e, now)},
      {"assigned_at", errand_optional_time(e.assigned_at)},
      {"started_at", errand_optional_time(e.started_at)},
      {"delivered_at", errand_optional_time(e.delivered_at)},
      {"settlement", std::move(settlement)},
      {"receipt_photo", nullptr},
      {"complete", errand_complete(e)},
      {"cancelled_at", errand_optional_time(e.cancelled_at)},
      {"may_step", false},
  };
}

ordered_json errand_view_json(const ErrandView& v, int64_t now) {
  if (v.family) return errand_family_json(v, now);
  const bool full = v.view == View::kFull;
  ordered_json phones = ordered_json::array();
  for (const std::string& p : v.elder.phones) phones.push_back(full ? p : core::mask_phone(p));
  ordered_json out = errand_json(v.errand, now, v.view);
  out["view"] = full ? "full" : "masked";
  out["may_step"] = v.may_step;
  out["elder"] = {{"id", v.elder.id},
                  {"name", full ? v.elder.name : core::mask_name(v.elder.name)},
                  {"phones", std::move(phones)},
                  {"address", full ? ordered_json(v.elder.address) : ordered_json(nullptr)}};
  return out;
}

ordered_json errand_event_json(const ErrandEvent& e) {
  ordered_json detail = ordered_json::parse(e.detail_json, nullptr, false);
  if (detail.is_discarded()) detail = ordered_json::object();
  return {{"id", e.id},
          {"at", core::format_rfc3339(e.at)},
          {"actor_user_id", e.actor_user_id},
          {"step", e.step},
          {"detail", std::move(detail)}};
}

}  // namespace warmcity::eldercare
