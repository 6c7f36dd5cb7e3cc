// AppealService's category half: reads and the admin writes (appeal_service.h).
#include <utility>

#include "appeals/appeal_service.h"
#include "appeals/category_store.h"

namespace warmcity::appeals {

Result<Category> AppealService::category(const std::string& code) const {
  return get_category(db_.reader(), code);
}

Result<std::vector<Category>> AppealService::categories(bool include_inactive) const {
  return list_categories(db_.reader(), include_inactive);
}

void AppealService::create_category(Category c, Caller by, Done<Category> done) {
  save_category(std::nullopt, std::move(c), std::move(by), false, std::move(done));
}

void AppealService::update_category(const std::string& code, Category c, Caller by,
                                    Done<Category> done) {
  save_category(code, std::move(c), std::move(by), false, std::move(done));
}

void AppealService::deactivate_category(const std::string& code, Caller by, Done<Category> done) {
  save_category(code, Category{}, std::move(by), true, std::move(done));
}

void AppealService::save_category(std::optional<std::string> code, Category c, Caller by,
                                  bool deactivate, Done<Category> done) {
  if (code && !deactivate) c.code = *code;
  if (!deactivate) {
    if (Status s = check_category(c); !s.ok()) return done(s);
  }
  auto saved = std::make_shared<Category>(std::move(c));
  db_.submit(
      [this, code, saved, deactivate, by = std::move(by)](store::Connection& conn) {
        const int64_t at = now();
        std::string action = "appeal_category.create";
        if (code) {
          Result<Category> before = get_category(conn, *code);
          if (!before.ok()) return before.status();
          if (deactivate) {
            *saved = *before;
            saved->active = false;
            action = "appeal_category.delete";
          } else {
            saved->active = before->active;
            action = "appeal_category.update";
          }
          saved->id = before->id;
          saved->created_at = before->created_at;
        } else {
          saved->created_at = at;
        }
        saved->updated_at = at;
        Status s = code ? update_category_row(conn, *saved) : insert_category(conn, *saved);
        if (s.code() == Code::kConflict) {
          if (!code && get_category(conn, saved->code).ok()) {
            return Status::Conflict("a category with code " + saved->code + " exists");
          }
          return Status::Unprocessable("invalid category",
                                       {{"department_org_id", "names no organisation"}});
        }
        if (!s.ok()) return s;
        accounts::AuditEntry e;
        e.actor_user_id = by.user_id;
        e.action = action;
        e.subject_type = "appeal_category";
        e.subject_id = saved->code;
        e.client_address = by.client_address;
        return accounts::append_audit(conn, e, at);
      },
      [saved, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*saved);
      });
}

}  // namespace warmcity::appeals
