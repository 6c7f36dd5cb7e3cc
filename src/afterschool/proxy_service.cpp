// One-off pickup proxies (proxy_service.h).
#include "afterschool/proxy_service.h"

#include <memory>
#include <utility>

#include "accounts/audit.h"
#include "afterschool/afterschool_access.h"

namespace warmcity::afterschool {

namespace {

Status proxy_field(const char* field, const char* message) {
  return Status::Unprocessable(std::string("invalid: ") + message, {{field, message}});
}

Status proxy_audit(store::Connection& c, const Caller& by, const char* action, const Proxy& p,
                   int64_t at) {
  accounts::AuditEntry e =
      accounts::audit_entry(by, action, "child", std::to_string(p.child_id),
                            accounts::AuditDetail()
                                .add("proxy_id", p.id)
                                .add("date", p.day)
                                .add("confirm_channel", p.confirm_channel.value_or(""))
                                .str());
  return accounts::append_audit(c, e, at);
}

// Whether `day` may still be confirmed or used (not past).
Status proxy_open(const Proxy& p, const std::string& today) {
  if (p.used_at) return Status::Conflict("proxy_used: the proxy was used already");
  if (p.day < today) return Status::Conflict("proxy_expired: the proxy's date has passed");
  if (p.confirmed_at) return Status::Conflict("already_confirmed: the proxy is confirmed");
  return Status::Ok();
}

// Fills the confirmation of `p` by `by` as `reader`, or refuses the body.
Status confirmation_of(store::Connection& c, ChildReader reader, const ProxyConfirmation& in,
                       const Caller& by, int64_t now, Proxy& p) {
  p.confirmed_at = now;
  p.confirmed_by = by.user_id;
  if (reader == ChildReader::kGuardian) {
    if (in.by_phone || in.called_at || in.guardian_user_id)
      return proxy_field("by_phone", "a guardian confirms in the app, without by_phone");
    p.confirm_channel = "app";
    return Status::Ok();
  }
  if (!in.by_phone) return proxy_field("by_phone", "staff record the guardian's call: by_phone");
  if (!in.called_at) return proxy_field("called_at", "when the guardian called (HH:MM)");
  if (!in.guardian_user_id) return proxy_field("guardian_user_id", "the guardian who called");
  Result<bool> guardian = is_guardian(c, *in.guardian_user_id, p.child_id);
  if (!guardian.ok()) return guardian.status();
  if (!*guardian) return proxy_field("guardian_user_id", "not a guardian of this child");
  p.confirm_channel = "phone";
  p.phone_guardian_id = in.guardian_user_id;
  p.phone_called_at = in.called_at;
  return Status::Ok();
}

}  // namespace

ProxyService::ProxyService(store::Database& db, DayClock clock)
    : db_(db), clock_(std::move(clock)) {}

void ProxyService::create(int64_t child_id, NewProxy in, Caller by, ProxyDone done) {
  const int64_t now = clock_.now();
  const core::LocalDate today = core::local_date_of(now);
  const core::LocalDate day = in.date.value_or(today);
  const int64_t ahead = core::days_from_civil(day) - core::days_from_civil(today);
  if (ahead < 0 || ahead > kMaxProxyDaysAhead)
    return done(proxy_field("date", "today or within 31 days"));
  auto out = std::make_shared<Proxy>();
  out->child_id = child_id;
  out->day = core::format_date(day);
  out->name = std::move(in.name);
  out->phone = std::move(in.phone);
  out->relation = std::move(in.relation);
  out->requested_by = by.user_id;
  out->created_at = now;
  db_.submit(
      [out, by = std::move(by), now, ahead](store::Connection& c) -> Status {
        Result<ChildReader> reader = require_child_reader(c, by, out->child_id);
        if (!reader.ok()) return reader.status();
        if (*reader == ChildReader::kGuardian) {
          out->confirmed_at = now;
          out->confirmed_by = by.user_id;
          out->confirm_channel = "app";
        } else if (ahead != 0) {
          return proxy_field("date", "staff record a proxy for today");
        }
        Result<int64_t> id = insert_proxy(c, *out);
        if (!id.ok()) return id.status();
        out->id = *id;
        return proxy_audit(c, by, "pickup_proxy.create", *out, now);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ProxyService::confirm(int64_t proxy_id, ProxyConfirmation in, Caller by, ProxyDone done) {
  const int64_t now = clock_.now();
  const std::string today = core::format_date(core::local_date_of(now));
  auto out = std::make_shared<Proxy>();
  db_.submit(
      [proxy_id, in = std::move(in), by = std::move(by), now, today,
       out](store::Connection& c) -> Status {
        if (!by.signed_in()) return Status::Unauthenticated("sign in first");
        Result<std::optional<Proxy>> found = find_proxy(c, proxy_id);
        if (!found.ok()) return found.status();
        if (!*found) return Status::NotFound("no such proxy");
        Proxy& p = **found;
        Result<ChildReader> reader = require_child_reader(c, by, p.child_id);
        if (!reader.ok()) return reader.status();
        if (Status s = proxy_open(p, today); !s.ok()) return s;
        if (Status s = confirmation_of(c, *reader, in, by, now, p); !s.ok()) return s;
        if (Status s = write_confirmation(c, p); !s.ok()) return s;
        if (Status s = proxy_audit(c, by, "pickup_proxy.confirm", p, now); !s.ok()) return s;
        *out = std::move(p);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ProxyService::list(int64_t child_id, Caller by,
                        std::function<void(Result<std::vector<Proxy>>)> done) {
  const int64_t now = clock_.now();
  const std::string today = core::format_date(core::local_date_of(now));
  auto out = std::make_shared<std::vector<Proxy>>();
  db_.submit(
      [child_id, by = std::move(by), now, today, out](store::Connection& c) -> Status {
        Result<ChildReader> reader = require_child_reader(c, by, child_id);
        if (!reader.ok()) return reader.status();
        Result<std::vector<Proxy>> rows = proxies_of(c, child_id, today);
        if (!rows.ok()) return rows.status();
        *out = std::move(*rows);
        if (*reader == ChildReader::kGuardian) return Status::Ok();
        std::vector<int64_t> ids;
        for (const Proxy& p : *out) ids.push_back(p.id);
        accounts::AuditEntry e =
            accounts::audit_entry(by, "personal_data.read", "child", std::to_string(child_id),
                                  accounts::AuditDetail()
                                      .add_strings("fields", {"proxy_name", "proxy_phone"})
                                      .add("purpose", "afterschool_proxies")
                                      .add_ints("proxy_ids", ids)
                                      .str());
        return accounts::append_audit(c, e, now);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::afterschool
