// Routes of the meal-subsidy rules (subsidy_service.h): the versions, a new
// version, replacing one not yet in force, and a canteen's quote for a meal.
// HTTP only: every answer comes from SubsidyService.
#include <charconv>
#include <memory>
#include <utility>

#include "canteens/routes.h"
#include "canteens/subsidy_json.h"
#include "canteens/subsidy_service.h"
#include "eldercare/card_number.h"
#include "http/problem.h"
#include "http/router.h"

namespace warmcity::canteens {

namespace {

using http::Method;
using http::Role;
using nlohmann::ordered_json;

constexpr char kSubsidiesApi[] = "/api/v1/canteen-subsidies";
constexpr int64_t kQuotePriceMax = 100000;  // ¥1000: no canteen meal costs more

using SubsidyRouteFn = void (*)(SubsidyService&, http::Request&, http::Reply);
// The handlers share the service: it lives as long as the router's routes.
http::Handler subsidy_handler(const std::shared_ptr<SubsidyService>& service, SubsidyRouteFn f) {
  return
      [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
}

// A whole number in [min, max] from the query, or an error for `name`.
std::optional<int64_t> query_int(const http::Request& req, const char* name, int64_t min,
                                 int64_t max, bool required, std::vector<FieldError>& errors) {
  std::optional<std::string> text = req.query_param(name);
  if (!text) {
    if (required) errors.push_back({name, "is required"});
    return std::nullopt;
  }
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < min || v > max) {
    errors.push_back(
        {name, "a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
    return std::nullopt;
  }
  return v;
}

Result<QuoteRequest> read_quote_request(const http::Request& req) {
  std::vector<FieldError> errors;
  QuoteRequest q;
  // The diner shows her card; a record id would let a counter walk the
  // register.
  if (req.query_param("elder_id")) {
    errors.push_back({"elder_id", "unknown parameter: name the elder by her card (card=)"});
  }
  if (std::optional<std::string> card = req.query_param("card")) {
    q.card = eldercare::parse_card_number(*card);
    if (!q.card) {
      errors.push_back({"card", "not a card number: ten digits whose last is a check digit"});
    }
  }
  Result<core::LocalDate> date = core::parse_date(req.query_param("date").value_or(""));
  if (date.ok()) {
    q.date = *date;
  } else {
    errors.push_back({"date", "the meal's day, YYYY-MM-DD"});
  }
  if (std::optional<Meal> meal = parse_meal(req.query_param("meal").value_or(""))) {
    q.meal = *meal;
  } else {
    errors.push_back({"meal", "breakfast, lunch or dinner"});
  }
  q.price_fen = query_int(req, "price_fen", 0, kQuotePriceMax, true, errors).value_or(0);
  if (!errors.empty()) {
    return Status::Unprocessable("bad quote parameters", std::move(errors));
  }
  return q;
}

void list_versions(SubsidyService& service, http::Request&, http::Reply reply) {
  Result<SubsidyVersions> v = service.versions();
  if (!v.ok()) return reply(http::problem(v.status()));
  ordered_json items = ordered_json::array();
  for (const SubsidyRules& r : v->versions) {
    items.push_back(subsidy_version_json(r, v->today, v->in_force_id));
  }
  reply(http::json_response(dump_json(
      {{"today", core::format_date(v->today)},
       {"in_force_id", v->in_force_id ? ordered_json(*v->in_force_id) : ordered_json(nullptr)},
       {"items", std::move(items)}})));
}

// The answer to a create or a replace: the version as it stands now.
void answer_version(SubsidyService& service, const Result<SubsidyRules>& r, int status,
                    const http::Reply& reply) {
  if (!r.ok()) return reply(http::problem(r.status()));
  const core::LocalDate today = service.today();
  const std::optional<int64_t> in_force =
      r->effective_from <= today ? std::optional<int64_t>(r->id) : std::nullopt;
  http::Response res =
      http::json_response(dump_json(subsidy_version_json(*r, today, in_force)), status);
  if (status == 201) {
    res.set_header("Location", std::string(kSubsidiesApi) + "/" + std::to_string(r->id));
  }
  reply(std::move(res));
}

void create_version(SubsidyService& service, http::Request& req, http::Reply reply) {
  Result<SubsidyRules> in = read_subsidy_rules(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.create(std::move(*in), caller_of(req),
                 [&service, reply = std::move(reply)](Result<SubsidyRules> r) {
                   answer_version(service, r, 201, reply);
                 });
}

void replace_version(SubsidyService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no subsidy rule version with that id")));
  Result<SubsidyRules> in = read_subsidy_rules(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.replace(*id, std::move(*in), caller_of(req),
                  [&service, reply = std::move(reply)](Result<SubsidyRules> r) {
                    answer_version(service, r, 200, reply);
                  });
}

void quote_route(SubsidyService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<QuoteRequest> q = read_quote_request(req);
  if (!q.ok()) return reply(http::problem(q.status()));
  service.quote(*canteen, *q, caller_of(req),
                [asked = *q, reply = std::move(reply)](Result<ElderQuote> r) {
                  if (!r.ok()) return reply(http::problem(r.status()));
                  reply(http::json_response(dump_json(elder_quote_json(*r, asked))));
                });
}

}  // namespace

void register_subsidy_routes(http::Router& router, std::shared_ptr<SubsidyService> service) {
  const std::string api = kSubsidiesApi;
  const http::Access admin = http::Access::Roles({Role::kAdmin});
  router.add(Method::kGet, api, http::Access::Roles({Role::kAdmin, Role::kKeeper, Role::kWorker}),
             subsidy_handler(service, list_versions),
             {.summary = "The elders' meal-subsidy rule versions, the one in force marked"});
  router.add(Method::kPost, api, admin, subsidy_handler(service, create_version),
             {.body_limit = 64 * 1024,
              .summary = "A new version of the meal-subsidy rules, from tomorrow or later"});
  router.add(
      Method::kPut, api + "/{id}", admin, subsidy_handler(service, replace_version),
      {.body_limit = 64 * 1024, .summary = "Replace a meal-subsidy rule version not yet in force"});
  router.add(Method::kGet, std::string(kCanteensApi) + "/{id}/subsidy-quote",
             http::Access::Roles({Role::kAdmin, Role::kKeeper}),
             subsidy_handler(service, quote_route),
             {.summary = "What the elder with this card pays for a meal here, and why (audited)"});
}

}  // namespace warmcity::canteens
