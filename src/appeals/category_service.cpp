// AppealService's category half: reads and the admin writes (appeal_service.h).
// A write whose default target reaches nobody is refused (category_targets.h).
#include <utility>

#include "appeals/appeal_service.h"
#include "appeals/category_store.h"
#include "appeals/category_targets.h"
#include "store/change_feed.h"

namespace warmcity::appeals {

Status AppealService::follow_categories(const std::vector<int64_t>&) { return reload_categories(); }

Status AppealService::reload_categories() {
  std::lock_guard<std::mutex> lock(reload_mu_);
  Result<std::vector<Category>> all = list_categories(db_.reader(), true);
  if (!all.ok()) return all.status();
  categories_.store(std::make_shared<const std::vector<Category>>(std::move(*all)));
  return Status::Ok();
}

Result<Category> AppealService::category(const std::string& code) const {
  std::shared_ptr<const std::vector<Category>> all = categories_.load();
  for (const Category& c : *all) {
    if (c.code == code) return c;
  }
  return Status::NotFound("no appeal category " + code);
}

Result<Category> AppealService::category_by_id(int64_t id) const {
  std::shared_ptr<const std::vector<Category>> all = categories_.load();
  for (const Category& c : *all) {
    if (c.id == id) return c;
  }
  return Status::NotFound("no appeal category with id " + std::to_string(id));
}

std::vector<Category> AppealService::categories(bool include_inactive) const {
  std::vector<Category> out;
  // Held for the loop: `*categories_.load()` alone would read a vector whose last owner, the
  // temporary, dies before the loop's first step once a reload has replaced it.
  const std::shared_ptr<const std::vector<Category>> all = categories_.load();
  for (const Category& c : *all) {
    if (include_inactive || c.active) out.push_back(c);
  }
  return out;
}

Result<std::vector<StrandedCategory>> AppealService::stranded_categories() const {
  return appeals::stranded_categories(db_.reader(), categories(false));
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
        // The default target must reach somebody (category_targets.h),
        // checked on the writer's connection so it agrees with the commit.
        if (!deactivate && saved->department_org_id) {
          Result<std::optional<TargetProblem>> p = check_target(conn, *saved->department_org_id);
          if (!p.ok()) return p.status();
          if (*p) return Status::Unprocessable("invalid category", {target_error(**p)});
        }
        // Asked before the write: on PostgreSQL a failed statement ends what
        // the job may still read.
        if (!code && get_category(conn, saved->code).ok()) {
          return Status::Conflict("a category with code " + saved->code + " exists");
        }
        Status s = code ? update_category_row(conn, *saved) : insert_category(conn, *saved);
        if (s.code() == Code::kConflict) {
          return Status::Unprocessable("invalid category",
                                       {{"department_org_id", "names no organisation"}});
        }
        if (!s.ok()) return s;
        if (Status r = store::record_change(conn, kCategoriesTopic, saved->id); !r.ok()) return r;
        return accounts::append_audit(
            conn, {by.user_id, action, "appeal_category", saved->code, "{}", by.client_address},
            at);
      },
      [this, saved, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        // After the commit (on the store's answerer thread): the next read sees it.
        if (Status r = reload_categories(); !r.ok()) return done(r);
        done(*saved);
      });
}

}  // namespace warmcity::appeals
