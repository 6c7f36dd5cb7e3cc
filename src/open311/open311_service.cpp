#include "open311/open311_service.h"

#include <memory>
#include <utility>

#include "accounts/organisation_store.h"
#include "core/time.h"
#include "open311/open311_store.h"

namespace warmcity::open311 {

void Open311Service::submit(appeals::NewAppeal in, RequestRow row, appeals::Caller by,
                            appeals::AppealService::Done<appeals::Appeal> done) {
  in.in_same_write = [row = std::move(row)](store::Connection& c,
                                            const appeals::Appeal& a) mutable {
    row.appeal_id = a.id;
    row.created_at = a.submitted_at;
    return insert_request(c, row);
  };
  appeals_.submit(std::move(in), std::move(by), std::move(done));
}

Result<RequestRow> Open311Service::request_by_token(const std::string& token) const {
  return open311::request_by_token(db_.reader(), token);
}

Result<std::map<int64_t, RequestRow>> Open311Service::requests_by_appeals(
    const std::vector<int64_t>& appeal_ids) const {
  return open311::requests_by_appeals(db_.reader(), appeal_ids);
}

Result<std::map<int64_t, std::string>> Open311Service::organisation_names(
    const std::vector<int64_t>& org_ids) const {
  auto found = accounts::find_organisations(db_.reader(), org_ids);
  if (!found.ok()) return found.status();
  std::map<int64_t, std::string> out;
  for (accounts::Organisation& o : *found) out.emplace(o.id, std::move(o.name));
  return out;
}

Result<ApiKey> Open311Service::find_active_key(const std::string& key) const {
  return open311::find_active_key(db_.reader(), key);
}

Result<ApiKey> Open311Service::key(int64_t id) const { return get_api_key(db_.reader(), id); }

Result<std::vector<ApiKey>> Open311Service::keys(std::optional<int64_t> before_id,
                                                 int limit) const {
  return list_api_keys(db_.reader(), before_id, limit);
}

void Open311Service::issue_key(ApiKey k, accounts::AuditEntry audit, Done<IssuedKey> done) {
  auto key = std::make_shared<ApiKey>(std::move(k));
  const std::string secret = new_api_key();
  db_.submit(
      [key, secret, audit = std::move(audit)](store::Connection& c) mutable {
        key->created_at = core::now_unix();
        if (Status s = insert_api_key(c, *key, secret); !s.ok()) return s;
        audit.subject_id = std::to_string(key->id);
        audit.detail_json = accounts::AuditDetail().add("name", key->name).str();
        return accounts::append_audit(c, audit, key->created_at);
      },
      [key, secret, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(IssuedKey{*key, secret});
      });
}

void Open311Service::revoke_key(int64_t id, accounts::AuditEntry audit, Done<ApiKey> done) {
  auto key = std::make_shared<ApiKey>();
  db_.submit(
      [id, key, audit = std::move(audit)](store::Connection& c) {
        const int64_t now = core::now_unix();
        if (Status s = revoke_api_key(c, id, now); !s.ok()) return s;
        Result<ApiKey> k = get_api_key(c, id);
        if (!k.ok()) return k.status();
        *key = std::move(*k);
        return accounts::append_audit(c, audit, now);
      },
      [key, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*key);
      });
}

}  // namespace warmcity::open311
