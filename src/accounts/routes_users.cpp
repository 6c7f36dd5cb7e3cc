// Admin routes for users: list, create, read (phone masked unless revealed,
// and a reveal is audited before the answer), update, set password (not a
// common one, and not the user's current one).
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "accounts/password.h"
#include "accounts/routes.h"
#include "accounts/user_input.h"
#include "accounts/user_rules.h"
#include "accounts/user_service.h"
#include "http/json_input.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::accounts {

namespace {

using nlohmann::json;

constexpr size_t kMaxOrganisationsPerUser = 100;

// Reads "organisation_ids" (an array of positive integers) from `doc` and
// removes it, so that the FieldReader over the rest can reject unknown
// fields. Problems go to `in`.
std::optional<std::vector<int64_t>> take_organisation_ids(json& doc, http::FieldReader& in) {
  auto it = doc.find("organisation_ids");
  if (it == doc.end()) return std::nullopt;
  json value = std::move(*it);
  doc.erase("organisation_ids");
  if (value.is_null()) return std::nullopt;
  if (!value.is_array() || value.size() > kMaxOrganisationsPerUser) {
    in.fail("organisation_ids", "must be a list of at most " +
                                    std::to_string(kMaxOrganisationsPerUser) + " organisation ids");
    return std::nullopt;
  }
  std::vector<int64_t> ids;
  for (const json& v : value) {
    if (!v.is_number_integer() || v.get<int64_t>() < 1 ||
        (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX))) {
      in.fail("organisation_ids", "must contain only positive integer ids");
      return std::nullopt;
    }
    ids.push_back(v.get<int64_t>());
  }
  return ids;
}

void check(http::FieldReader& in, const char* field, const std::optional<std::string>& value,
           std::optional<std::string> (*rule)(std::string_view)) {
  if (!value) return;
  if (auto problem = rule(*value)) in.fail(field, std::move(*problem));
}

void handle_list(Context& ctx, http::Request& req, http::Reply reply) {
  auto page = http::parse_page(req);
  if (!page.ok()) return reply(http::problem(page.status()));
  std::optional<std::string> role = req.query_param("role");
  if (role) {
    if (auto problem = role_problem(*role)) {
      return reply(
          http::problem(Status::Unprocessable("bad list parameters", {{"role", *problem}})));
    }
  }
  auto users = users_page(ctx, role, page->before_id, page->limit + 1);
  if (!users.ok()) return reply(http::problem(users.status()));
  bool more = users->size() > static_cast<size_t>(page->limit);
  if (more) users->pop_back();
  json items = json::array();
  for (const UserRecord& u : *users) items.push_back(user_json(u, PhoneView::kMasked));
  json next = more ? json(http::encode_cursor(users->back().id)) : json(nullptr);
  reply(json_reply(json{{"items", std::move(items)}, {"next_cursor", std::move(next)}}));
}

void handle_create(Context& ctx, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  json rest = std::move(*doc);
  http::FieldReader in(rest);
  auto organisation_ids = take_organisation_ids(rest, in);
  NewUser u = read_new_user(in, organisation_ids.value_or(std::vector<int64_t>{}));
  if (!in.ok()) return reply(http::problem(in.status()));

  auto task = [&ctx, u = std::move(u), actor = actor_of(req), reply]() {
    auto record = new_user_record(u, ctx.config.password_cost);
    if (!record.ok()) return reply(http::problem(record.status()));
    auto created = std::make_shared<UserRecord>();
    ctx.db.submit(
        create_user_job(std::move(*record), actor, created), [created, reply](const Status& s) {
          if (!s.ok()) return reply(http::problem(s));
          http::Response r = json_reply(user_json(*created, PhoneView::kMasked), 201);
          r.set_header("Location", std::string(kApi) + "/users/" + std::to_string(created->id));
          reply(std::move(r));
        });
  };
  if (!ctx.pool.try_post(std::move(task))) {
    reply(http::problem(Status::Unavailable("the server is busy; try again in a moment")));
  }
}

void handle_get(Context& ctx, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(no_such_user(req.path_param("id"))));
  std::optional<std::string> reveal = req.query_param("reveal");
  if (reveal && *reveal != "phone") {
    return reply(http::problem(
        Status::Unprocessable("bad query parameters", {{"reveal", "the only value is phone"}})));
  }
  auto user = user_by_id(ctx, *id);
  if (!user.ok()) return reply(http::problem(user.status()));
  if (!*user) return reply(http::problem(no_such_user(req.path_param("id"))));
  if (!reveal) return reply(json_reply(user_json(**user, PhoneView::kMasked)));

  // A personal-data read: answered only once its audit entry is durable.
  Actor actor = actor_of(req);
  AuditEntry e{actor.user_id,
               "personal_data.read",
               "user",
               std::to_string(*id),
               AuditDetail().add_strings("fields", {"phone"}).str(),
               actor.client_address};
  ctx.audit.record(std::move(e),
                   [reply, body = user_json(**user, PhoneView::kUnmasked)](const Status& s) {
                     if (!s.ok()) return reply(http::problem(s));
                     http::Response r = json_reply(body);
                     r.set_header("Cache-Control", "no-store");
                     reply(std::move(r));
                   });
}

void handle_update(Context& ctx, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(no_such_user(req.path_param("id"))));
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  json rest = std::move(*doc);
  bool clear_phone = rest.contains("phone") && rest["phone"].is_null();
  http::FieldReader in(rest);
  UserPatch patch;
  patch.organisation_ids = take_organisation_ids(rest, in);
  patch.display_name = in.optional_string("display_name", 0, 1000);
  patch.role = in.optional_string("role", 0, 1000);
  patch.disabled = in.optional_bool("disabled");
  auto phone = in.optional_string("phone", 0, 1000);
  in.reject_unknown();
  check(in, "display_name", patch.display_name, display_name_problem);
  check(in, "role", patch.role, role_problem);
  if (phone && !phone->empty()) {
    check(in, "phone", phone, phone_problem);
    patch.phone = std::optional<std::string>(std::move(*phone));
  } else if (clear_phone || (phone && phone->empty())) {
    patch.phone = std::optional<std::string>();
  }
  if (!in.ok()) return reply(http::problem(in.status()));

  auto updated = std::make_shared<UserRecord>();
  ctx.db.submit(update_user_job(*id, std::move(patch), actor_of(req), updated),
                [updated, reply](const Status& s) {
                  if (!s.ok()) return reply(http::problem(s));
                  reply(json_reply(user_json(*updated, PhoneView::kMasked)));
                });
}

void handle_set_password(Context& ctx, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(no_such_user(req.path_param("id"))));
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  auto password = in.required_string("password", kMinPasswordLength, kMaxPasswordLength);
  in.reject_unknown();
  if (password) {
    if (auto problem = password_problem(*password)) in.fail("password", std::move(*problem));
  }
  if (!in.ok()) return reply(http::problem(in.status()));
  auto user = user_by_id(ctx, *id);
  if (!user.ok()) return reply(http::problem(user.status()));
  if (!*user) return reply(http::problem(no_such_user(req.path_param("id"))));

  // An admin setting their own password keeps the session they are using.
  std::optional<int64_t> keep;
  if (req.principal->user_id == *id) keep = req.principal->session_id;
  auto task = [&ctx, id = *id, password = std::move(*password), current = (*user)->password_hash,
               actor = actor_of(req), keep, reply]() {
    if (auto problem = new_password_problem(password, current)) {
      return reply(http::problem(
          Status::Unprocessable("some fields are not valid", {{"password", *problem}})));
    }
    auto hash = hash_password(password, ctx.config.password_cost);
    if (!hash.ok()) return reply(http::problem(hash.status()));
    ctx.db.submit(set_password_job(id, std::move(*hash), actor, keep),
                  [reply](const Status& s) { reply(s.ok() ? no_content() : http::problem(s)); });
  };
  if (!ctx.pool.try_post(std::move(task))) {
    reply(http::problem(Status::Unavailable("the server is busy; try again in a moment")));
  }
}

}  // namespace

void register_user_routes(http::Router& router, Context& ctx) {
  const std::string api = kApi;
  const http::Access admin = http::Access::Roles({http::Role::kAdmin});
  http::RouteOptions body;
  body.body_limit = 64 * 1024;

  auto add = [&](http::Method m, const std::string& path, const char* summary,
                 void (*handler)(Context&, http::Request&, http::Reply)) {
    http::RouteOptions opts = body;
    opts.summary = summary;
    router.add(
        m, api + path, admin,
        [&ctx, handler](http::Request& req, http::Reply reply) {
          handler(ctx, req, std::move(reply));
        },
        opts);
  };
  add(http::Method::kGet, "/users", "List users (phones masked)", handle_list);
  add(http::Method::kPost, "/users", "Create a user", handle_create);
  add(http::Method::kGet, "/users/{id}", "A user; ?reveal=phone shows the phone (audited)",
      handle_get);
  add(http::Method::kPatch, "/users/{id}",
      "Change a user's name, role, phone, status, organisations", handle_update);
  add(http::Method::kPut, "/users/{id}/password", "Set a user's password; signs them out",
      handle_set_password);
}

}  // namespace warmcity::accounts
