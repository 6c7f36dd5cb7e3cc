// The volunteer teams (team_service.h).
#include "volunteers/team_service.h"

#include <memory>
#include <string>
#include <utility>

#include "accounts/audit.h"
#include "core/time.h"
#include "volunteers/volunteer_access.h"

namespace warmcity::volunteers {

TeamService::TeamService(store::Database& db, std::function<int64_t()> now)
    : db_(db), now_(std::move(now)) {}

int64_t TeamService::now() const { return now_ ? now_() : core::now_unix(); }

Result<std::vector<TeamItem>> TeamService::list() { return list_teams(db_.reader()); }

void TeamService::update(int64_t team_id, TeamPatch p, accounts::Caller by, TeamDone done) {
  auto out = std::make_shared<TeamItem>();
  db_.submit(
      [this, team_id, p = std::move(p), by, out](store::Connection& c) -> Status {
        if (Status s = require_team_admin(c, by, team_id); !s.ok()) return s;
        Result<std::optional<TeamItem>> team = find_team(c, team_id);
        if (!team.ok()) return team.status();
        if (!*team) return Status::NotFound("no such volunteer team");
        std::optional<int64_t> parent;
        if ((*team)->parent) parent = (*team)->parent->id;
        std::string person = (*team)->responsible_person;
        std::string phone = (*team)->contact_phone;
        std::vector<std::string> changed;
        if (p.parent_org_id && *p.parent_org_id != parent) {
          if (*p.parent_org_id) {
            Result<bool> exists = organisation_exists(c, **p.parent_org_id);
            if (!exists.ok()) return exists.status();
            if (!*exists || **p.parent_org_id == team_id)
              return Status::Unprocessable(
                  "parent_org_id: no such organisation",
                  {{"parent_org_id", "an organisation other than the team itself"}});
          }
          parent = *p.parent_org_id;
          changed.push_back("parent_org_id");
        }
        if (p.responsible_person && *p.responsible_person != person) {
          person = *p.responsible_person;
          changed.push_back("responsible_person");
        }
        if (p.contact_phone && *p.contact_phone != phone) {
          phone = *p.contact_phone;
          changed.push_back("contact_phone");
        }
        const int64_t t = now();
        if (!changed.empty()) {
          if (Status s = save_team_facts(c, team_id, parent, person, phone, by.user_id, t); !s.ok())
            return s;
        }
        Result<std::optional<TeamItem>> fresh = find_team(c, team_id);
        if (!fresh.ok()) return fresh.status();
        *out = std::move(**fresh);
        return accounts::append_audit(
            c,
            accounts::audit_entry(by, "volunteer_team.update", "organisation",
                                  std::to_string(team_id),
                                  accounts::AuditDetail().add_strings("changed", changed).str()),
            t);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::volunteers
