// ElderService's red proxy cards and the phone desk's lookups
// (elder_service.h).
#include <algorithm>
#include <utility>

#include "eldercare/card_number.h"
#include "eldercare/elder_service.h"
#include "eldercare/service_jobs.h"

namespace warmcity::eldercare {

namespace {

// Tries this many fresh numbers before giving up (a clash is one in 10^8
// per draw at a district's scale).
constexpr int kNumberAttempts = 8;

}  // namespace

void ElderService::issue_card(int64_t id, CardInput in, Caller by, Done<Card> done) {
  auto out = std::make_shared<Card>();
  db_.submit(
      [this, id, in = std::move(in), by, out](store::Connection& c) {
        Result<Elder> e = changeable(c, id, by);
        if (!e.ok()) return e.status();
        if (e->closed) return Status::Conflict("the record is closed: no card is issued");
        const int64_t at = now();
        if (Status s = revoke_active_card(c, *e, by, at, "reissued"); !s.ok()) return s;
        Card card{0, id, "", true, in.committee_phone, in.team_phone, at, by.user_id, 0, 0, ""};
        for (int attempt = 0; card.id == 0; ++attempt) {
          if (attempt == kNumberAttempts) return Status::Internal("no free card number found");
          card.number = new_card_number();
          Result<Card> taken = card_by_number(c, card.number);
          if (taken.ok()) continue;
          if (taken.status().code() != Code::kNotFound) return taken.status();
          if (Status s = insert_card(c, card); !s.ok()) return s;
        }
        const std::string detail = accounts::AuditDetail().add("card_id", card.id).str();
        if (Status s = record_change(c, by, id, "card_issue", detail, at); !s.ok()) return s;
        *out = std::move(card);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ElderService::revoke_card(int64_t id, std::string reason, Caller by, Done<Card> done) {
  auto out = std::make_shared<Card>();
  db_.submit(
      [this, id, reason = std::move(reason), by, out](store::Connection& c) {
        Result<Elder> e = changeable(c, id, by);
        if (!e.ok()) return e.status();
        Result<Card> card = active_card(c, id);
        if (!card.ok()) {
          return card.status().code() == Code::kNotFound
                     ? Status::NotFound("the elder has no active card")
                     : card.status();
        }
        const int64_t at = now();
        if (Status s = revoke_active_card(c, *e, by, at, reason); !s.ok()) return s;
        *out = std::move(*card);
        out->active = false;
        out->revoked_at = at;
        out->revoked_by = by.user_id;
        out->revoked_reason = reason;
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<Card> ElderService::card(int64_t id, const Caller& by) const {
  store::Connection& c = db_.reader();
  Result<Elder> e = get_elder(c, id);
  if (!e.ok()) return e.status();
  if (!may_change(*e, by)) {
    return Status::PermissionDenied(
        "only admins and the workers of the elder's grid or community print her card");
  }
  Result<Card> card = active_card(c, id);
  if (!card.ok() && card.status().code() == Code::kNotFound) {
    return Status::NotFound("the elder has no active card");
  }
  return card;
}

void ElderService::lookup_card(std::string number, Caller by, Done<CardLookup> done) {
  auto out = std::make_shared<CardLookup>();
  db_.submit(
      [this, number = std::move(number), by, out](store::Connection& c) {
        Result<Card> card = card_by_number(c, number);
        if (!card.ok()) {
          return card.status().code() == Code::kNotFound
                     ? Status::NotFound("no card has that number")
                     : card.status();
        }
        out->card = std::move(*card);
        if (!out->card.active) return Status::Ok();  // never opens the elder
        Result<Elder> e = get_elder(c, out->card.elder_id);
        if (!e.ok()) return e.status();
        const View v = view_of(*e, by);
        if (v == View::kNone) return Status::PermissionDenied(kNoAccess);
        if (Status s = audit_read(c, by, *e, v, now(), "lookup_card"); !s.ok()) return s;
        out->elder = ElderView{std::move(*e), v};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ElderService::lookup_phone(std::string form, Caller by, Done<std::vector<ElderView>> done) {
  auto out = std::make_shared<std::vector<ElderView>>();
  db_.submit(
      [this, form = std::move(form), by, out](store::Connection& c) {
        Result<std::vector<int64_t>> ids = elders_with_phone(c, form);
        if (!ids.ok()) return ids.status();
        std::vector<int64_t> seen;
        for (int64_t id : *ids) {
          Result<Elder> e = get_elder(c, id);
          if (!e.ok()) return e.status();
          const View v = view_of(*e, by);
          if (v == View::kNone) continue;
          seen.push_back(id);
          out->push_back({std::move(*e), v});
        }
        if (out->empty()) return Status::NotFound("no elder the caller serves has that phone");
        return accounts::append_audit(
            c,
            entry(
                by, "personal_data.read", "elder_list", "",
                accounts::AuditDetail().add_ints("ids", seen).add("purpose", "lookup_phone").str()),
            now());
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::eldercare
