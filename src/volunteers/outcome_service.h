// OutcomeService: outcome kinds (data, made by admins) and an occurrence's
// outcomes (docs/volunteers.md "Outcomes"). HTTP-free.
//
// Kinds: read by anyone; made and edited by admins. An occurrence's
// outcomes: read by anyone; replaced as a whole by the organiser staff of its
// activity's organiser (activities::require_organiser), each quantity in
// tenths of its kind's unit with at most the kind's decimals, the kind active,
// the team a volunteer team. Each write is one write job with its audit row
// (volunteer_outcome_kind.create / .update, volunteer_outcomes.replace);
// `done` runs once on the writer's answerer thread. Reads run on the calling
// thread's reader.
// Lifetime: REQUIRES db and audit to outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "accounts/caller.h"
#include "core/status.h"
#include "store/database.h"
#include "volunteers/outcome_store.h"

namespace warmcity::volunteers {

// PUT …/volunteer-outcome-kinds/{code}: what is given changes.
struct OutcomeKindPatch {
  std::optional<std::string> name;
  std::optional<std::string> unit;
  std::optional<int64_t> decimals;
  std::optional<bool> active;
};

// One item of PUT …/outcomes: the kind's code, the quantity in tenths
// (shape checked by outcome_json.h: ≥ 0, at most one decimal), the team.
struct OutcomeInput {
  std::string kind;
  int64_t tenths = 0;
  std::optional<int64_t> team_id;
};

using OutcomeKindDone = std::function<void(Result<OutcomeKind>)>;
using OutcomesDone = std::function<void(Result<std::vector<OutcomeLine>>)>;

class OutcomeService {
 public:
  // `now` (unix seconds) defaults to core::now_unix().
  OutcomeService(store::Database& db, accounts::AuditLog& audit,
                 std::function<int64_t()> now = nullptr);

  Result<std::vector<OutcomeKind>> kinds();
  // Admins; kConflict "kind_exists" for a code in use.
  void create_kind(OutcomeKind k, accounts::Caller by, OutcomeKindDone done);
  // Admins; kNotFound for an unknown code.
  void update_kind(std::string code, OutcomeKindPatch p, accounts::Caller by, OutcomeKindDone done);

  // kNotFound for an unknown occurrence.
  Result<std::vector<OutcomeLine>> outcomes(int64_t occurrence_id);
  // 422 items[i].kind (unknown or inactive), items[i].quantity (finer than
  // the kind's decimals), items[i].team_id (no volunteer team); the new
  // outcomes.
  void replace(int64_t occurrence_id, std::vector<OutcomeInput> items, accounts::Caller by,
               OutcomesDone done);

 private:
  int64_t now() const;

  store::Database& db_;
  accounts::AuditLog& audit_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::volunteers
