// Routes of the family members (family_service.h): link and unlink a
// resident account to an elder, her links, and a family member's own elders
// (/api/v1/my/elders). Her errands are asked for and followed through the
// errand routes (errand_routes.cpp admits residents; the service checks the
// link). HTTP only: every answer comes from FamilyService.
#include <memory>
#include <utility>

#include "core/time.h"
#include "eldercare/elder_json.h"
#include "eldercare/errand_json.h"
#include "eldercare/family_service.h"
#include "eldercare/routes.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

using FamilyFn = void (*)(FamilyService&, http::Request&, http::Reply);

ordered_json optional_time(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json link_json(const FamilyLink& l) {
  return {{"id", l.id},
          {"elder_id", l.elder_id},
          {"user_id", l.user_id},
          {"relation", l.relation},
          {"consent",
           {{"basis", l.consent_basis},
            {"note", l.consent_note},
            {"recorded_by", l.recorded_by},
            {"recorded_at", core::format_rfc3339(l.recorded_at)}}},
          {"unlinked_at", optional_time(l.unlinked_at)},
          {"unlinked_by", l.unlinked_by ? ordered_json(*l.unlinked_by) : ordered_json(nullptr)}};
}

// {"user_id", "relation", "consent": {"basis": consent | guardian_consent, "note"}}
Result<FamilyInput> read_family_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  FamilyInput out;
  out.user_id = in.required_int("user_id", 1, INT64_MAX).value_or(0);
  out.relation = in.required_string("relation", 1, 16).value_or("");
  in.known({"consent"});
  auto c = doc->find("consent");
  if (c == doc->end() || !c->is_object()) {
    in.fail("consent", "the elder's consent: {basis: consent | guardian_consent, note}");
  } else {
    http::FieldReader consent(*c);
    out.consent.basis = consent.required_string("basis", 1, 32).value_or("");
    out.consent.note = consent.optional_string("note", 0, 200).value_or("");
    if (!out.consent.basis.empty() && !is_health_consent_basis(out.consent.basis)) {
      consent.fail("basis", "consent or guardian_consent (hers, or her guardian's)");
    }
    consent.reject_unknown();
    if (!consent.ok()) {
      const Status bad = consent.status();
      for (const FieldError& e : bad.field_errors()) in.fail("consent." + e.field, e.message);
    }
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

void family_link(FamilyService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> elder = elder_id_of(req);
  if (!elder.ok()) return reply(http::problem(elder.status()));
  Result<FamilyInput> in = read_family_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.link(*elder, std::move(*in), caller_of(req),
               [reply = std::move(reply)](Result<FamilyLink> r) {
                 if (!r.ok()) return reply(http::problem(r.status()));
                 reply(http::json_response(dump(link_json(*r)), 201));
               });
}

void family_unlink(FamilyService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> elder = elder_id_of(req);
  if (!elder.ok()) return reply(http::problem(elder.status()));
  std::optional<int64_t> link = req.path_id("link_id");
  if (!link) return reply(http::problem(Status::NotFound("no family link with that id")));
  service.unlink(*elder, *link, caller_of(req), [reply = std::move(reply)](Result<FamilyLink> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    reply(http::json_response(dump(link_json(*r))));
  });
}

void family_links(FamilyService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> elder = elder_id_of(req);
  if (!elder.ok()) return reply(http::problem(elder.status()));
  const std::optional<std::string> all = req.query_param("all");
  if (all && *all != "true" && *all != "false") {
    return reply(
        http::problem(Status::Unprocessable("bad list parameters", {{"all", "true or false"}})));
  }
  service.links(*elder, all == std::optional<std::string>("true"), caller_of(req),
                [reply = std::move(reply)](Result<std::vector<FamilyLink>> r) {
                  if (!r.ok()) return reply(http::problem(r.status()));
                  ordered_json items = ordered_json::array();
                  for (const FamilyLink& l : *r) items.push_back(link_json(l));
                  reply(http::json_response(dump({{"items", std::move(items)}})));
                });
}

void my_elders(FamilyService& service, http::Request& req, http::Reply reply) {
  service.my_elders(
      caller_of(req), [&service, reply = std::move(reply)](Result<std::vector<FamilyElder>> r) {
        if (!r.ok()) return reply(http::problem(r.status()));
        const int64_t now = service.now();
        ordered_json items = ordered_json::array();
        for (const FamilyElder& f : *r) {
          ordered_json errands = ordered_json::array();
          for (const FamilyErrand& e : f.open_errands) {
            ErrandView v;
            v.errand = e.errand;
            v.elder.id = f.elder_id;
            v.elder.name = f.name;
            v.family = true;
            v.team_phone = e.team_phone;
            errands.push_back(errand_family_json(v, now));
          }
          items.push_back({{"id", f.elder_id},
                           {"name", f.name},
                           {"relation", f.relation},
                           {"team_phone", f.team_phone.empty() ? ordered_json(nullptr)
                                                               : ordered_json(f.team_phone)},
                           {"closed", f.closed},
                           {"open_errands", std::move(errands)}});
        }
        reply(http::json_response(dump({{"items", std::move(items)}})));
      });
}

}  // namespace

void register_family_routes(http::Router& router, std::shared_ptr<FamilyService> service) {
  using http::Method;
  using http::Role;
  const std::string elders = kEldersApi;
  auto bind = [service](FamilyFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kWorker});
  router.add(Method::kPost, elders + "/{id}/family", staff, bind(family_link),
             {.body_limit = 4096,
              .summary = "Link a resident account as the elder's family member (her consent "
                         "recorded; audited)"});
  router.add(Method::kGet, elders + "/{id}/family",
             http::Access::Roles({Role::kAdmin, Role::kWorker, Role::kVolunteer}),
             bind(family_links),
             {.summary = "The elder's family members (?all=true: ended links too)"});
  router.add(Method::kDelete, elders + "/{id}/family/{link_id}", staff, bind(family_unlink),
             {.summary = "Unlink a family member (audited)"});
  router.add(
      Method::kGet, "/api/v1/my/elders", http::Access::Roles({Role::kResident}), bind(my_elders),
      {.summary = "A family member's elders: name, her team's phone, open errands (audited)"});
}

}  // namespace warmcity::eldercare
