// Admin routes for Open311 API keys: issue, list, revoke (see open311.h).
// The key is returned once, at issue; only its SHA-256 is stored. Issuing and
// revoking are audited ("open311_key.issue", "open311_key.revoke") in the
// same write job.
#include <memory>

#include <nlohmann/json.hpp>

#include "accounts/audit.h"
#include "core/time.h"
#include "http/json_input.h"
#include "http/pagination.h"
#include "http/problem.h"
#include "open311/open311_service.h"
#include "open311/routes.h"

namespace warmcity::open311 {

namespace {

using nlohmann::ordered_json;

ordered_json time_or_null(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json key_json(const ApiKey& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"key_prefix", k.key_prefix},
          {"batch", k.batch},
          {"created_by", k.created_by ? ordered_json(*k.created_by) : ordered_json(nullptr)},
          {"created_at", core::format_rfc3339(k.created_at)},
          {"revoked_at", time_or_null(k.revoked_at)}};
}

std::string dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

accounts::AuditEntry audit_entry(const http::Request& req, std::string action, int64_t key_id) {
  return accounts::AuditEntry{
      req.principal ? std::optional<int64_t>(req.principal->user_id) : std::nullopt,
      std::move(action),
      "open311_key",
      std::to_string(key_id),
      "{}",
      req.client_address};
}

void issue(Open311Service& service, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  std::optional<std::string> name = in.required_string("name", 1, 100);
  std::optional<bool> batch = in.optional_bool("batch");
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  ApiKey key;
  key.name = *name;
  key.batch = batch.value_or(false);
  key.created_by = req.principal->user_id;
  service.issue_key(std::move(key), audit_entry(req, "open311_key.issue", 0),
                    [reply](Result<Open311Service::IssuedKey> issued) {
                      if (!issued.ok()) return reply(http::problem(issued.status()));
                      ordered_json body = key_json(issued->key);
                      body["key"] = issued->secret;
                      http::Response r = http::json_response(dump(body), 201);
                      r.set_header("Location",
                                   std::string(kKeysApi) + "/" + std::to_string(issued->key.id));
                      reply(std::move(r));
                    });
}

void list_keys(const Open311Service& service, http::Request& req, http::Reply reply) {
  Result<http::Page> page = http::parse_page(req);
  if (!page.ok()) return reply(http::problem(page.status()));
  Result<std::vector<ApiKey>> rows = service.keys(page->before_id, page->limit + 1);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  const bool more = rows->size() > static_cast<size_t>(page->limit);
  if (more) rows->pop_back();
  ordered_json items = ordered_json::array();
  for (const ApiKey& k : *rows) items.push_back(key_json(k));
  ordered_json next = more ? ordered_json(http::encode_cursor(rows->back().id)) : nullptr;
  reply(http::json_response(dump({{"items", std::move(items)}, {"next_cursor", std::move(next)}})));
}

void revoke(Open311Service& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no Open311 key with that id")));
  service.revoke_key(*id, audit_entry(req, "open311_key.revoke", *id), [reply](Result<ApiKey> k) {
    if (!k.ok()) return reply(http::problem(k.status()));
    reply(http::json_response(dump(key_json(*k))));
  });
}

}  // namespace

void register_key_routes(http::Router& router, std::shared_ptr<Open311Service> service) {
  using http::Access;
  using http::Method;
  using http::Role;
  router.add(
      Method::kPost, kKeysApi, Access::Roles({Role::kAdmin}),
      [service](http::Request& req, http::Reply reply) { issue(*service, req, std::move(reply)); },
      {.body_limit = 4 * 1024, .summary = "issue an Open311 API key"});
  router.add(Method::kGet, kKeysApi, Access::Roles({Role::kAdmin}),
             [service](http::Request& req, http::Reply reply) {
               list_keys(*service, req, std::move(reply));
             },
             {.summary = "list Open311 API keys"});
  router.add(
      Method::kDelete, std::string(kKeysApi) + "/{id}", Access::Roles({Role::kAdmin}),
      [service](http::Request& req, http::Reply reply) { revoke(*service, req, std::move(reply)); },
      {.summary = "revoke an Open311 API key"});
}

}  // namespace warmcity::open311
