#include "accounts/user_service.h"

#include <algorithm>
#include <utility>

#include "accounts/audit.h"
#include "accounts/organisation_store.h"
#include "accounts/password.h"
#include "accounts/session_store.h"
#include "accounts/user_store.h"
#include "core/time.h"

namespace warmcity::accounts {

namespace {

Status check_organisations(store::Connection& conn, const std::vector<int64_t>& ids) {
  auto missing = missing_organisations(conn, ids);
  if (!missing.ok()) return missing.status();
  if (missing->empty()) return Status::Ok();
  std::string list;
  for (int64_t id : *missing) list += (list.empty() ? "" : ", ") + std::to_string(id);
  return Status::Unprocessable("some fields are not valid",
                               {{"organisation_ids", "no organisation with id " + list}});
}

AuditEntry user_entry(const Actor& actor, std::string action, int64_t user_id, std::string detail) {
  return AuditEntry{actor.user_id,           std::move(action), "user",
                    std::to_string(user_id), std::move(detail), actor.client_address};
}

std::vector<int64_t> sorted_unique(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

Result<std::vector<UserRecord>> users_page(Context& ctx, const std::optional<std::string>& role,
                                           std::optional<int64_t> before_id, int limit) {
  return list_users_page(ctx.db.reader(), role, before_id, limit);
}

Result<std::optional<UserRecord>> user_by_id(Context& ctx, int64_t id) {
  return find_user_by_id(ctx.db.reader(), id);
}

Result<std::optional<UserRecord>> user_by_username(Context& ctx, std::string_view username) {
  return find_user_by_username(ctx.db.reader(), username);
}

Result<std::vector<Organisation>> organisations_page(Context& ctx,
                                                     const std::optional<std::string>& kind,
                                                     std::optional<int64_t> before_id, int limit) {
  return list_organisations_page(ctx.db.reader(), kind, before_id, limit);
}

Result<std::vector<Organisation>> organisations_by_id(Context& ctx,
                                                      const std::vector<int64_t>& ids) {
  return find_organisations(ctx.db.reader(), ids);
}

Result<UserRecord> new_user_record(const NewUser& u, PasswordCost cost) {
  auto hash = hash_password(u.password, cost);
  if (!hash.ok()) return hash.status();
  UserRecord record;
  record.username = u.username;
  record.display_name = u.display_name;
  record.role = u.role;
  record.password_hash = std::move(*hash);
  record.phone = u.phone;
  record.organisation_ids = u.organisation_ids;
  return record;
}

store::Database::WriteJob create_user_job(UserRecord user, Actor actor,
                                          std::shared_ptr<UserRecord> created) {
  return [user = std::move(user), actor = std::move(actor),
          created = std::move(created)](store::Connection& conn) mutable -> Status {
    user.organisation_ids = sorted_unique(std::move(user.organisation_ids));
    if (Status s = check_organisations(conn, user.organisation_ids); !s.ok()) return s;
    auto existing = find_user_by_username(conn, user.username);
    if (!existing.ok()) return existing.status();
    if (*existing) return Status::Conflict("username '" + user.username + "' is already taken");
    int64_t now = core::now_unix();
    auto id = insert_user(conn, user, now);
    if (!id.ok()) return id.status();
    user.id = *id;
    user.created_at = user.updated_at = now;
    std::string detail = AuditDetail()
                             .add("username", user.username)
                             .add("role", user.role)
                             .add_ints("organisation_ids", user.organisation_ids)
                             .str();
    if (Status s = append_audit(conn, user_entry(actor, "user.create", user.id, detail), now);
        !s.ok()) {
      return s;
    }
    user.password_hash.clear();
    *created = std::move(user);
    return Status::Ok();
  };
}

store::Database::WriteJob update_user_job(int64_t user_id, UserPatch patch, Actor actor,
                                          std::shared_ptr<UserRecord> updated) {
  return [user_id, patch = std::move(patch), actor = std::move(actor),
          updated = std::move(updated)](store::Connection& conn) -> Status {
    auto found = find_user_by_id(conn, user_id);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("no user with id " + std::to_string(user_id));
    UserRecord before = **found;
    UserRecord after = before;
    bool self = actor.user_id == user_id;
    if (self && patch.disabled.value_or(false)) {
      return Status::Conflict("you cannot disable your own account");
    }
    if (self && patch.role && *patch.role != before.role) {
      return Status::Conflict("you cannot change your own role");
    }
    std::vector<std::string> changed;
    if (patch.display_name && *patch.display_name != before.display_name) {
      after.display_name = *patch.display_name;
      changed.push_back("display_name");
    }
    if (patch.role && *patch.role != before.role) {
      after.role = *patch.role;
      changed.push_back("role");
    }
    if (patch.disabled && *patch.disabled != before.disabled) {
      after.disabled = *patch.disabled;
      changed.push_back("disabled");
    }
    if (patch.phone && *patch.phone != before.phone) {
      after.phone = *patch.phone;
      changed.push_back("phone");
    }
    if (patch.organisation_ids) {
      std::vector<int64_t> ids = sorted_unique(*patch.organisation_ids);
      if (Status s = check_organisations(conn, ids); !s.ok()) return s;
      if (ids != before.organisation_ids) {
        after.organisation_ids = std::move(ids);
        changed.push_back("organisation_ids");
      }
    }
    if (changed.empty()) {
      *updated = std::move(after);
      return Status::Ok();
    }
    int64_t now = core::now_unix();
    if (Status s = update_user_fields(conn, after, now); !s.ok()) return s;
    after.updated_at = now;
    if (patch.organisation_ids && after.organisation_ids != before.organisation_ids) {
      if (Status s = set_memberships(conn, user_id, after.organisation_ids); !s.ok()) return s;
    }
    std::vector<AuditEntry> entries;
    entries.push_back(user_entry(actor, "user.update", user_id,
                                 AuditDetail().add_strings("fields", changed).str()));
    if (after.role != before.role) {
      entries.push_back(
          user_entry(actor, "user.role_change", user_id,
                     AuditDetail().add("from", before.role).add("to", after.role).str()));
    }
    if (after.disabled != before.disabled) {
      entries.push_back(
          user_entry(actor, after.disabled ? "user.disable" : "user.enable", user_id, "{}"));
    }
    for (const AuditEntry& e : entries) {
      if (Status s = append_audit(conn, e, now); !s.ok()) return s;
    }
    if (after.role != before.role || (after.disabled && !before.disabled)) {
      if (Status s = revoke_user_sessions(conn, user_id, now); !s.ok()) return s;
    }
    after.password_hash.clear();
    *updated = std::move(after);
    return Status::Ok();
  };
}

store::Database::WriteJob set_password_job(int64_t user_id, std::string password_hash, Actor actor,
                                           std::optional<int64_t> keep_session) {
  return [user_id, hash = std::move(password_hash), actor = std::move(actor),
          keep_session](store::Connection& conn) -> Status {
    auto found = find_user_by_id(conn, user_id);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("no user with id " + std::to_string(user_id));
    int64_t now = core::now_unix();
    if (Status s = set_password_hash(conn, user_id, hash, now); !s.ok()) return s;
    if (Status s = revoke_user_sessions(conn, user_id, now, keep_session); !s.ok()) return s;
    const char* by = !actor.user_id ? "cli" : *actor.user_id == user_id ? "self" : "admin";
    return append_audit(
        conn, user_entry(actor, "user.password_change", user_id, AuditDetail().add("by", by).str()),
        now);
  };
}

namespace {

// Whether an organisation of `kind` may serve `area_id` (nullopt: none).
Status check_area(store::Connection& conn, const Config& config, std::string_view kind,
                  std::optional<int64_t> area_id) {
  if (!area_id) return Status::Ok();
  auto refuse = [](std::string message) {
    return Status::Unprocessable("some fields are not valid", {{"area_id", std::move(message)}});
  };
  if (!kind_serves_area(kind)) {
    return refuse("only a community, subdistrict or grid organisation serves an area");
  }
  if (!config.area_level) return refuse("areas are not available here");
  Result<std::string> level = config.area_level(conn, *area_id);
  if (!level.ok() && level.status().code() == Code::kNotFound) return refuse("no such area");
  if (!level.ok()) return level.status();
  if (*level != kind)
    return refuse("a " + std::string(kind) + " serves a " + std::string(kind) + " area; area " +
                  std::to_string(*area_id) + " is a " + *level);
  return Status::Ok();
}

}  // namespace

store::Database::WriteJob create_organisation_job(std::string kind, std::string name,
                                                  std::optional<int64_t> area_id,
                                                  const Config& config, Actor actor,
                                                  std::shared_ptr<Organisation> created) {
  return
      [kind = std::move(kind), name = std::move(name), area_id, &config, actor = std::move(actor),
       created = std::move(created)](store::Connection& conn) -> Status {
        if (Status s = check_area(conn, config, kind, area_id); !s.ok()) return s;
        int64_t now = core::now_unix();
        auto id = insert_organisation(conn, kind, name, area_id, now);
        if (!id.ok()) return id.status();
        AuditDetail detail;
        detail.add("kind", kind).add("name", name);
        if (area_id) detail.add("area_id", *area_id);
        AuditEntry e{actor.user_id,       "organisation.create", "organisation",
                     std::to_string(*id), detail.str(),          actor.client_address};
        if (Status s = append_audit(conn, e, now); !s.ok()) return s;
        *created = Organisation{*id, kind, name, now, area_id};
        return Status::Ok();
      };
}

store::Database::WriteJob set_organisation_area_job(int64_t id, std::optional<int64_t> area_id,
                                                    const Config& config, Actor actor,
                                                    std::shared_ptr<Organisation> updated) {
  return [id, area_id, &config, actor = std::move(actor),
          updated = std::move(updated)](store::Connection& conn) -> Status {
    auto org = find_organisation(conn, id);
    if (!org.ok()) return org.status();
    if (!*org) return Status::NotFound("no organisation " + std::to_string(id));
    if (Status s = check_area(conn, config, (*org)->kind, area_id); !s.ok()) return s;
    if (Status s = set_organisation_area(conn, id, area_id); !s.ok()) return s;
    AuditDetail detail;
    if ((*org)->area_id) detail.add("from_area_id", *(*org)->area_id);
    if (area_id) detail.add("area_id", *area_id);
    AuditEntry e{actor.user_id,      "organisation.update", "organisation",
                 std::to_string(id), detail.str(),          actor.client_address};
    if (Status s = append_audit(conn, e, core::now_unix()); !s.ok()) return s;
    *updated = **org;
    updated->area_id = area_id;
    return Status::Ok();
  };
}

}  // namespace warmcity::accounts
