// Love-station notices and the reception schedule of liaison stations and
// service centres (see stations.h, docs/facilities.md):
//   GET    /api/v1/facilities/{id}/notices   (keepers: in force and to come)
//   POST   /api/v1/facilities/{id}/notices
//   DELETE /api/v1/facilities/{id}/notices/{notice_id}
//   PUT    /api/v1/facilities/{id}/receptions
// and what GET /api/v1/facilities/{id} adds for those kinds.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "facilities/routes.h"
#include "facilities/stations.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::facilities {

namespace {

using nlohmann::ordered_json;

ordered_json notice_json(const Notice& n) {
  return {{"id", n.id},
          {"text", n.text},
          {"valid_from", core::format_rfc3339(n.valid_from)},
          {"valid_until", core::format_rfc3339(n.valid_until)},
          {"created_at", core::format_rfc3339(n.created_at)}};
}

ordered_json receptions_json(const std::vector<Reception>& schedule, const core::Calendar& cal,
                             int64_t now) {
  ordered_json items = ordered_json::array();
  for (const Reception& r : schedule) {
    items.push_back({{"representative", r.representative},
                     {"weekday", r.weekday},
                     {"from", format_hhmm(r.from_minute)},
                     {"until", format_hhmm(r.until_minute)}});
  }
  ordered_json next = nullptr;
  if (std::optional<ReceptionTime> t = next_reception(schedule, cal, now)) {
    next = {{"representative", t->representative},
            {"from", core::format_rfc3339(t->from)},
            {"until", core::format_rfc3339(t->until)}};
  }
  return {{"receptions", std::move(items)}, {"next_reception", std::move(next)}};
}

// Reads a required RFC 3339 field; nullopt (with an error) when bad.
std::optional<int64_t> read_instant(http::FieldReader& in, const std::string& field) {
  std::optional<std::string> text = in.required_string(field, 1, 64);
  if (!text) return std::nullopt;
  Result<int64_t> t = core::parse_rfc3339(*text);
  if (!t.ok()) in.fail(field, "must be an RFC 3339 date-time, e.g. 2026-07-01T08:00:00+08:00");
  return t.ok() ? std::optional<int64_t>(*t) : std::nullopt;
}

// Reads a required "HH:MM" field.
std::optional<int> read_hhmm(http::FieldReader& in, const std::string& field) {
  std::optional<std::string> text = in.required_string(field, 1, 8);
  if (!text) return std::nullopt;
  std::optional<int> minute = parse_hhmm(*text);
  if (!minute) in.fail(field, "must be a time HH:MM from 00:00 to 24:00");
  return minute;
}

void post_notice(FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  std::optional<std::string> text = in.required_string("text", 1, 200);
  std::optional<int64_t> from = read_instant(in, "valid_from");
  std::optional<int64_t> until = read_instant(in, "valid_until");
  if (from && until) {
    for (FieldError& e : notice_window_errors(*from, *until)) in.fail(e.field, e.message);
  }
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  Notice n{0, *id, std::move(*text), *from, *until, 0, 0};
  service.add_notice(
      std::move(n), editor_of(req), [reply = std::move(reply)](Result<Notice> saved) {
        if (!saved.ok()) return reply(http::problem(saved.status()));
        http::Response r = http::json_response(dump(notice_json(*saved)), 201);
        r.set_header("Location", std::string(kApi) + "/" + std::to_string(saved->facility_id) +
                                     "/notices/" + std::to_string(saved->id));
        reply(std::move(r));
      });
}

// The notices a keeper manages: in force and to come (GET /{id} shows only
// those in force, to everyone).
void list_notices(const FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  Result<Facility> f = kept_facility(service, req, *id, "its notices");
  if (!f.ok()) return reply(http::problem(f.status()));
  if (Status s = check_notice_kind(*f); !s.ok()) return reply(http::problem(s));
  Result<std::vector<Notice>> rows = service.pending_notices(*id, core::now_unix());
  if (!rows.ok()) return reply(http::problem(rows.status()));
  ordered_json items = ordered_json::array();
  for (const Notice& n : *rows) items.push_back(notice_json(n));
  reply(http::json_response(dump({{"items", std::move(items)}})));
}

void delete_notice_route(FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  std::optional<int64_t> notice_id = req.path_id("notice_id");
  if (!id || !notice_id) return reply(http::problem(Status::NotFound("no such notice")));
  service.remove_notice(*id, *notice_id, editor_of(req), [reply = std::move(reply)](Status s) {
    if (!s.ok()) return reply(http::problem(s));
    http::Response r;
    r.status = 204;
    reply(std::move(r));
  });
}

// The schedule in `doc`, with every problem collected in `in`.
std::vector<Reception> read_schedule(const nlohmann::json& doc, http::FieldReader& in) {
  std::vector<Reception> out;
  for (const auto& [key, value] : doc.items()) {
    if (key != "receptions") in.fail(key, "unknown field");
  }
  auto list = doc.find("receptions");
  if (list == doc.end() || !list->is_array() || list->size() > kMaxReceptions) {
    in.fail("receptions", "must be an array of at most 20 receptions");
    return out;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string at = "receptions[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) {
      in.fail(at, "must be an object");
      continue;
    }
    http::FieldReader item((*list)[i]);
    std::optional<std::string> who = item.required_string("representative", 1, 40);
    std::optional<int64_t> weekday = item.required_int("weekday", 1, 7);
    std::optional<int> from = read_hhmm(item, "from");
    std::optional<int> until = read_hhmm(item, "until");
    if (from && until && *until <= *from) item.fail("until", "must be after from");
    if (from && *from >= 24 * 60) item.fail("from", "must be before 24:00");
    item.reject_unknown();
    if (!item.ok()) {
      const Status bad = item.status();
      for (const FieldError& e : bad.field_errors()) in.fail(at + "." + e.field, e.message);
      continue;
    }
    out.push_back({std::move(*who), static_cast<int>(*weekday), *from, *until});
  }
  return out;
}

void put_receptions(FacilityService& service, calendar::CalendarService& calendar,
                    http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  auto schedule = std::make_shared<std::vector<Reception>>(read_schedule(*doc, in));
  if (!in.ok()) return reply(http::problem(in.status()));
  service.set_receptions(
      *id, *schedule, editor_of(req),
      [schedule, &calendar, reply = std::move(reply)](const Status& s) {
        if (!s.ok()) return reply(http::problem(s));
        std::stable_sort(
            schedule->begin(), schedule->end(), [](const Reception& a, const Reception& b) {
              return std::pair(a.weekday, a.from_minute) < std::pair(b.weekday, b.from_minute);
            });
        reply(http::json_response(
            dump(receptions_json(*schedule, *calendar.current(), core::now_unix()))));
      });
}

}  // namespace

Status add_station_fields(ordered_json& body, const FacilityService& service, const Facility& f,
                          const core::Calendar& calendar, int64_t now) {
  Result<FacilityService::StationFields> fields = service.station_fields(f, now);
  if (!fields.ok()) return fields.status();
  if (fields->notices) {
    ordered_json items = ordered_json::array();
    for (const Notice& n : *fields->notices) items.push_back(notice_json(n));
    body["notices"] = std::move(items);
  }
  if (fields->receptions) body.update(receptions_json(*fields->receptions, calendar, now));
  return Status::Ok();
}

void register_station_routes(http::Router& router, FacilityService& service,
                             calendar::CalendarService& calendar) {
  const std::string api = kApi;
  const http::Access keepers = http::Access::Roles({http::Role::kAdmin, http::Role::kKeeper});
  router.add(http::Method::kGet, api + "/{id}/notices", keepers,
             [&service](http::Request& req, http::Reply reply) {
               list_notices(service, req, std::move(reply));
             },
             {.summary = "A love station's notices in force and to come"});
  router.add(http::Method::kPost, api + "/{id}/notices", keepers,
             [&service](http::Request& req, http::Reply reply) {
               post_notice(service, req, std::move(reply));
             },
             {.body_limit = 8 * 1024, .json_body = true, .summary = "Post a love-station notice"});
  router.add(http::Method::kDelete, api + "/{id}/notices/{notice_id}", keepers,
             [&service](http::Request& req, http::Reply reply) {
               delete_notice_route(service, req, std::move(reply));
             },
             {.summary = "Remove a love-station notice"});
  router.add(
      http::Method::kPut, api + "/{id}/receptions", keepers,
      [&service, &calendar](http::Request& req, http::Reply reply) {
        put_receptions(service, calendar, req, std::move(reply));
      },
      {.body_limit = 32 * 1024, .json_body = true, .summary = "Replace the reception schedule"});
}

}  // namespace warmcity::facilities
