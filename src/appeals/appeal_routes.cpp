// Routes of single appeals (see appeals.h): submit, list, read (with the
// audited contact reveal), workflow steps, follow, photos; and the month's
// counts (appeal_counts.h) the dashboard reads instead of paging the list.
#include <memory>
#include <utility>

#include "appeals/appeal_counts.h"
#include "appeals/appeal_input.h"
#include "appeals/appeal_json.h"
#include "appeals/counts_json.h"
#include "appeals/routes.h"
#include "core/time.h"
#include "http/pagination.h"
#include "http/problem.h"
#include "photos/photos.h"
#include "rates/rates.h"

namespace warmcity::appeals {

namespace {

using nlohmann::ordered_json;

// The category of `a` for display; nullptr when it cannot be read.
std::shared_ptr<Category> category_of(const AppealService& service, const Appeal& a) {
  Result<Category> c = service.category_by_id(a.category_id);
  return c.ok() ? std::make_shared<Category>(std::move(*c)) : nullptr;
}

Result<Appeal> readable(const AppealService& service, const http::Request& req, const Caller& by) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return Status::NotFound("no appeal with that id");
  Result<Appeal> a = service.get(*id);
  if (!a.ok()) return a.status();
  if (!service.may_read(*a, by)) {
    return Status::PermissionDenied(
        "only staff, the assigned department and the reporter "
        "read an appeal");
  }
  return a;
}

ordered_json view(const AppealService& service, const Appeal& a, const Caller& by,
                  const std::optional<Contact>& revealed = std::nullopt) {
  std::shared_ptr<Category> c = category_of(service, a);
  return appeal_json(a, c.get(), service.contact_view(a, by), service.allowed(a, by), service.now(),
                     revealed);
}

void submit(AppealService& service, http::Request& req, http::Reply reply) {
  const std::optional<std::string> coord = req.query_param("coord");
  if (coord && *coord != "wgs84" && *coord != "gcj02") {
    return reply(
        http::problem(Status::Unprocessable("bad coord", {{"coord", "must be wgs84 or gcj02"}})));
  }
  Result<NewAppeal> in = read_new_appeal(req.body, coord == "gcj02");
  if (!in.ok()) return reply(http::problem(in.status()));
  const std::string category = in->category_code;
  service.submit(
      std::move(*in), caller_of(req), [category, reply = std::move(reply)](Result<Appeal> saved) {
        if (!saved.ok()) return reply(http::problem(saved.status()));
        http::Response r = http::json_response(dump(receipt_json(*saved, category)), 201);
        r.set_header("Location", std::string(kAppealsApi) + "/" + std::to_string(saved->id));
        reply(std::move(r));
      });
}

// POST /appeals/{id}/photos: one image as the body; X-Photo-Token from the
// submission's answer, or the reporter's session. Sniffing and stripping
// run on the appeals' own thread, not this I/O thread.
void add_photo(AppealService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no appeal with that id")));
  const std::string_view type = req.header("content-type");
  const std::string_view base = type.substr(0, type.find(';'));
  if (base != "image/jpeg" && base != "image/png" && base != "image/webp") {
    return reply(http::problem(
        Status::UnsupportedMedia("send one photo as image/jpeg, image/png or image/webp")));
  }
  std::optional<std::string> token;
  if (std::string_view t = req.header("x-photo-token"); !t.empty()) token = std::string(t);
  auto work = [&service, id = *id, bytes = std::move(req.body), token = std::move(token),
               by = caller_of(req), reply]() mutable {
    service.add_photo(
        id, std::move(bytes), std::move(token), std::move(by), [reply](Result<Appeal> a) {
          if (!a.ok()) return reply(http::problem(a.status()));
          const size_t n = a->photos.size();
          http::Response r = http::json_response(dump(photo_json(*a, n - 1)), 201);
          r.set_header("Location", std::string(kAppealsApi) + "/" + std::to_string(a->id) +
                                       "/photos/" + std::to_string(n));
          reply(std::move(r));
        });
  };
  if (!service.post_slow(std::move(work))) {
    http::Response busy =
        http::problem(503, "too many photos are being read at once; try again shortly");
    busy.set_header("Retry-After", "5");
    reply(std::move(busy));
  }
}

void list(AppealService& service, http::Request& req, http::Reply reply) {
  Result<http::Page> page = http::parse_page(req, 50, 200);
  if (!page.ok()) return reply(http::problem(page.status()));
  const Caller by = caller_of(req);
  AppealFilter f;
  f.before_id = page->before_id;
  f.limit = page->limit + 1;
  std::vector<FieldError> errors;
  for (const std::string& s : req.query_params("state")) {
    if (std::optional<State> st = parse_state(s)) {
      f.states.push_back(*st);
    } else {
      errors.push_back({"state", "unknown state " + s});
    }
  }
  if (std::optional<std::string> code = req.query_param("category")) {
    Result<Category> c = service.category(*code);
    if (c.ok()) {
      f.category_ids.push_back(c->id);
    } else {
      errors.push_back({"category", "no such appeal category"});
    }
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  if (req.query_param("mine") == "true" || (!by.is_staff() && by.role != "department")) {
    f.reporter_user_id = by.user_id;
  } else if (by.role == "department") {
    f.assigned_org_ids = by.organisation_ids;
    if (f.assigned_org_ids.empty()) f.assigned_org_ids.push_back(-1);
  } else if (by.role == "worker") {
    f.area_ids = by.area_ids;  // empty: a district worker sees all
  }
  Result<std::vector<Appeal>> rows = service.list(f);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  const bool more = rows->size() > static_cast<size_t>(page->limit);
  if (more) rows->pop_back();
  ordered_json items = ordered_json::array();
  for (const Appeal& a : *rows) items.push_back(view(service, a, by));
  ordered_json next = more ? ordered_json(http::encode_cursor(rows->back().id)) : nullptr;
  reply(http::json_response(dump({{"items", std::move(items)}, {"next_cursor", std::move(next)}})));
}

void get_one(AppealService& service, http::Request& req, http::Reply reply) {
  const Caller by = caller_of(req);
  Result<Appeal> a = readable(service, req, by);
  if (!a.ok()) return reply(http::problem(a.status()));
  std::optional<std::string> reveal = req.query_param("reveal");
  if (reveal && *reveal != "contact") {
    return reply(http::problem(
        Status::Unprocessable("bad query parameters", {{"reveal", "the only value is contact"}})));
  }
  auto answer = [&service, by, appeal = *a](const std::optional<Contact>& revealed) {
    ordered_json body = view(service, appeal, by, revealed);
    const bool internal = service.reads_internal_events(appeal, by);
    Result<std::vector<Event>> events = service.events(appeal.id, !internal);
    ordered_json list = ordered_json::array();
    if (events.ok()) {
      for (const Event& e : *events) list.push_back(event_json(e, internal));
    }
    body["events"] = std::move(list);
    return http::json_response(dump(body));
  };
  if (!reveal) return reply(answer(std::nullopt));
  service.reveal_contact(a->id, by, [answer, reply = std::move(reply)](Result<Contact> contact) {
    if (!contact.ok()) return reply(http::problem(contact.status()));
    reply(answer(*contact));
  });
}

void take_step(AppealService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no appeal with that id")));
  Result<StepRequest> step = read_step(req.body);
  if (!step.ok()) return reply(http::problem(step.status()));
  const Caller by = caller_of(req);
  service.take_step(*id, std::move(*step), by,
                    [&service, id = *id, by, reply = std::move(reply)](Result<Appeal> a) {
                      if (a.ok()) return reply(http::json_response(dump(view(service, *a, by))));
                      const Code code = a.status().code();
                      if (code != Code::kConflict && code != Code::kPermissionDenied) {
                        return reply(http::problem(a.status()));
                      }
                      // The allowed steps only to a caller who may read the appeal.
                      Result<Appeal> now = service.get(id);
                      if (!now.ok() || !service.may_read(*now, by)) {
                        return reply(http::problem(a.status()));
                      }
                      reply(problem_with_steps(a.status(), service.allowed(*now, by)));
                    });
}

void follow(AppealService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no appeal with that id")));
  service.follow(*id, caller_of(req), [reply = std::move(reply)](Result<int64_t> followers) {
    if (!followers.ok()) return reply(http::problem(followers.status()));
    reply(http::json_response(dump({{"followers", *followers}})));
  });
}

void photo(AppealService& service, http::Request& req, http::Reply reply) {
  Result<Appeal> a = readable(service, req, caller_of(req));
  if (!a.ok()) return reply(http::problem(a.status()));
  std::optional<int64_t> n = req.path_id("n");
  if (!n || *n > static_cast<int64_t>(a->photos.size())) {
    return reply(http::problem(Status::NotFound("no such photo")));
  }
  const Photo& p = a->photos[*n - 1];
  Result<std::string> bytes = service.photos().read(p);
  if (!bytes.ok()) return reply(http::problem(bytes.status()));
  http::Response r;
  r.content_type = p.media_type;
  r.body = std::move(*bytes);
  r.set_header("Cache-Control", "private, no-store");  // a resident's photo: kept by no cache
  reply(std::move(r));
}

// GET /appeals/counts?month=YYYY-MM&by=…: the month in district time
// (rates::parse_month), narrowed to what the caller's list would show.
void counts(AppealService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  std::optional<rates::Month> month;
  const std::optional<std::string> m = req.query_param("month");
  if (Result<rates::Month> parsed = rates::parse_month(m.value_or("")); parsed.ok()) {
    month = *parsed;
  } else {
    errors.push_back({"month", "required: a month YYYY-MM from 1970-01 to 9999-12, e.g. 2026-11"});
  }
  const std::optional<CountBy> by = parse_count_by(req.query_param("by").value_or("state"));
  if (!by) {
    errors.push_back(
        {"by",
         "one of state, category, channel, area (the community), subdistrict, community, "
         "grid"});
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad counts query", std::move(errors))));
  }
  const Caller caller = caller_of(req);
  CountQuery q{.by = *by, .from = month->from, .until = month->until};
  if (caller.role == "department") {
    q.assigned_org_ids = caller.organisation_ids;
    if (q.assigned_org_ids.empty()) q.assigned_org_ids.push_back(-1);
  } else if (caller.role == "worker") {
    q.area_ids = caller.area_ids;  // empty: a district worker counts all
  }
  Result<std::vector<CountCell>> cells = service.counts(q);
  if (!cells.ok()) return reply(http::problem(cells.status()));

  // Each category looked up once (the answer names it with its code and names).
  std::map<int64_t, std::optional<Category>> categories;
  const CategoryOf category = [&](int64_t id) -> const Category* {
    auto it = categories.find(id);
    if (it == categories.end()) {
      Result<Category> c = service.category_by_id(id);
      it = categories.emplace(id, c.ok() ? std::optional<Category>(std::move(*c)) : std::nullopt)
               .first;
    }
    return it->second ? &*it->second : nullptr;
  };
  const CountsHeader header{.month = month->text(),
                            .from = core::format_rfc3339(month->from),
                            .until = core::format_rfc3339(month->until)};
  reply(http::json_response(counts_json(header, *by, *cells, category)));
}

}  // namespace

void register_appeal_routes(http::Router& router, AppealService& service) {
  using http::Access;
  using http::Method;
  const std::string api = kAppealsApi;
  auto bind = [&service](void (*f)(AppealService&, http::Request&, http::Reply)) {
    return
        [&service, f](http::Request& req, http::Reply reply) { f(service, req, std::move(reply)); };
  };
  // Text only: photos follow one request each (add_photo).
  router.add(Method::kPost, api, Access::Public(), bind(submit),
             {.body_limit = 64 * 1024, .json_body = true, .summary = "Submit an appeal"});
  router.add(Method::kPost, api + "/{id}/photos", Access::Public(), bind(add_photo),
             {.body_limit = photos::kMaxPhotoBytes,
              .json_body = false,
              .summary = "Attach a photo (the body) to an appeal"});
  router.add(Method::kGet, api, Access::AnyUser(), bind(list),
             {.summary = "List appeals (?state=&category=&mine=true)"});
  // The dashboard's roles, as GET /api/v1/rates.
  router.add(Method::kGet, api + "/counts",
             Access::Roles({http::Role::kAdmin, http::Role::kWorker, http::Role::kDepartment}),
             bind(counts),
             // A month of appeals grouped: tens of ms at a city's scale.
             {.summary = "Appeals submitted in a month by state, category, channel or area",
              .slow = true});
  router.add(Method::kGet, api + "/{id}", Access::AnyUser(), bind(get_one),
             {.summary = "Read an appeal with its events; ?reveal=contact (audited)"});
  router.add(Method::kPost, api + "/{id}/steps", Access::AnyUser(), bind(take_step),
             {.body_limit = 16 * 1024, .json_body = true, .summary = "Take a workflow step"});
  router.add(Method::kPost, api + "/{id}/follow", Access::AnyUser(), bind(follow),
             {.body_limit = 1024, .json_body = false, .summary = "Follow an appeal"});
  router.add(Method::kGet, api + "/{id}/photos/{n}", Access::AnyUser(), bind(photo),
             {.summary = "A photo of an appeal"});
}

}  // namespace warmcity::appeals
