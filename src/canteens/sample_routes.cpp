// Routes of the food-safety sample log (sample_service.h) under
// /api/v1/canteens/{id}/samples: record, the day's log (JSON and CSV for the
// inspectors), destroy after 48 hours, void a mistaken record. HTTP only:
// every answer comes from SampleService.
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "canteens/routes.h"
#include "canteens/sample_csv.h"
#include "canteens/sample_service.h"
#include "core/time.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::canteens {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

using SampleFn = void (*)(SampleService&, http::Request&, http::Reply);

std::string sample_dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json sample_time_or_null(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json sample_actor_json(const Actor& a) { return {{"id", a.id}, {"name", a.name}}; }

ordered_json sample_actor_or_null(const std::optional<Actor>& a) {
  return a ? sample_actor_json(*a) : ordered_json(nullptr);
}

ordered_json sample_json(const Sample& s) {
  return {{"id", s.id},
          {"canteen_id", s.canteen_id},
          {"date", s.date},
          {"meal", s.meal},
          {"dish_name", s.dish_name},
          {"dish_id", s.dish_id ? ordered_json(*s.dish_id) : ordered_json(nullptr)},
          {"weight_g", s.weight_g},
          {"taken_at", core::format_rfc3339(s.taken_at)},
          {"taken_by", sample_actor_json(s.taken_by)},
          {"fridge", s.fridge},
          {"note", s.note},
          {"recorded_at", core::format_rfc3339(s.recorded_at)},
          {"keep_until", core::format_rfc3339(keep_until(s.taken_at, s.recorded_at))},
          {"destroyed_at", sample_time_or_null(s.destroyed_at)},
          {"destroyed_by", sample_actor_or_null(s.destroyed_by)},
          {"voided_at", sample_time_or_null(s.voided_at)},
          {"voided_by", sample_actor_or_null(s.voided_by)},
          {"void_reason", s.voided_at ? ordered_json(s.void_reason) : ordered_json(nullptr)}};
}

std::string samples_path(int64_t canteen_id) {
  return std::string(kCanteensApi) + "/" + std::to_string(canteen_id) + "/samples";
}

// {"date", "meal", "dish_name", "dish_id"?, "weight_g", "taken_at", "fridge", "note"?}
Result<SampleInput> read_sample_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  SampleInput out;
  out.date = in.required_string("date", 10, 10).value_or("");
  out.meal = in.required_string("meal", 1, 16).value_or("");
  out.dish_name = in.required_string("dish_name", 1, kMaxDishName).value_or("");
  out.dish_id = in.optional_int("dish_id", 1, INT64_MAX);
  out.weight_g = in.required_int("weight_g", 1, kMaxSampleGrams).value_or(0);
  std::optional<std::string> taken_at = in.required_string("taken_at", 1, 40);
  if (taken_at) {
    Result<int64_t> t = core::parse_rfc3339(*taken_at);
    if (t.ok()) {
      out.taken_at = *t;
    } else {
      in.fail("taken_at", "a time as RFC 3339 with offset, e.g. 2026-12-05T11:20:00+08:00");
    }
  }
  out.fridge = in.required_string("fridge", 1, kMaxFridge).value_or("");
  out.note = in.optional_string("note", 0, kMaxNote).value_or("");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<int64_t> sample_id_of(const http::Request& req) {
  std::optional<int64_t> id = req.path_id("sid");
  if (!id) return Status::NotFound("no sample with that id");
  return *id;
}

void record_sample(SampleService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<SampleInput> in = read_sample_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.record(
      *canteen, std::move(*in), caller_of(req), [reply = std::move(reply)](Result<Sample> r) {
        if (!r.ok()) return reply(http::problem(r.status()));
        http::Response res = http::json_response(sample_dump(sample_json(*r)), 201);
        res.set_header("Location", samples_path(r->canteen_id) + "/" + std::to_string(r->id));
        reply(std::move(res));
      });
}

// The day's log, or the problem to answer.
Result<SampleDay> read_sample_day(SampleService& service, http::Request& req) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return canteen.status();
  std::optional<std::string> date = req.query_param("date");
  if (!date) return Status::Unprocessable("bad date", {{"date", "is required (YYYY-MM-DD)"}});
  return service.day(*canteen, *date, caller_of(req));
}

void sample_day_json(SampleService& service, http::Request& req, http::Reply reply) {
  Result<SampleDay> day = read_sample_day(service, req);
  if (!day.ok()) return reply(http::problem(day.status()));
  ordered_json items = ordered_json::array();
  for (const Sample& s : day->items) items.push_back(sample_json(s));
  reply(http::json_response(
      sample_dump({{"canteen", {{"id", day->canteen.id}, {"name", day->canteen.name}}},
                   {"date", day->date},
                   {"items", std::move(items)}})));
}

void sample_day_csv_answer(SampleService& service, http::Request& req, http::Reply reply) {
  Result<SampleDay> day = read_sample_day(service, req);
  if (!day.ok()) return reply(http::problem(day.status()));
  http::Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = sample_day_csv(*day);
  r.set_header("Content-Disposition", "attachment; filename=\"samples-" +
                                          std::to_string(day->canteen.id) + "-" + day->date +
                                          ".csv\"");
  reply(std::move(r));
}

void destroy_sample(SampleService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<int64_t> sample = sample_id_of(req);
  if (!sample.ok()) return reply(http::problem(sample.status()));
  service.destroy(*canteen, *sample, caller_of(req),
                  [reply = std::move(reply)](Result<Sample> r, std::optional<int64_t> until) {
                    if (r.ok()) return reply(http::json_response(sample_dump(sample_json(*r))));
                    http::Response res = http::problem(r.status());
                    if (r.status().code() != Code::kConflict || !until) return reply(res);
                    // The refusal says when the sample may go.
                    json body = json::parse(res.body, nullptr, false);
                    if (body.is_object()) {
                      body["keep_until"] = core::format_rfc3339(*until);
                      res.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
                    }
                    reply(std::move(res));
                  });
}

void void_sample_route(SampleService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> canteen = canteen_id_of(req);
  if (!canteen.ok()) return reply(http::problem(canteen.status()));
  Result<int64_t> sample = sample_id_of(req);
  if (!sample.ok()) return reply(http::problem(sample.status()));
  Result<json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  std::string reason = in.required_string("reason", 1, kMaxVoidReason).value_or("");
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  service.void_sample(*canteen, *sample, std::move(reason), caller_of(req),
                      [reply = std::move(reply)](Result<Sample> r) {
                        if (!r.ok()) return reply(http::problem(r.status()));
                        reply(http::json_response(sample_dump(sample_json(*r))));
                      });
}

}  // namespace

void register_sample_routes(http::Router& router, std::shared_ptr<SampleService> service) {
  using http::Method;
  using http::Role;
  const std::string samples = std::string(kCanteensApi) + "/{id}/samples";
  auto bind = [service](SampleFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kKeeper});
  const http::Access readers =
      http::Access::Roles({Role::kAdmin, Role::kKeeper, Role::kDepartment});
  router.add(Method::kPost, samples, staff, bind(record_sample),
             {.body_limit = 4096,
              .summary = "Record a food-safety sample (留样) of a dish: ≥ 125 g, kept 48 h "
                         "(the canteen's staff; audited)"});
  router.add(Method::kGet, samples, readers, bind(sample_day_json),
             {.summary = "A canteen's sample log of one day (?date=YYYY-MM-DD): its staff, "
                         "admins, inspectors (department users)"});
  router.add(Method::kGet, std::string(kCanteensApi) + "/{id}/samples.csv", readers,
             bind(sample_day_csv_answer),
             {.summary = "The day's sample log as CSV for inspectors (UTF-8 with BOM, opens in "
                         "Excel)"});
  router.add(
      Method::kPost, samples + "/{sid}/destroy", staff, bind(destroy_sample),
      {.body_limit = 1024, .summary = "Destroy a sample after its 48 hours (409 before; audited)"});
  router.add(Method::kPost, samples + "/{sid}/void", staff, bind(void_sample_route),
             {.body_limit = 4096,
              .summary = "Void a mistaken sample record with a reason (the row stays; audited)"});
}

}  // namespace warmcity::canteens
