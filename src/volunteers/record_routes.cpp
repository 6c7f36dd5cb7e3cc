// Routes of the hours ledger: records, confirmations, corrections and
// disputes (docs/volunteers.md "The hours ledger"). HTTP only: every answer
// comes from RecordService or DisputeService.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "activities/route_values.h"
#include "core/time.h"
#include "http/json_input.h"
#include "volunteers/dispute_service.h"
#include "volunteers/record_json.h"
#include "volunteers/record_service.h"
#include "volunteers/routes.h"

namespace warmcity::volunteers {

namespace {

using accounts::caller_of;
using nlohmann::ordered_json;

struct LedgerServices {
  RecordService records;
  DisputeService disputes;
};
using LedgerRouteFn = void (*)(LedgerServices&, http::Request&, http::Reply);

Status ledger_no_record() { return Status::NotFound("no volunteer record with that id"); }

// The body as a JSON object; an empty body counts as {}.
Result<nlohmann::json> ledger_body(const http::Request& req) {
  return http::parse_json_object(req.body.empty() ? "{}" : req.body);
}

LedgerDone<Record> ledger_record_answer(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<Record> r) {
    if (!r.ok()) return reply(ledger_problem(r.status()));
    reply(ledger_answer(record_json(*r), status));
  };
}

LedgerDone<Dispute> ledger_dispute_answer(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<Dispute> d) {
    if (!d.ok()) return reply(ledger_problem(d.status()));
    reply(ledger_answer(dispute_json(*d), status));
  };
}

LedgerDone<VolunteerRecords> ledger_records_answer(http::Reply reply) {
  return [reply = std::move(reply)](Result<VolunteerRecords> v) {
    if (!v.ok()) return reply(ledger_problem(v.status()));
    reply(ledger_answer(volunteer_records_json(*v)));
  };
}

// ?from=&to= (dates, from ≤ to), or the 422 naming them.
Result<Period> ledger_period(const http::Request& req) {
  Period p;
  std::vector<FieldError> errors;
  for (auto [name, out] : {std::pair{"from", &p.from}, std::pair{"to", &p.to}}) {
    if (std::optional<std::string> s = req.query_param(name)) {
      if (core::parse_date(*s).ok()) {
        *out = *s;
      } else {
        errors.push_back({name, "a date YYYY-MM-DD"});
      }
    }
  }
  if (errors.empty() && !p.from.empty() && !p.to.empty() && p.from > p.to)
    errors.push_back({"to", "not before from"});
  if (!errors.empty()) return Status::Unprocessable("bad period", std::move(errors));
  return p;
}

// ?organiser_org_id= (absent: the records with no organiser, admins only)
// and ?state= one of `states` (absent: any).
struct OrganiserQuery {
  std::optional<int64_t> organiser_org_id;
  std::string state;
};
Result<OrganiserQuery> ledger_organiser_query(const http::Request& req, const char* first,
                                              const char* second) {
  OrganiserQuery q;
  std::vector<FieldError> errors;
  if (std::optional<std::string> s = req.query_param("organiser_org_id")) {
    q.organiser_org_id = activities::whole_param(*s, 1, INT64_MAX);
    if (!q.organiser_org_id) errors.push_back({"organiser_org_id", "an organisation's id"});
  }
  if (std::optional<std::string> s = req.query_param("state")) {
    if (*s == first || *s == second) {
      q.state = *s;
    } else {
      errors.push_back({"state", std::string(first) + " or " + second});
    }
  }
  if (!errors.empty()) return Status::Unprocessable("bad list parameters", std::move(errors));
  return q;
}

void record_create(LedgerServices& s, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(ledger_problem(doc.status()));
  Result<RecordInput> in = read_record_input(*doc);
  if (!in.ok()) return reply(ledger_problem(in.status()));
  s.records.create(std::move(*in), caller_of(req), ledger_record_answer(std::move(reply), 201));
}

void record_confirm(LedgerServices& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(ledger_problem(ledger_no_record()));
  Result<nlohmann::json> doc = ledger_body(req);
  if (!doc.ok()) return reply(ledger_problem(doc.status()));
  if (Status st = read_empty_body(*doc); !st.ok()) return reply(ledger_problem(st));
  s.records.confirm(*id, caller_of(req), ledger_record_answer(std::move(reply), 200));
}

void record_correct(LedgerServices& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(ledger_problem(ledger_no_record()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(ledger_problem(doc.status()));
  Result<CorrectionInput> in = read_correction(*doc);
  if (!in.ok()) return reply(ledger_problem(in.status()));
  s.records.correct(*id, std::move(*in), caller_of(req),
                    ledger_record_answer(std::move(reply), 201));
}

void record_list(LedgerServices& s, http::Request& req, http::Reply reply) {
  Result<OrganiserQuery> q = ledger_organiser_query(req, "submitted", "confirmed");
  if (!q.ok()) return reply(ledger_problem(q.status()));
  s.records.organiser_records(q->organiser_org_id, q->state, caller_of(req),
                              [reply = std::move(reply)](Result<std::vector<Record>> rows) {
                                if (!rows.ok()) return reply(ledger_problem(rows.status()));
                                ordered_json items = ordered_json::array();
                                for (const Record& r : *rows) items.push_back(record_json(r));
                                reply(ledger_answer({{"items", std::move(items)}}));
                              });
}

void records_of_a_volunteer(LedgerServices& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(ledger_problem(Status::NotFound("no volunteer with that id")));
  Result<Period> p = ledger_period(req);
  if (!p.ok()) return reply(ledger_problem(p.status()));
  s.records.volunteer_records(*id, std::move(*p), caller_of(req),
                              ledger_records_answer(std::move(reply)));
}

void records_mine(LedgerServices& s, http::Request& req, http::Reply reply) {
  Result<Period> p = ledger_period(req);
  if (!p.ok()) return reply(ledger_problem(p.status()));
  s.records.my_records(std::move(*p), caller_of(req), ledger_records_answer(std::move(reply)));
}

void dispute_raise(LedgerServices& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(ledger_problem(ledger_no_record()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(ledger_problem(doc.status()));
  Result<std::string> text = read_dispute_text(*doc);
  if (!text.ok()) return reply(ledger_problem(text.status()));
  s.disputes.raise(*id, std::move(*text), caller_of(req),
                   ledger_dispute_answer(std::move(reply), 201));
}

void dispute_list(LedgerServices& s, http::Request& req, http::Reply reply) {
  Result<OrganiserQuery> q = ledger_organiser_query(req, "open", "answered");
  if (!q.ok()) return reply(ledger_problem(q.status()));
  s.disputes.list(q->organiser_org_id, q->state, caller_of(req),
                  [reply = std::move(reply)](Result<std::vector<Dispute>> rows) {
                    if (!rows.ok()) return reply(ledger_problem(rows.status()));
                    ordered_json items = ordered_json::array();
                    for (const Dispute& d : *rows) items.push_back(dispute_json(d));
                    reply(ledger_answer({{"items", std::move(items)}}));
                  });
}

void dispute_answer(LedgerServices& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(ledger_problem(Status::NotFound("no volunteer dispute with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(ledger_problem(doc.status()));
  Result<DisputeAnswer> in = read_dispute_answer(*doc);
  if (!in.ok()) return reply(ledger_problem(in.status()));
  s.disputes.answer(*id, std::move(*in), caller_of(req),
                    ledger_dispute_answer(std::move(reply), 200));
}

}  // namespace

void register_record_routes(http::Router& router, const RouteContext& ctx) {
  using http::Method;
  auto services = std::make_shared<LedgerServices>(
      LedgerServices{RecordService(ctx.db, ctx.now), DisputeService(ctx.db, ctx.now)});
  const http::Access staff = activities::organiser_staff_roles();
  const http::Access anyone = http::Access::AnyUser();
  auto h = [&services](LedgerRouteFn f) -> http::Handler {
    return [services, f](http::Request& req, http::Reply reply) {
      f(*services, req, std::move(reply));
    };
  };
  router.add(Method::kPost, "/api/v1/volunteer-records", staff, h(record_create),
             {.body_limit = 8192,
              .summary = "Add a manual record of a volunteer's service (organiser staff of "
                         "organiser_org_id): submitted, to be confirmed"});
  router.add(Method::kGet, "/api/v1/volunteer-records", staff, h(record_list),
             {.summary = "The records an organisation organised (?organiser_org_id&state; "
                         "organiser staff; none named: the records with no organiser, admins), "
                         "newest first, at most 500; audited"});
  router.add(Method::kPost, "/api/v1/volunteer-records/{id}/confirm", staff, h(record_confirm),
             {.body_limit = 1024,
              .summary = "Confirm a submitted record (organiser staff of its organiser)"});
  router.add(Method::kPost, "/api/v1/volunteer-records/{id}/corrections", staff, h(record_correct),
             {.body_limit = 8192,
              .summary = "Correct a confirmed record with a new confirmed record carrying the "
                         "signed change of minutes and why (organiser staff of its organiser)"});
  router.add(Method::kPost, "/api/v1/volunteer-records/{id}/disputes", anyone, h(dispute_raise),
             {.body_limit = 8192,
              .summary = "Dispute a record (its volunteer only; one open dispute per record)"});
  router.add(Method::kGet, "/api/v1/volunteer-disputes", staff, h(dispute_list),
             {.summary = "The disputes of an organisation's records (?organiser_org_id&state; "
                         "organiser staff), newest first, at most 500; audited"});
  router.add(Method::kPost, "/api/v1/volunteer-disputes/{id}/answer", staff, h(dispute_answer),
             {.body_limit = 8192,
              .summary = "Answer a dispute, with an optional correction written in the same job "
                         "(organiser staff of the record's organiser)"});
  router.add(Method::kGet, "/api/v1/volunteers/{id}/records", anyone, h(records_of_a_volunteer),
             {.summary = "A volunteer's records (?from&to), newest first, with the confirmed "
                         "total (team admins of their teams, the volunteer); audited"});
  router.add(Method::kGet, "/api/v1/me/volunteer/records", anyone, h(records_mine),
             {.summary = "The caller's own volunteer records (?from&to) with the confirmed total"});
}

}  // namespace warmcity::volunteers
