// Routes of the red proxy cards (红色代办卡) and the phone desk's lookup by
// card number or caller ID (eldercare.h). HTTP only: answers come from
// ElderService.
#include <utility>

#include "core/phone.h"
#include "eldercare/card_number.h"
#include "eldercare/card_svg.h"
#include "eldercare/elder_json.h"
#include "eldercare/routes.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

Result<CardInput> read_card_input(std::string_view body) {
  Result<nlohmann::json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  CardInput out;
  for (auto [field, value] : {std::pair{"committee_phone", &out.committee_phone},
                              std::pair{"team_phone", &out.team_phone}}) {
    std::optional<std::string> p = in.required_string(field, 1, 20);
    if (p && !core::is_valid_phone(*p)) {
      in.fail(field, "not a phone: a mainland mobile (11 digits) or a landline with area code");
    } else if (p) {
      *value = *p;
    }
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

void issue(ElderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<CardInput> in = read_card_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.issue_card(*id, std::move(*in), caller_of(req),
                     [reply = std::move(reply)](Result<Card> c) {
                       if (!c.ok()) return reply(http::problem(c.status()));
                       reply(http::json_response(dump(card_json(*c)), 201));
                     });
}

void read_card(ElderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<Card> c = service.card(*id, caller_of(req));
  if (!c.ok()) return reply(http::problem(c.status()));
  reply(http::json_response(dump(card_json(*c))));
}

void print_card(ElderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<Card> c = service.card(*id, caller_of(req));
  if (!c.ok()) return reply(http::problem(c.status()));
  Result<std::string> svg = card_svg(*c);
  if (!svg.ok()) return reply(http::problem(svg.status()));
  http::Response r;
  r.content_type = "image/svg+xml; charset=utf-8";
  r.body = std::move(*svg);
  r.set_header("Cache-Control", "no-store");
  reply(std::move(r));
}

void revoke(ElderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  std::string reason = req.query_param("reason").value_or("withdrawn");
  if (reason != "lost" && reason != "damaged" && reason != "withdrawn") {
    return reply(http::problem(
        Status::Unprocessable("bad reason", {{"reason", "lost, damaged or withdrawn"}})));
  }
  service.revoke_card(*id, std::move(reason), caller_of(req),
                      [reply = std::move(reply)](Result<Card> c) {
                        if (!c.ok()) return reply(http::problem(c.status()));
                        reply(http::json_response(dump(card_json(*c))));
                      });
}

// GET /elders/lookup?card= | ?phone=: the phone desk's one step.
void lookup(ElderService& service, http::Request& req, http::Reply reply) {
  const std::optional<std::string> card = req.query_param("card");
  const std::optional<std::string> phone = req.query_param("phone");
  if (card.has_value() == phone.has_value()) {
    return reply(http::problem(Status::Unprocessable(
        "bad lookup", {{card ? "phone" : "card", "give exactly one of card and phone"}})));
  }
  if (card) {
    std::optional<std::string> number = parse_card_number(*card);
    if (!number) {
      return reply(http::problem(Status::Unprocessable(
          "bad lookup", {{"card", "not a card number: ten digits whose last is a check digit"}})));
    }
    return service.lookup_card(
        std::move(*number), caller_of(req), [reply = std::move(reply)](Result<CardLookup> r) {
          if (!r.ok()) return reply(http::problem(r.status()));
          if (!r->elder) {
            http::Response gone = http::problem(
                410, "revoked: card " + format_card_number(r->card.number) +
                         " was revoked and opens no record; ask the caller who she is");
            reply(std::move(gone));
            return;
          }
          ordered_json items = ordered_json::array();
          items.push_back(elder_json(r->elder->elder, r->elder->view));
          reply(
              http::json_response(dump({{"match", "card"},
                                        {"card", {{"number", r->card.number}, {"state", "active"}}},
                                        {"items", std::move(items)}})));
        });
  }
  std::optional<std::string> form = caller_id_form(*phone);
  if (!form) {
    return reply(http::problem(Status::Unprocessable(
        "bad lookup",
        {{"phone", "not a phone: a mainland mobile or a landline with area code (+86 allowed)"}})));
  }
  service.lookup_phone(
      std::move(*form), caller_of(req),
      [reply = std::move(reply)](Result<std::vector<ElderView>> r) {
        if (!r.ok()) return reply(http::problem(r.status()));
        ordered_json items = ordered_json::array();
        for (const ElderView& v : *r) items.push_back(elder_json(v.elder, v.view));
        reply(http::json_response(dump({{"match", "phone"}, {"items", std::move(items)}})));
      });
}

}  // namespace

void register_card_routes(http::Router& router, ElderService& service) {
  using http::Method;
  using http::Role;
  const std::string api = kEldersApi;
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kWorker});
  auto bind = [&service](RouteFn f) { return handler(service, f); };
  router.add(Method::kGet, api + "/lookup", staff, bind(lookup),
             {.summary = "The phone desk: an elder by card number or caller ID (audited)"});
  router.add(Method::kPost, api + "/{id}/card", staff, bind(issue),
             {.body_limit = 1024, .summary = "Issue (or reissue) an elder's red proxy card"});
  router.add(Method::kGet, api + "/{id}/card", staff, bind(read_card),
             {.summary = "An elder's active red proxy card"});
  router.add(Method::kDelete, api + "/{id}/card", staff, bind(revoke),
             {.summary = "Revoke an elder's red proxy card (?reason=lost|damaged|withdrawn)"});
  router.add(Method::kGet, api + "/{id}/card.svg", staff, bind(print_card),
             {.summary = "The printable red proxy card (SVG)"});
}

}  // namespace warmcity::eldercare
