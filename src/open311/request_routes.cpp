// Service requests: POST requests, GET requests, GET requests/{id},
// GET tokens/{token} (see open311.h).
#include <memory>

#include "accounts/tokens.h"
#include "appeals/tracking_code.h"
#include "core/time.h"
#include "open311/form.h"
#include "open311/open311_service.h"
#include "open311/request_query.h"
#include "open311/request_view.h"
#include "open311/routes.h"
#include "open311/submission.h"

namespace warmcity::open311 {

namespace {

using appeals::Appeal;
using appeals::AppealService;

// The appeal with this public id (its tracking code, typed loosely).
Result<Appeal> by_request_id(const AppealService& service, const std::string& id) {
  std::optional<std::string> code = appeals::normalize_tracking_code(id);
  if (!code) return Status::NotFound("no such service_request_id");
  return service.by_tracking_code(*code);
}

constexpr size_t kBodyLimit = 64 * 1024;  // a 4000-character description in %XX is 36 KB

// The POST answer: the id (realtime keys) or the token (batch keys).
Node created_node(const Appeal& a, const appeals::Category& c, const std::string& token, bool batch,
                  const std::optional<std::string>& account_id) {
  Node request = Node::object();
  if (batch) {
    request.add("token", Node::string(token));
  } else {
    request.add("service_request_id", Node::string(a.tracking_code));
  }
  request.add("service_notice", Node::string(service_notice(c)))
      .add("account_id", Node::optional_string(account_id));
  Node list = Node::list("request");
  list.push(std::move(request));
  return list;
}

void create(Open311Service& service, Format f, http::Request& req, http::Reply reply) {
  if (!is_form_content_type(req.header("content-type"))) {
    return reply(
        error_for(f, 400, "the body must be application/x-www-form-urlencoded, as the spec says"));
  }
  Result<Form> form = parse_form(req.body);
  if (!form.ok()) return reply(error_for(f, form.status()));
  const std::string key(form->get("api_key"));
  if (key.empty()) return reply(error_for(f, 403, "api_key is required to create a request"));
  Result<ApiKey> api_key = service.find_active_key(key);
  if (!api_key.ok()) {
    if (api_key.status().code() != Code::kNotFound) return reply(error_for(f, api_key.status()));
    return reply(error_for(f, 403, "invalid api_key: unknown or revoked"));
  }
  const std::string code(form->get("service_code"));
  if (code.empty()) return reply(error_for(f, 400, "service_code is required"));
  Result<appeals::Category> category = service.appeals().category(code);
  if (!category.ok() || !category->active) {
    return reply(error_for(f, 404, "service_code '" + code + "' was not found"));
  }
  Result<Submission> in = read_submission(*form, *category);
  if (!in.ok()) return reply(error_for(f, in.status()));

  appeals::Caller by;
  by.client_address = req.client_address;
  RequestRow row;
  row.api_key_id = api_key->id;
  row.token = accounts::new_token();
  row.email = in->email;
  row.address_id = in->address_id;
  const std::string token = row.token;
  service.submit(
      std::move(in->appeal), std::move(row), by,
      [f, c = *category, batch = api_key->batch, account = in->account_id, token,
       reply](Result<Appeal> saved) {
        if (!saved.ok()) return reply(error_for(f, with_open311_fields(saved.status())));
        reply(respond(f, "service_requests", created_node(*saved, c, token, batch, account)));
      });
}

void list(const Open311Service& open311, Format f, http::Request& req, http::Reply reply) {
  const AppealService& service = open311.appeals();
  Result<RequestQuery> q = parse_request_query(req, service.now());
  if (!q.ok()) return reply(error_for(f, q.status()));
  RequestViews views(open311);
  Node out = Node::list("request");
  // push(list): the requests of `list` into the answer; false when a read failed.
  auto push = [&](const std::vector<Appeal>& list) {
    Result<std::vector<Node>> nodes = views.requests(list);
    if (!nodes.ok()) {
      reply(error_for(f, nodes.status()));
      return false;
    }
    for (Node& n : *nodes) out.push(std::move(n));
    return true;
  };
  if (!q->ids.empty()) {
    std::vector<Appeal> found;
    for (const std::string& id : q->ids) {
      Result<Appeal> a = by_request_id(service, id);
      if (a.ok()) found.push_back(std::move(*a));
    }
    if (!push(found)) return;
    return reply(respond(f, "service_requests", out));
  }
  appeals::AppealFilter filter;
  for (const std::string& code : q->service_codes) {
    Result<appeals::Category> c = service.category(code);
    if (!c.ok()) return reply(error_for(f, 400, "service_code '" + code + "' was not found"));
    filter.category_ids.push_back(c->id);
  }
  if (q->open != q->closed) {
    for (appeals::State s :
         {appeals::State::kSubmitted, appeals::State::kAccepted, appeals::State::kDispatched,
          appeals::State::kReturned, appeals::State::kInProgress, appeals::State::kReplied,
          appeals::State::kCalledBack, appeals::State::kClosed}) {
      if (appeals::is_open(s) == q->open) filter.states.push_back(s);
    }
  } else if (!q->open) {
    return reply(respond(f, "service_requests", out));
  }
  filter.submitted_from = q->from;
  filter.submitted_until = q->until;
  filter.limit = q->page_size;
  // Pages before the one asked for are walked by cursor (each one bounded).
  for (int page = 1;; ++page) {
    Result<std::vector<Appeal>> rows = service.list(filter);
    if (!rows.ok()) return reply(error_for(f, rows.status()));
    if (page == q->page) {
      if (!push(*rows)) return;
      break;
    }
    if (rows->size() < static_cast<size_t>(q->page_size)) break;
    filter.before_id = rows->back().id;
  }
  reply(respond(f, "service_requests", out));
}

void get_one(const Open311Service& service, Format f, const std::string& id, http::Reply reply) {
  Result<Appeal> a = by_request_id(service.appeals(), id);
  if (!a.ok()) {
    if (a.status().code() != Code::kNotFound) return reply(error_for(f, a.status()));
    return reply(error_for(f, 404, "service_request_id '" + id + "' was not found"));
  }
  Result<std::vector<Node>> nodes = RequestViews(service).requests({*a});
  if (!nodes.ok()) return reply(error_for(f, nodes.status()));
  Node out = Node::list("request");
  out.push(std::move(nodes->front()));
  reply(respond(f, "service_requests", out));
}

void token(const Open311Service& service, Format f, const std::string& token, http::Reply reply) {
  Result<RequestRow> row = service.request_by_token(token);
  Result<Appeal> a =
      row.ok() ? service.appeals().get(row->appeal_id) : Result<Appeal>(row.status());
  if (!a.ok()) {
    if (a.status().code() != Code::kNotFound) return reply(error_for(f, a.status()));
    return reply(error_for(f, 404, "token '" + token + "' was not found"));
  }
  Node out = Node::list("request");
  out.push(Node::object()
               .add("service_request_id", Node::string(a->tracking_code))
               .add("token", Node::string(token)));
  reply(respond(f, "service_requests", out));
}

}  // namespace

void register_request_routes(http::Router& router, std::shared_ptr<Open311Service> service) {
  using http::Access;
  using http::Method;
  const std::string requests = std::string(kBase) + "/requests";
  add_both(router, Method::kPost, requests, Access::Public(),
           [service](Format f, http::Request& req, http::Reply reply) {
             create(*service, f, req, std::move(reply));
           },
           {.body_limit = kBodyLimit, .json_body = false, .summary = "Open311 create a request"});
  add_both(router, Method::kGet, requests, Access::Public(),
           [service](Format f, http::Request& req, http::Reply reply) {
             list(*service, f, req, std::move(reply));
           },
           {.summary = "Open311 list requests"});
  add_with_param(
      router, requests + "/{service_request_id}", "service_request_id",
      [service](Format f, const std::string& id, http::Request&, http::Reply reply) {
        get_one(*service, f, id, std::move(reply));
      },
      "Open311 one request");
  add_with_param(
      router, std::string(kBase) + "/tokens/{token}", "token",
      [service](Format f, const std::string& t, http::Request&, http::Reply reply) {
        token(*service, f, t, std::move(reply));
      },
      "Open311 request id from a token");
}

}  // namespace warmcity::open311
