#include "eldercare/family_service.h"

#include "core/time.h"
#include "eldercare/errand_store.h"
#include "eldercare/service_jobs.h"
#include "eldercare/team_store.h"

namespace warmcity::eldercare {

namespace {

constexpr int kFamilyErrands = 20;

std::string team_phone_of(store::Connection& c, const std::optional<int64_t>& team_id,
                          Status& failed) {
  if (!team_id) return "";
  Result<Team> t = get_team(c, *team_id);
  if (!t.ok()) {
    if (t.status().code() != Code::kNotFound) failed = t.status();
    return "";
  }
  return t->phone;
}

std::string link_detail(const FamilyLink& l, bool with_relation) {
  accounts::AuditDetail d;
  d.add("link_id", l.id).add("user_id", l.user_id).add("basis", l.consent_basis);
  if (with_relation) d.add("relation", l.relation);
  return d.str();
}

}  // namespace

int64_t FamilyService::now() const { return now_ ? now_() : core::now_unix(); }

void FamilyService::link(int64_t elder_id, FamilyInput in, Caller by, Done<FamilyLink> done) {
  auto out = std::make_shared<FamilyLink>();
  db_.submit(
      [this, elder_id, in = std::move(in), by, out](store::Connection& c) {
        Result<Elder> e = changeable(c, elder_id, by);
        if (!e.ok()) return e.status();
        if (e->closed) return Status::Conflict("the elder's record is closed");
        Result<std::optional<std::string>> role = role_of_(c, in.user_id);
        if (!role.ok()) return role.status();
        if (*role != std::optional<std::string>("resident")) {
          return Status::Unprocessable(
              "not a family member's account",
              {{"user_id", "the id of an enabled resident account (registered in the app)"}});
        }
        const int64_t at = now();
        FamilyLink l{
            0,          elder_id, in.user_id,   in.relation, in.consent.basis, in.consent.note,
            by.user_id, at,       std::nullopt, std::nullopt};
        if (Status s = insert_family_link(c, l); !s.ok()) return s;
        if (Status s = record_change(c, by, elder_id, "family_link", link_detail(l, true), at,
                                     link_detail(l, false));
            !s.ok()) {
          return s;
        }
        *out = std::move(l);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void FamilyService::unlink(int64_t elder_id, int64_t link_id, Caller by, Done<FamilyLink> done) {
  auto out = std::make_shared<FamilyLink>();
  db_.submit(
      [this, elder_id, link_id, by, out](store::Connection& c) {
        Result<Elder> e = changeable(c, elder_id, by);
        if (!e.ok()) return e.status();
        const int64_t at = now();
        Result<bool> ended = end_family_link(c, elder_id, link_id, at, by.user_id);
        if (!ended.ok()) return ended.status();
        if (!*ended) return Status::NotFound("no open family link of hers with that id");
        Result<std::vector<FamilyLink>> all = family_links_of_elder(c, elder_id, true);
        if (!all.ok()) return all.status();
        for (FamilyLink& l : *all) {
          if (l.id == link_id) *out = std::move(l);
        }
        return record_change(c, by, elder_id, "family_unlink", link_detail(*out, false), at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void FamilyService::links(int64_t elder_id, bool all, Caller by,
                          Done<std::vector<FamilyLink>> done) {
  auto out = std::make_shared<std::vector<FamilyLink>>();
  db_.submit(
      [this, elder_id, all, by, out](store::Connection& c) {
        Result<Elder> e = get_elder(c, elder_id);
        if (!e.ok()) return e.status();
        if (view_of(*e, by) != View::kFull) {
          return Status::PermissionDenied(
              "only those who see the elder whole see her family members");
        }
        Result<std::vector<FamilyLink>> rows = family_links_of_elder(c, elder_id, all);
        if (!rows.ok()) return rows.status();
        *out = std::move(*rows);
        return audit_read(c, by, *e, View::kFull, now(), "family");
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void FamilyService::my_elders(Caller by, Done<std::vector<FamilyElder>> done) {
  if (by.role != "resident") {
    return done(Status::PermissionDenied("a family member's own elders: residents only"));
  }
  auto out = std::make_shared<std::vector<FamilyElder>>();
  db_.submit(
      [this, by, out](store::Connection& c) {
        Result<std::vector<FamilyLink>> links = family_links_of_user(c, by.user_id);
        if (!links.ok()) return links.status();
        std::vector<int64_t> ids;
        Status failed = Status::Ok();
        for (const FamilyLink& l : *links) {
          Result<Elder> e = get_elder(c, l.elder_id);
          if (!e.ok()) return e.status();
          FamilyElder f{e->id,     e->name, l.relation, team_phone_of(c, e->team_id, failed),
                        e->closed, {}};
          ErrandFilter q;
          q.elder_id = e->id;
          q.queue = ErrandQueue::kOpen;
          q.limit = kFamilyErrands;
          Result<std::vector<Errand>> errands = list_errands(c, q);
          if (!errands.ok()) return errands.status();
          for (Errand& r : *errands) {
            Result<bool> asked = is_family_errand(c, r.id);
            if (!asked.ok()) return asked.status();
            r.from_family = *asked;
            std::string phone = team_phone_of(c, r.team_id, failed);
            f.open_errands.push_back({std::move(r), std::move(phone)});
          }
          if (!failed.ok()) return failed;
          ids.push_back(e->id);
          out->push_back(std::move(f));
        }
        if (ids.empty()) return Status::Ok();
        return accounts::append_audit(
            c,
            entry(by, "personal_data.read", "elder_list", "",
                  accounts::AuditDetail().add_ints("ids", ids).add("purpose", "family").str()),
            now());
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::eldercare
