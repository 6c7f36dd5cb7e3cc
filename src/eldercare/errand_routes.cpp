// Routes of the errands (代购 / 代办, eldercare.h): record one for an elder,
// her errands, the queues, one errand, its steps. HTTP only: every answer
// comes from ErrandService.
#include <utility>

#include "eldercare/elder_json.h"
#include "eldercare/eldercare.h"
#include "eldercare/errand_input.h"
#include "eldercare/errand_json.h"
#include "eldercare/routes.h"
#include "http/pagination.h"
#include "http/problem.h"
#include "photos/photo_text.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

inline constexpr char kErrandsApi[] = "/api/v1/errands";

using ErrandFn = void (*)(ErrandService&, http::Request&, http::Reply);

http::Response errand_answer(const ErrandService& service, const Result<Errand>& r,
                             int status = 200) {
  if (!r.ok()) return http::problem(r.status());
  return http::json_response(dump(errand_json(*r, service.now())), status);
}

void errand_create(ErrandService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> elder = elder_id_of(req);
  if (!elder.ok()) return reply(http::problem(elder.status()));
  Result<ErrandInput> in = read_errand_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  const Caller by = caller_of(req);
  service.create(
      *elder, std::move(*in), by, [&service, by, reply = std::move(reply)](Result<Errand> r) {
        if (r.ok() && by.role == "resident") {
          // A family member gets her errand as she will follow it
          // (the family view), not the staff's record. It is saved whatever
          // that read answers: failing it, the view holds the errand alone
          // (no name, no team phone) — never an error she would retry.
          const std::string at = std::string(kErrandsApi) + "/" + std::to_string(r->id);
          return service.read(r->id, by, [&service, at, made = *r, reply](Result<ErrandDetail> d) {
            const ErrandView alone{made, Elder{}, View::kMasked, false, true, ""};
            http::Response res = http::json_response(
                dump(errand_view_json(d.ok() ? d->view : alone, service.now())), 201);
            res.set_header("Location", at);
            reply(std::move(res));
          });
        }
        http::Response res = errand_answer(service, r, 201);
        if (r.ok()) {
          res.set_header("Location", std::string(kErrandsApi) + "/" + std::to_string(r->id));
        }
        reply(std::move(res));
      });
}

// The page as {items, next_cursor}.
void errand_page(const ErrandService& service, const ErrandPage& page, const http::Reply& reply) {
  const int64_t now = service.now();
  ordered_json items = ordered_json::array();
  for (const ErrandView& v : page.items) items.push_back(errand_view_json(v, now));
  ordered_json next =
      page.next_before_id ? ordered_json(http::encode_cursor(*page.next_before_id)) : nullptr;
  reply(http::json_response(dump({{"items", std::move(items)}, {"next_cursor", std::move(next)}})));
}

void errand_list_with(ErrandService& service, http::Request& req, http::Reply reply,
                      std::optional<int64_t> elder) {
  Result<http::Page> page = http::parse_page(req, 50, 200);
  if (!page.ok()) return reply(http::problem(page.status()));
  ErrandQuery q;
  q.elder_id = elder;
  q.before_id = page->before_id;
  q.limit = page->limit;
  std::vector<FieldError> errors;
  if (!elder) {
    q.team_id = query_id(req, "team_id", errors);
    q.community_id = query_id(req, "community_id", errors);
    q.elder_id = query_id(req, "elder_id", errors);  // a family member's follow-up
  }
  const std::optional<std::string> queue = req.query_param("queue");
  if (!queue || *queue == "all") {
    q.queue = ErrandQueue::kAll;
  } else if (*queue == "open") {
    q.queue = ErrandQueue::kOpen;
  } else if (*queue == "today") {
    q.queue = ErrandQueue::kToday;
  } else if (*queue == "overdue") {
    q.queue = ErrandQueue::kOverdue;
  } else {
    errors.push_back({"queue", "all, open, today or overdue"});
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  service.list(std::move(q), caller_of(req),
               [&service, reply = std::move(reply)](Result<ErrandPage> page) {
                 if (!page.ok()) return reply(http::problem(page.status()));
                 errand_page(service, *page, reply);
               });
}

void errand_list(ErrandService& service, http::Request& req, http::Reply reply) {
  errand_list_with(service, req, std::move(reply), std::nullopt);
}

void errand_history(ErrandService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> elder = elder_id_of(req);
  if (!elder.ok()) return reply(http::problem(elder.status()));
  errand_list_with(service, req, std::move(reply), *elder);
}

void errand_get(ErrandService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no errand with that id")));
  service.read(*id, caller_of(req), [&service, reply = std::move(reply)](Result<ErrandDetail> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    ordered_json out = errand_view_json(r->view, service.now());
    // The history names who received the goods and who agreed to a
    // substitution: for the people who serve her only.
    ordered_json history = nullptr;
    if (r->view.view == View::kFull) {
      history = ordered_json::array();
      for (const ErrandEvent& e : r->history) history.push_back(errand_event_json(e));
    }
    out["history"] = std::move(history);
    reply(http::json_response(dump(out)));
  });
}

// A step's body is read here, unless it is large enough to hold a receipt
// photo: then it is read (the photo decoded and checked) on the errands'
// slow-work thread, never this I/O thread.
inline constexpr size_t kStepBodyReadInline = 16 * 1024;

void errand_step(ErrandService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no errand with that id")));
  const size_t size = req.body.size();
  auto work = [&service, id = *id, body = std::move(req.body), by = caller_of(req), reply]() {
    Result<ErrandStepInput> in = read_step_input(body);
    if (!in.ok()) return reply(http::problem(in.status()));
    service.step(id, std::move(*in), by,
                 [&service, reply](Result<Errand> r) { reply(errand_answer(service, r)); });
  };
  if (size <= kStepBodyReadInline) return work();
  if (!service.post_slow(std::move(work))) {
    http::Response busy =
        http::problem(503, "too many photos are being read at once; try again shortly");
    busy.set_header("Retry-After", "5");
    reply(std::move(busy));
  }
}

void errand_receipt_photo(ErrandService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no errand with that id")));
  service.receipt_photo(*id, caller_of(req), [reply = std::move(reply)](Result<ReceiptImage> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    http::Response out;
    out.content_type = r->media_type;
    out.body = std::move(r->bytes);
    out.set_header("Cache-Control", "private, no-store");  // her receipt: kept by no cache
    reply(std::move(out));
  });
}

}  // namespace

void register_errand_routes(http::Router& router, std::unique_ptr<ErrandService> owned) {
  // The routes own the service: it lives as long as the router's handlers.
  std::shared_ptr<ErrandService> held = std::move(owned);
  using http::Method;
  using http::Role;
  const std::string errands = kErrandsApi;
  const std::string elders = kEldersApi;
  const http::Access team = http::Access::Roles({Role::kAdmin, Role::kWorker, Role::kVolunteer});
  // Residents: a linked family member asks for and follows her elder's
  // errands (the service refuses every other resident).
  const http::Access with_family =
      http::Access::Roles({Role::kAdmin, Role::kWorker, Role::kVolunteer, Role::kResident});
  auto bind = [held](ErrandFn f) -> http::Handler {
    return [held, f](http::Request& req, http::Reply reply) { f(*held, req, std::move(reply)); };
  };
  router.add(Method::kPost, elders + "/{id}/errands", with_family, bind(errand_create),
             {.body_limit = 16 * 1024, .summary = "Record an errand for an elder (代购/代办)"});
  router.add(Method::kGet, elders + "/{id}/errands", team, bind(errand_history),
             {.summary = "An elder's errands, newest first (?queue=; audited)"});
  router.add(
      Method::kGet, errands, with_family, bind(errand_list),
      {.summary = "The caller's errands (?team_id=&community_id=&queue=open|today|overdue)"});
  router.add(Method::kGet, errands + "/{id}", with_family, bind(errand_get),
             {.summary = "Read an errand with its elder and history (audited)"});
  router.add(Method::kGet, errands + "/{id}/receipt-photo", team, bind(errand_receipt_photo),
             {.summary = "An errand's receipt photo (JPEG or PNG; audited)"});
  router.add(Method::kPost, errands + "/{id}/steps", team, bind(errand_step),
             {.body_limit = photos::kMaxPhotoTextBytes + 4096,  // settle's receipt_photo
              .summary = "Take a step: assign, start, substitute, deliver, "
                         "settle, confirm, cancel"});
}

}  // namespace warmcity::eldercare
