#include "eldercare/errand.h"

#include <array>
#include <utility>

namespace warmcity::eldercare {

namespace {

constexpr std::array<std::pair<ErrandState, std::string_view>, 6> kErrandStates{{
    {ErrandState::kReceived, "received"},
    {ErrandState::kAssigned, "assigned"},
    {ErrandState::kDoing, "doing"},
    {ErrandState::kDelivered, "delivered"},
    {ErrandState::kSettled, "settled"},
    {ErrandState::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<ErrandStep, std::string_view>, 7> kErrandSteps{{
    {ErrandStep::kAssign, "assign"},
    {ErrandStep::kStart, "start"},
    {ErrandStep::kSubstitute, "substitute"},
    {ErrandStep::kDeliver, "deliver"},
    {ErrandStep::kSettle, "settle"},
    {ErrandStep::kConfirm, "confirm"},
    {ErrandStep::kCancel, "cancel"},
}};

}  // namespace

std::string_view errand_state_name(ErrandState s) {
  for (const auto& [state, name] : kErrandStates) {
    if (state == s) return name;
  }
  return "received";
}

std::optional<ErrandState> parse_errand_state(std::string_view name) {
  for (const auto& [state, n] : kErrandStates) {
    if (n == name) return state;
  }
  return std::nullopt;
}

std::string_view errand_step_name(ErrandStep s) {
  for (const auto& [step, name] : kErrandSteps) {
    if (step == s) return name;
  }
  return "assign";
}

std::optional<ErrandStep> parse_errand_step(std::string_view name) {
  for (const auto& [step, n] : kErrandSteps) {
    if (n == name) return step;
  }
  return std::nullopt;
}

const std::vector<ErrandTransition>& errand_transitions() {
  using S = ErrandState;
  using T = ErrandStep;
  const std::vector<ErrandParty> managers = {ErrandParty::kManager};
  const std::vector<ErrandParty> servers = {ErrandParty::kManager, ErrandParty::kHerTeam,
                                            ErrandParty::kErrandTeam};
  static const std::vector<ErrandTransition> table = {
      {S::kReceived, T::kAssign, S::kAssigned, managers},
      {S::kAssigned, T::kAssign, S::kAssigned, managers},
      {S::kAssigned, T::kStart, S::kDoing, servers},
      {S::kAssigned, T::kSubstitute, S::kAssigned, servers},
      {S::kDoing, T::kSubstitute, S::kDoing, servers},
      {S::kDoing, T::kDeliver, S::kDelivered, servers},
      {S::kDelivered, T::kSettle, S::kSettled, servers},
      {S::kSettled, T::kConfirm, S::kSettled, {ErrandParty::kErrandTeam}},
      {S::kReceived, T::kCancel, S::kCancelled, servers},
      {S::kAssigned, T::kCancel, S::kCancelled, servers},
      {S::kDoing, T::kCancel, S::kCancelled, servers},
      {S::kDelivered, T::kCancel, S::kCancelled, servers},
  };
  return table;
}

const ErrandTransition* find_errand_transition(ErrandState from, ErrandStep step) {
  for (const ErrandTransition& t : errand_transitions()) {
    if (t.from == from && t.step == step) return &t;
  }
  return nullptr;
}

std::vector<ErrandStep> errand_steps_from(ErrandState from) {
  std::vector<ErrandStep> out;
  for (const ErrandTransition& t : errand_transitions()) {
    if (t.from == from) out.push_back(t.step);
  }
  return out;
}

std::string errand_steps_text(const std::vector<ErrandStep>& steps) {
  if (steps.empty()) return "none";
  std::string out;
  for (ErrandStep s : steps) {
    if (!out.empty()) out += ", ";
    out += errand_step_name(s);
  }
  return out;
}

bool is_errand_kind(std::string_view kind) {
  return kind == "shopping" || kind == "medicine" || kind == "task";
}

int64_t budget_fen(const ErrandWork& w) {
  int64_t sum = 0;
  for (const ShoppingLine& l : w.lines) sum += l.budget_fen;
  return sum;
}

bool is_payment_method(std::string_view m) {
  return m == "cash" || m == "wechat" || m == "alipay" || m == "card" || m == "other";
}

int64_t balance_fen(const Settlement& s) { return s.advanced_fen - s.receipt_fen - s.returned_fen; }

std::vector<FieldError> check_settlement(const Settlement& s) {
  std::vector<FieldError> errors;
  const std::pair<int64_t, const char*> amounts[] = {{s.receipt_fen, "receipt_fen"},
                                                     {s.advanced_fen, "advanced_fen"},
                                                     {s.returned_fen, "returned_fen"}};
  for (const auto& [v, field] : amounts) {
    if (v < 0 || v > kMaxFen) {
      errors.push_back({field, "fen, an integer from 0 to " + std::to_string(kMaxFen)});
    }
  }
  if (errors.empty() && s.returned_fen > s.advanced_fen) {
    errors.push_back({"returned_fen", "more change returned than was advanced"});
  }
  if (!is_payment_method(s.paid_by)) {
    errors.push_back({"paid_by", "cash, wechat, alipay, card or other"});
  }
  return errors;
}

bool errand_complete(const Errand& e) {
  return e.state == ErrandState::kSettled && e.worker_confirmed_at && e.volunteer_confirmed_at;
}

bool errand_undelivered(const Errand& e) {
  return e.state == ErrandState::kReceived || e.state == ErrandState::kAssigned ||
         e.state == ErrandState::kDoing;
}

bool errand_overdue(const Errand& e, int64_t now) {
  return errand_undelivered(e) && e.due_at < now;
}

int errand_phase(const Errand& e) {
  if (errand_undelivered(e)) return 0;
  if (e.state == ErrandState::kCancelled || errand_complete(e)) return 2;
  return 1;
}

}  // namespace warmcity::eldercare
