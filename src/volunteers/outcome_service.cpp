// Outcome kinds and an occurrence's outcomes (outcome_service.h).
#include "volunteers/outcome_service.h"

#include <memory>
#include <utility>

#include "activities/activity_store.h"
#include "activities/organiser_access.h"
#include "core/time.h"
#include "volunteers/shift_store.h"

namespace warmcity::volunteers {

namespace {

Status require_admin(const accounts::Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (!by.is_admin()) return Status::PermissionDenied("only admins may change outcome kinds");
  return Status::Ok();
}

std::string outcome_kind_detail(const OutcomeKind& k) {
  return accounts::AuditDetail()
      .add("name", k.name)
      .add("unit", k.unit)
      .add("decimals", k.decimals)
      .add("active", k.active)
      .str();
}

Status outcome_item_error(size_t i, const char* field, const char* message) {
  const std::string name = "items[" + std::to_string(i) + "]." + field;
  return Status::Unprocessable("invalid: " + name, {{name, message}});
}

// The lines of `items` once each is checked against its kind and team.
Result<std::vector<OutcomeLine>> outcome_lines(store::Connection& c,
                                               const std::vector<OutcomeInput>& items) {
  std::vector<OutcomeLine> lines;
  for (size_t i = 0; i < items.size(); ++i) {
    const OutcomeInput& in = items[i];
    Result<std::optional<OutcomeKind>> k = load_outcome_kind(c, in.kind);
    if (!k.ok()) return k.status();
    if (!*k || !(*k)->active) return outcome_item_error(i, "kind", "no active outcome kind");
    if ((*k)->decimals == 0 && in.tenths % 10 != 0)
      return outcome_item_error(i, "quantity", "a whole number for this kind");
    if (in.team_id) {
      Result<bool> team = is_volunteer_team(c, *in.team_id);
      if (!team.ok()) return team.status();
      if (!*team) return outcome_item_error(i, "team_id", "no volunteer team");
    }
    lines.push_back(OutcomeLine{in.kind, in.tenths, in.team_id, (*k)->name, (*k)->unit});
  }
  return lines;
}

}  // namespace

OutcomeService::OutcomeService(store::Database& db, accounts::AuditLog& audit,
                               std::function<int64_t()> now)
    : db_(db), audit_(audit), now_(std::move(now)) {}

int64_t OutcomeService::now() const { return now_ ? now_() : core::now_unix(); }

Result<std::vector<OutcomeKind>> OutcomeService::kinds() { return outcome_kinds(db_.reader()); }

void OutcomeService::create_kind(OutcomeKind k, accounts::Caller by, OutcomeKindDone done) {
  auto out = std::make_shared<OutcomeKind>(std::move(k));
  db_.submit(
      [this, by, out](store::Connection& c) -> Status {
        if (Status s = require_admin(by); !s.ok()) return s;
        Result<std::optional<OutcomeKind>> old = load_outcome_kind(c, out->code);
        if (!old.ok()) return old.status();
        if (*old) return Status::Conflict("kind_exists: an outcome kind has that code");
        if (Status s = insert_outcome_kind(c, *out, now()); !s.ok()) return s;
        return audit_.append_job(accounts::audit_entry(by, "volunteer_outcome_kind.create",
                                                       "volunteer_outcome_kind", out->code,
                                                       outcome_kind_detail(*out)))(c);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void OutcomeService::update_kind(std::string code, OutcomeKindPatch p, accounts::Caller by,
                                 OutcomeKindDone done) {
  auto out = std::make_shared<OutcomeKind>();
  db_.submit(
      [this, code = std::move(code), p = std::move(p), by, out](store::Connection& c) -> Status {
        if (Status s = require_admin(by); !s.ok()) return s;
        Result<std::optional<OutcomeKind>> old = load_outcome_kind(c, code);
        if (!old.ok()) return old.status();
        if (!*old) return Status::NotFound("no outcome kind " + code);
        OutcomeKind k = std::move(**old);
        if (p.name) k.name = *p.name;
        if (p.unit) k.unit = *p.unit;
        if (p.decimals) k.decimals = *p.decimals;
        if (p.active) k.active = *p.active;
        if (Status s = save_outcome_kind(c, k); !s.ok()) return s;
        *out = std::move(k);
        return audit_.append_job(accounts::audit_entry(by, "volunteer_outcome_kind.update",
                                                       "volunteer_outcome_kind", out->code,
                                                       outcome_kind_detail(*out)))(c);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<std::vector<OutcomeLine>> OutcomeService::outcomes(int64_t occurrence_id) {
  store::Connection& c = db_.reader();
  Result<activities::OccurrenceRecord> o = activities::load_occurrence(c, occurrence_id);
  if (!o.ok()) return o.status();
  return outcomes_of(c, occurrence_id);
}

void OutcomeService::replace(int64_t occurrence_id, std::vector<OutcomeInput> items,
                             accounts::Caller by, OutcomesDone done) {
  auto out = std::make_shared<std::vector<OutcomeLine>>();
  db_.submit(
      [this, occurrence_id, items = std::move(items), by, out](store::Connection& c) -> Status {
        Result<activities::OccurrenceRecord> o = activities::load_occurrence(c, occurrence_id);
        if (!o.ok()) return o.status();
        Result<activities::ActivityRecord> a = activities::load_activity(c, o->activity_id);
        if (!a.ok()) return a.status();
        if (Status s = activities::require_organiser(c, by, a->organiser_org_id); !s.ok()) return s;
        Result<std::vector<OutcomeLine>> lines = outcome_lines(c, items);
        if (!lines.ok()) return lines.status();
        if (Status s = replace_outcomes(c, occurrence_id, *lines, by.user_id, now()); !s.ok())
          return s;
        *out = std::move(*lines);
        std::vector<std::string> kinds;
        std::vector<int64_t> tenths;
        for (const OutcomeLine& l : *out) {
          kinds.push_back(l.kind);
          tenths.push_back(l.tenths);
        }
        return audit_.append_job(accounts::audit_entry(
            by, "volunteer_outcomes.replace", "activity_occurrence", std::to_string(occurrence_id),
            accounts::AuditDetail().add_strings("kinds", kinds).add_ints("tenths", tenths).str()))(
            c);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::volunteers
