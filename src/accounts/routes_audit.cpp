// GET /audit (admin): the audit log, newest first, filtered by actor,
// action and time.
#include <charconv>
#include <string>
#include <utility>

#include "accounts/audit.h"
#include "accounts/routes.h"
#include "core/time.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::accounts {

namespace {

using nlohmann::json;

std::optional<int64_t> parse_positive(const std::string& text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1) return std::nullopt;
  return v;
}

// The stored detail is a JSON object (the table checks that it is JSON); an
// unreadable one is shown as text rather than failing the whole page.
json detail_value(const std::string& text) {
  json v = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return v.is_discarded() ? json(text) : v;
}

void handle_query(Context& ctx, http::Request& req, http::Reply reply) {
  auto page = http::parse_page(req);
  if (!page.ok()) return reply(http::problem(page.status()));
  AuditQuery q;
  q.limit = page->limit + 1;
  q.before_id = page->before_id;
  std::vector<FieldError> errors;
  if (auto actor = req.query_param("actor")) {
    q.actor_user_id = parse_positive(*actor);
    if (!q.actor_user_id) errors.push_back({"actor", "must be a user id"});
  }
  if (auto action = req.query_param("action")) {
    if (action->empty() || action->size() > 64) {
      errors.push_back({"action", "must be 1 to 64 characters long"});
    } else {
      q.action = std::move(*action);
    }
  }
  for (const char* name : {"since", "until"}) {
    auto text = req.query_param(name);
    if (!text) continue;
    auto t = core::parse_rfc3339(*text);
    if (!t.ok()) {
      errors.push_back({name, "must be an RFC 3339 time such as 2026-05-01T08:00:00+08:00"});
    } else {
      (std::string_view(name) == "since" ? q.since : q.until) = *t;
    }
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad query parameters", std::move(errors))));
  }

  auto records = ctx.audit.query(q);
  if (!records.ok()) return reply(http::problem(records.status()));
  bool more = records->size() > static_cast<size_t>(page->limit);
  if (more) records->pop_back();
  json items = json::array();
  for (const AuditRecord& r : *records) {
    items.push_back({{"id", r.id},
                     {"at", core::format_rfc3339(r.at)},
                     {"actor_user_id", r.actor_user_id ? json(*r.actor_user_id) : json(nullptr)},
                     {"action", r.action},
                     {"subject_type", r.subject_type},
                     {"subject_id", r.subject_id},
                     {"detail", detail_value(r.detail_json)},
                     {"client_address", r.client_address}});
  }
  json next = more ? json(http::encode_cursor(records->back().id)) : json(nullptr);
  http::Response r =
      json_reply(json{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
  r.set_header("Cache-Control", "no-store");
  reply(std::move(r));
}

}  // namespace

void register_audit_routes(http::Router& router, Context& ctx) {
  http::RouteOptions opts;
  opts.summary = "The audit log (?actor=&action=&since=&until=&limit=&cursor=)";
  router.add(
      http::Method::kGet, std::string(kApi) + "/audit", http::Access::Roles({http::Role::kAdmin}),
      [&ctx](http::Request& req, http::Reply reply) { handle_query(ctx, req, std::move(reply)); },
      opts);
}

}  // namespace warmcity::accounts
