#include "accounts/accounts.h"

#include <algorithm>
#include <utility>

#include "accounts/authenticator.h"
#include "accounts/context.h"
#include "accounts/organisation_members.h"
#include "accounts/organisation_store.h"
#include "accounts/password.h"
#include "accounts/routes.h"
#include "accounts/tokens.h"
#include "accounts/user_rules.h"
#include "accounts/user_service.h"
#include "accounts/user_store.h"
#include "core/time.h"
#include "core/utf8.h"

namespace warmcity::accounts {

struct Accounts::Impl {
  Impl(store::Database& db, const Config& config) : ctx(db, config) {}
  Context ctx;
};

Accounts::Accounts(store::Database& db, Config config) {
  ensure_sodium();
  impl_ = std::make_unique<Impl>(db, config);
}

Accounts::~Accounts() = default;

void Accounts::stop() { impl_->ctx.pool.shutdown(); }

http::Authenticator Accounts::authenticator() {
  Context* ctx = &impl_->ctx;
  return [ctx](const http::Request& request) {
    return authenticate(ctx->db.reader(), request, core::now_unix());
  };
}

void Accounts::register_routes(http::Router& router) {
  register_auth_routes(router, impl_->ctx);
  register_user_routes(router, impl_->ctx);
  register_organisation_routes(router, impl_->ctx);
  register_organisation_member_routes(router, impl_->ctx);
  register_audit_routes(router, impl_->ctx);
}

Result<int64_t> Accounts::add_user(const NewUser& u) {
  std::vector<FieldError> errors = validate_new_user(u);
  if (!errors.empty()) return Status::Unprocessable("some fields are not valid", std::move(errors));
  auto record = new_user_record(u, impl_->ctx.config.password_cost);
  if (!record.ok()) return record.status();
  auto created = std::make_shared<UserRecord>();
  Status s = impl_->ctx.db.write(create_user_job(std::move(*record), Actor{}, created));
  if (!s.ok()) return s;
  return created->id;
}

Status Accounts::set_password(std::string_view username, std::string_view password) {
  if (auto problem = password_problem(password)) {
    return Status::Unprocessable("some fields are not valid", {{"password", *problem}});
  }
  auto user = find_user_by_username(impl_->ctx.db.reader(), username);
  if (!user.ok()) return user.status();
  if (!*user) return Status::NotFound("no user named '" + std::string(username) + "'");
  if (auto problem = new_password_problem(password, (*user)->password_hash)) {
    return Status::Unprocessable("some fields are not valid", {{"password", *problem}});
  }
  auto hash = hash_password(password, impl_->ctx.config.password_cost);
  if (!hash.ok()) return hash.status();
  return impl_->ctx.db.write(
      set_password_job((*user)->id, std::move(*hash), Actor{}, std::nullopt));
}

Result<std::vector<UserSummary>> Accounts::list_users() {
  constexpr int kPage = 500;
  std::vector<UserSummary> out;
  std::optional<int64_t> before;
  for (;;) {
    auto page = list_users_page(impl_->ctx.db.reader(), std::nullopt, before, kPage);
    if (!page.ok()) return page.status();
    for (const UserRecord& u : *page) {
      out.push_back(UserSummary{u.id, u.username, u.display_name, u.role, u.disabled,
                                core::format_rfc3339(u.created_at)});
    }
    if (page->size() < static_cast<size_t>(kPage)) break;
    before = page->back().id;
  }
  std::reverse(out.begin(), out.end());  // oldest first
  return out;
}

Result<int64_t> Accounts::add_organisation(std::string_view kind, std::string_view name,
                                           std::optional<int64_t> area_id) {
  std::vector<FieldError> errors;
  if (!is_organisation_kind(kind)) {
    errors.push_back({"kind", "must be one of " + std::string(organisation_kinds_text())});
  }
  auto length = core::utf8_length(name);
  if (!length || *length < 1 || *length > 128) {
    errors.push_back({"name", "must be 1 to 128 characters of UTF-8"});
  }
  if (!errors.empty()) return Status::Unprocessable("some fields are not valid", std::move(errors));
  auto created = std::make_shared<Organisation>();
  Status s = impl_->ctx.db.write(create_organisation_job(
      std::string(kind), std::string(name), area_id, impl_->ctx.config, Actor{}, created));
  if (!s.ok()) return s;
  return created->id;
}

AuditLog& Accounts::audit() { return impl_->ctx.audit; }

Result<std::vector<int64_t>> Accounts::missing_organisations(const std::vector<int64_t>& ids) {
  return accounts::missing_organisations(impl_->ctx.db.reader(), ids);
}

}  // namespace warmcity::accounts
