#include "eldercare/errand_service.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/time.h"
#include "eldercare/errand_jobs.h"
#include "eldercare/errand_receipt_store.h"
#include "eldercare/service_jobs.h"

namespace warmcity::eldercare {

namespace {

// What the caller is to one errand, and how much of its elder she sees.
struct ErrandStanding {
  View view = View::kNone;
  std::vector<ErrandParty> parties;
  std::optional<Team> team;  // the errand's team
};

bool on_team(const Team& t, int64_t user_id) {
  return t.worker_user_id == user_id || t.volunteer_user_id == user_id;
}

ErrandStanding errand_standing(const Errand& errand, const Elder& elder,
                               const std::optional<Team>& team, const Caller& by) {
  ErrandStanding s;
  s.team = team;
  s.view = view_of(elder, by);
  if (may_change(elder, by)) s.parties.push_back(ErrandParty::kManager);
  const bool staff = by.role == "worker" || by.role == "volunteer";
  const auto& members = elder.team_members;
  if (staff && std::find(members.begin(), members.end(), by.user_id) != members.end()) {
    s.parties.push_back(ErrandParty::kHerTeam);
  }
  if (staff && team && on_team(*team, by.user_id)) {
    s.parties.push_back(ErrandParty::kErrandTeam);
    // The team running it needs her address and phone — while it runs: a
    // finished (settled and confirmed, or cancelled) errand of another team
    // opens nothing more of her than that team would otherwise see.
    if (errand_phase(errand) < 2) s.view = View::kFull;
  }
  return s;
}

// An errand as one caller stands to it: the errand, its elder and what she
// is to it. kNotFound; kPermissionDenied when she sees nothing of it.
struct SeenErrand {
  Errand errand;
  Elder elder;
  ErrandStanding standing;
};

// What the hours ledger records of an errand its last confirmation (at
// `at`, by the member who took it) has just made complete.
CompletedErrand completed_errand(const Errand& e, const Team& team, const Elder& elder, int64_t by,
                                 int64_t at) {
  CompletedErrand done;
  done.errand_id = e.id;
  done.volunteer_user_id = team.volunteer_user_id;
  done.volunteer_minutes = e.volunteer_minutes.value_or(0);
  done.delivered_on = core::format_date(core::local_date_of(e.delivered_at.value_or(at)));
  done.community_id = e.community_id ? e.community_id : elder.community_id;
  done.confirmed_by = by;
  done.confirmed_at = at;
  return done;
}

Result<SeenErrand> seen_errand(store::Connection& c, int64_t id, const Caller& by) {
  Result<Errand> e = get_errand(c, id);
  if (!e.ok()) return e.status();
  Result<Elder> elder = get_elder(c, e->elder_id);
  if (!elder.ok()) return elder.status();
  Result<std::optional<Team>> team = errand_team_of(c, e->team_id);
  if (!team.ok()) return team.status();
  ErrandStanding st = errand_standing(*e, *elder, *team, by);
  if (st.view == View::kNone) return Status::PermissionDenied(kNoAccess);
  return SeenErrand{std::move(*e), std::move(*elder), std::move(st)};
}

// The personal fields an errand's answer shows in view `v`.
std::vector<std::string> errand_fields(View v) {
  if (v == View::kFull) return {"name", "phones", "address", "delivered_to", "substitutions"};
  return {"name", "phones"};
}

Status audit_errand_read(store::Connection& c, const Caller& by, int64_t elder_id, View v,
                         int64_t at) {
  return accounts::append_audit(c,
                                entry(by, "personal_data.read", "elder", std::to_string(elder_id),
                                      accounts::AuditDetail()
                                          .add_strings("fields", errand_fields(v))
                                          .add("view", v == View::kFull ? "full" : "masked")
                                          .add("purpose", "errand")
                                          .str()),
                                at);
}

std::string errand_party_text(const std::vector<ErrandParty>& by) {
  if (by.size() == 1 && by[0] == ErrandParty::kErrandTeam) {
    return "only the worker and the volunteer of the errand's team";
  }
  if (by.size() == 1) return "only admins and the workers of the elder's grid or community";
  return "only admins, the workers of the elder's grid or community and the members of her team "
         "or the errand's team";
}

}  // namespace

Result<std::unique_ptr<ErrandService>> ErrandService::open(store::Database& db,
                                                           ElderService& elders,
                                                           ErrandOptions options) {
  if (options.due_seconds <= 0) return Status::InvalidArgument("an errand's due time is positive");
  return std::unique_ptr<ErrandService>(new ErrandService(db, elders, options));
}

void ErrandService::create(int64_t elder_id, ErrandInput in, Caller by, Done<Errand> done) {
  if (by.role == "resident") return create_for_family(elder_id, std::move(in), by, std::move(done));
  Result<OnDuty> duty = elders_.on_duty(elder_id, by, now());
  if (!duty.ok()) return done(duty.status());
  auto out = std::make_shared<Errand>();
  db_.submit(
      [this, elder_id, in = std::move(in), duty = std::move(*duty), by, out](store::Connection& c) {
        Result<Elder> elder = get_elder(c, elder_id);
        if (!elder.ok()) return elder.status();
        if (view_of(*elder, by) != View::kFull) {
          return Status::PermissionDenied(
              "only admins, the workers of the elder's grid or community and her team record her "
              "errands");
        }
        if (elder->closed) return Status::Conflict("the elder's record is closed");
        const int64_t at = now();
        Errand e = new_errand(*elder, in, by, at, options_.due_seconds, duty);
        if (Status s = insert_errand(c, e); !s.ok()) return s;
        accounts::AuditDetail detail;
        detail.add("kind", e.work.kind).add("assign_reason", e.assign_reason);
        if (e.team_id) detail.add("team_id", *e.team_id);
        if (Status s = record_errand_step(c, by, e, "create", detail.str(), at); !s.ok()) return s;
        if (in.in_same_write) {
          if (Status s = in.in_same_write(c, e); !s.ok()) return s;
        }
        *out = std::move(e);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ErrandService::read(int64_t id, Caller by, Done<ErrandDetail> done) {
  if (by.role == "resident") return read_as_family(id, std::move(by), std::move(done));
  auto out = std::make_shared<ErrandDetail>();
  db_.submit(
      [this, id, by, out](store::Connection& c) {
        Result<SeenErrand> seen = seen_errand(c, id, by);
        if (!seen.ok()) return seen.status();
        Errand& e = seen->errand;
        Elder& elder = seen->elder;
        const ErrandStanding& st = seen->standing;
        if (Status s = fill_errand_extras(c, e, options_); !s.ok()) return s;
        Result<std::vector<ErrandEvent>> history = list_errand_events(c, id);
        if (!history.ok()) return history.status();
        if (Status s = audit_errand_read(c, by, elder.id, st.view, now()); !s.ok()) return s;
        out->view = {std::move(e), std::move(elder), st.view,
                     st.view == View::kFull && !st.parties.empty()};
        out->history = std::move(*history);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ErrandService::list(ErrandQuery q, Caller by, Done<ErrandPage> done) {
  if (by.role == "resident") return list_as_family(std::move(q), std::move(by), std::move(done));
  if (by.role != "admin" && by.role != "worker" && by.role != "volunteer") {
    return done(Status::PermissionDenied("only staff and volunteers list errands"));
  }
  auto out = std::make_shared<ErrandPage>();
  db_.submit(
      [this, q = std::move(q), by, out](store::Connection& c) {
        const int64_t at = now();
        const size_t want = static_cast<size_t>(std::max(q.limit, 1));
        ErrandFilter f;
        f.elder_id = q.elder_id;
        f.team_id = q.team_id;
        f.community_id = q.community_id;
        f.queue = q.queue;
        f.until = at;
        if (q.queue == ErrandQueue::kToday) {
          core::LocalDate today = core::local_date_of(at);
          f.until = core::local_midnight_unix(today) + 86400;
        }
        f.before_id = q.before_id;
        f.limit = static_cast<int>(want) + 1;  // one more tells whether a next page exists
        std::map<int64_t, Elder> elders;
        if (q.elder_id) {
          // Her history: who may see her sees her errands.
          Result<Elder> elder = get_elder(c, *q.elder_id);
          if (!elder.ok()) return elder.status();
          if (view_of(*elder, by) == View::kNone) return Status::PermissionDenied(kNoAccess);
          elders.emplace(elder->id, std::move(*elder));
        } else if (by.role != "admin") {
          f.member = by.user_id;
          if (by.role == "worker") {
            std::optional<std::vector<int64_t>> areas = listable_areas(by);
            if (!areas) f.member.reset();  // a district worker: every errand
            if (areas && !areas->empty()) f.in_areas = std::move(areas);
          }
        }
        std::map<int64_t, std::optional<Team>> teams;
        std::vector<int64_t> shown;
        // The store finds errands by the areas they were received in; who sees
        // one is decided by where she lives now. Rows hidden from the caller
        // (she moved away) must not end the page early: read on past them,
        // kMaxListRounds reads at most (the writer's thread runs this); a page
        // cut there is short but says where the next one starts.
        bool full = false;  // a row past the page exists
        bool capped = false;
        std::optional<int64_t> last_read;
        for (int round = 0; round < kMaxListRounds; ++round) {
          Result<std::vector<Errand>> rows = list_errands(c, f);
          if (!rows.ok()) return rows.status();
          const bool more = rows->size() >= static_cast<size_t>(f.limit);
          for (Errand& e : *rows) {
            if (out->items.size() == want) {
              full = true;
              break;
            }
            last_read = e.id;
            auto elder = elders.find(e.elder_id);
            if (elder == elders.end()) {
              Result<Elder> got = get_elder(c, e.elder_id);
              if (!got.ok()) return got.status();
              elder = elders.emplace(e.elder_id, std::move(*got)).first;
            }
            const std::optional<int64_t> team_key = e.team_id;
            auto team = team_key ? teams.find(*team_key) : teams.end();
            if (team_key && team == teams.end()) {
              Result<std::optional<Team>> got = errand_team_of(c, team_key);
              if (!got.ok()) return got.status();
              team = teams.emplace(*team_key, std::move(*got)).first;
            }
            const ErrandStanding st =
                errand_standing(e, elder->second, team_key ? team->second : std::nullopt, by);
            if (st.view == View::kNone) continue;
            if (Status s = fill_errand_extras(c, e, options_); !s.ok()) return s;
            if (std::find(shown.begin(), shown.end(), e.elder_id) == shown.end()) {
              shown.push_back(e.elder_id);
            }
            out->items.push_back({std::move(e), elder->second, st.view,
                                  st.view == View::kFull && !st.parties.empty()});
          }
          if (full || !more) break;
          f.before_id = rows->back().id;
          capped = round + 1 == kMaxListRounds;
        }
        if (full) {
          out->next_before_id = out->items.back().errand.id;
        } else if (capped) {
          out->next_before_id = last_read;
        }
        if (shown.empty()) return Status::Ok();
        return accounts::append_audit(
            c,
            entry(by, "personal_data.read", "elder_list", "",
                  accounts::AuditDetail().add_ints("ids", shown).add("purpose", "errands").str()),
            at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ErrandService::step(int64_t id, ErrandStepInput in, Caller by, Done<Errand> done) {
  std::optional<OnDuty> duty;
  if (in.step == ErrandStep::kAssign && !in.team_id) {
    Result<Errand> e = get_errand(db_.reader(), id);
    if (!e.ok()) return done(e.status());
    Result<OnDuty> d = elders_.on_duty(e->elder_id, by, now());
    if (!d.ok()) return done(d.status());
    duty = std::move(*d);
  }
  auto out = std::make_shared<Errand>();
  db_.submit(
      [this, id, in = std::move(in), duty = std::move(duty), by, out](store::Connection& c) {
        Result<SeenErrand> seen = seen_errand(c, id, by);
        if (!seen.ok()) return seen.status();
        Errand& e = seen->errand;
        Elder& elder = seen->elder;
        const ErrandStanding& st = seen->standing;
        if (Status s = fill_errand_extras(c, e, options_); !s.ok()) return s;
        const std::string step(errand_step_name(in.step));
        const ErrandTransition* t = find_errand_transition(e.state, in.step);
        if (!t) {
          return Status::Conflict("an errand that is " + std::string(errand_state_name(e.state)) +
                                  " cannot " + step +
                                  "; allowed: " + errand_steps_text(errand_steps_from(e.state)));
        }
        const bool allowed = std::any_of(t->by.begin(), t->by.end(), [&](ErrandParty p) {
          return std::find(st.parties.begin(), st.parties.end(), p) != st.parties.end();
        });
        if (!allowed) return Status::PermissionDenied(errand_party_text(t->by) + " may " + step);
        const int64_t at = now();
        accounts::AuditDetail detail;
        switch (in.step) {
          case ErrandStep::kAssign:
            if (in.team_id) {
              Result<Team> chosen = get_team(c, *in.team_id);
              if (!chosen.ok() && chosen.status().code() != Code::kNotFound) {
                return chosen.status();
              }
              if (!chosen.ok() || chosen->community_id != elder.community_id) {
                return Status::Unprocessable("no such team",
                                             {{"team_id", "not a team of the elder's community"}});
              }
              e.team_id = chosen->id;
              e.assign_reason = "chosen";
              e.assigned_at = at;
            } else {
              assign_errand_on_duty(e, *duty, at);
              if (!e.team_id) {
                return Status::Conflict(
                    "no team of her community is on duty and she has no team: name team_id");
              }
            }
            detail.add("team_id", *e.team_id).add("reason", e.assign_reason);
            break;
          case ErrandStep::kStart:
            e.started_at = at;
            break;
          case ErrandStep::kSubstitute: {
            if (e.substitutions.size() >= 30) {
              return Status::Unprocessable("too many substitutions",
                                           {{"original", "at most 30 per errand"}});
            }
            Substitution sub = in.substitution;
            if (sub.confirmed_at == 0) sub.confirmed_at = at;
            if (sub.confirmed_at > at || sub.confirmed_at < e.received_at) {
              return Status::Unprocessable(
                  "bad time", {{"confirmed_at", "between the errand's receipt and now"}});
            }
            sub.recorded_by = by.user_id;
            detail.add("original", sub.original).add("replacement", sub.replacement);
            detail.add("confirmed_by", sub.confirmed_by).add("confirmed_at", sub.confirmed_at);
            e.substitutions.push_back(std::move(sub));
            break;
          }
          case ErrandStep::kDeliver: {
            const int64_t when = in.delivered_at.value_or(at);
            if (when > at || when < e.received_at) {
              return Status::Unprocessable("bad time",
                                           {{"at", "between the errand's receipt and now"}});
            }
            e.delivered_at = when;
            e.delivered_to = in.delivered_to;
            detail.add("delivered_to", in.delivered_to).add("delivered_at", when);
            break;
          }
          case ErrandStep::kSettle: {
            if (std::vector<FieldError> errors = check_settlement(in.settlement); !errors.empty()) {
              return Status::Unprocessable("the account is not valid", std::move(errors));
            }
            Settlement s = in.settlement;
            s.settled_at = at;
            s.settled_by = by.user_id;
            detail.add("receipt_fen", s.receipt_fen).add("advanced_fen", s.advanced_fen);
            detail.add("returned_fen", s.returned_fen).add("paid_by", s.paid_by);
            e.settlement = std::move(s);
            if (in.receipt_photo) {
              // Written and fsynced before this job commits the row naming it.
              if (!options_.receipt_photos) {
                return Status::Unavailable("this server keeps no receipt photos");
              }
              Result<photos::Photo> saved =
                  options_.receipt_photos->save(in.receipt_photo->bytes, in.receipt_photo->type);
              if (!saved.ok()) return saved.status();
              if (Status s = insert_errand_receipt(c, e.id, *saved, at, by.user_id); !s.ok()) {
                return s;
              }
              e.receipt_photo = std::move(*saved);
            }
            detail.add("receipt_photo", e.receipt_photo.has_value());
            break;
          }
          case ErrandStep::kConfirm: {
            const bool worker = st.team->worker_user_id == by.user_id;
            std::optional<int64_t>& when =
                worker ? e.worker_confirmed_at : e.volunteer_confirmed_at;
            if (when) return Status::Conflict("the account is already confirmed by this member");
            when = at;
            (worker ? e.worker_confirmed_by : e.volunteer_confirmed_by) = by.user_id;
            detail.add("as", worker ? "worker" : "volunteer").add("complete", errand_complete(e));
            break;
          }
          case ErrandStep::kCancel:
            e.cancelled_at = at;
            e.cancel_reason = in.reason;
            detail.add("reason", in.reason);
            break;
        }
        if (in.volunteer_minutes &&
            (in.step == ErrandStep::kDeliver || in.step == ErrandStep::kSettle)) {
          e.volunteer_minutes = in.volunteer_minutes;
          detail.add("volunteer_minutes", *in.volunteer_minutes);
        }
        e.state = t->to;
        e.updated_at = at;
        if (Status s = update_errand(c, e); !s.ok()) return s;
        if (Status s = record_errand_step(c, by, e, step, detail.str(), at); !s.ok()) return s;
        if (in.step == ErrandStep::kConfirm && errand_complete(e) && options_.on_complete) {
          if (Status s =
                  options_.on_complete(c, completed_errand(e, *st.team, elder, by.user_id, at));
              !s.ok())
            return s;
        }
        *out = std::move(e);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ErrandService::receipt_photo(int64_t id, Caller by, Done<ReceiptImage> done) {
  auto photo = std::make_shared<photos::Photo>();
  db_.submit(
      [this, id, by, photo](store::Connection& c) {
        Result<SeenErrand> seen = seen_errand(c, id, by);
        if (!seen.ok()) return seen.status();
        const Elder& elder = seen->elder;
        if (seen->standing.view != View::kFull) {
          return Status::PermissionDenied(
              "only those who see the errand whole (its team, her team, admins and the workers of "
              "her grid or community) see its receipt photo");
        }
        Result<std::optional<photos::Photo>> receipt = get_errand_receipt(c, id);
        if (!receipt.ok()) return receipt.status();
        if (!*receipt) return Status::NotFound("the errand has no receipt photo");
        *photo = std::move(**receipt);
        return accounts::append_audit(
            c,
            entry(by, "personal_data.read", "elder", std::to_string(elder.id),
                  accounts::AuditDetail()
                      .add_strings("fields", {"receipt_photo"})
                      .add("view", "full")
                      .add("purpose", "errand_receipt")
                      .add("errand_id", id)
                      .str()),
            now());
      },
      [this, photo, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        // The file is read on the slow-work thread, never the writer's.
        auto reply = std::make_shared<Done<ReceiptImage>>(done);
        const bool queued = post_slow([this, photo, reply] {
          if (!options_.receipt_photos) {
            return (*reply)(Status::Unavailable("this server keeps no receipt photos"));
          }
          Result<std::string> bytes = options_.receipt_photos->read(*photo);
          if (!bytes.ok()) return (*reply)(bytes.status());
          (*reply)(ReceiptImage{photo->media_type, std::move(*bytes)});
        });
        if (!queued) {
          (*reply)(
              Status::Unavailable("too many photos are being read at once; try again shortly"));
        }
      });
}

}  // namespace warmcity::eldercare
