#include "appeals/resident_appeals.h"

#include <nlohmann/json.hpp>

#include <utility>

#include "appeals/appeal_json.h"
#include "appeals/appeal_store.h"
#include "core/time.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::appeals {

namespace {

using nlohmann::ordered_json;

ordered_json time_or_null(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json item_json(const AppealService& service, const Appeal& a, int64_t user_id) {
  Result<Category> c = service.category_by_id(a.category_id);
  ordered_json category =
      c.ok() ? ordered_json{{"code", c->code}, {"name_zh", c->name_zh}, {"name_en", c->name_en}}
             : ordered_json{{"id", a.category_id}};
  return {{"id", a.id},
          {"tracking_code", a.tracking_code},
          {"category", std::move(category)},
          {"state", state_name(a.state)},
          {"description", a.description},
          {"address", a.address ? ordered_json(*a.address) : ordered_json(nullptr)},
          {"submitted_at", core::format_rfc3339(a.submitted_at)},
          {"updated_at", core::format_rfc3339(a.updated_at)},
          {"closed_at", time_or_null(a.closed_at)},
          // "account": reported signed in; "phone": made with the number only.
          {"linked_by", a.reporter_user_id == user_id ? "account" : "phone"}};
}

void my_appeals(AppealService& service, const PhoneOf& phone_of, http::Request& req,
                http::Reply reply) {
  Result<http::Page> page = http::parse_page(req, 20, 200);
  if (!page.ok()) return reply(http::problem(page.status()));
  const int64_t user_id = req.principal->user_id;
  Result<std::optional<std::string>> phone = phone_of(user_id);
  if (!phone.ok()) return reply(http::problem(phone.status()));
  Result<std::vector<Appeal>> rows =
      service.resident_appeals(user_id, *phone, page->before_id, page->limit + 1);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  const bool more = rows->size() > static_cast<size_t>(page->limit);
  if (more) rows->pop_back();
  ordered_json items = ordered_json::array();
  for (const Appeal& a : *rows) items.push_back(item_json(service, a, user_id));
  ordered_json next = more ? ordered_json(http::encode_cursor(rows->back().id)) : nullptr;
  http::Response r =
      http::json_response(dump({{"items", std::move(items)}, {"next_cursor", std::move(next)}}));
  r.set_header("Cache-Control", "no-store");
  reply(std::move(r));
}

}  // namespace

std::vector<store::Migration> resident_migrations() {
  return {{"appeals", 4, R"SQL(
    CREATE INDEX appeals_contact_phone ON appeals(contact_phone, id)
      WHERE contact_phone IS NOT NULL;
  )SQL"}};
}

Result<std::vector<Appeal>> appeals_of_resident(store::Connection& c, int64_t user_id,
                                                const std::optional<std::string>& phone,
                                                std::optional<int64_t> before_id, int limit) {
  // Two indexed walks (reporter, contact phone) merged by id.
  auto s = c.prepare(
      "SELECT id FROM appeals WHERE reporter_user_id = ?1 AND id < ?3 "
      "UNION SELECT id FROM appeals WHERE contact_phone = ?2 AND id < ?3 "
      "ORDER BY id DESC LIMIT ?4");
  if (!s.ok()) return s.status();
  s->bind(1, user_id).bind(2, phone).bind(3, before_id.value_or(INT64_MAX)).bind(4, limit);
  Result<std::vector<int64_t>> ids =
      store::collect<int64_t>(*s, [](const store::Statement& r) { return r.column_int64(0); });
  if (!ids.ok()) return ids.status();
  if (ids->empty()) return std::vector<Appeal>();
  AppealFilter f;
  f.ids = std::move(*ids);
  f.limit = static_cast<int>(f.ids.size());
  return list_appeals(c, f);
}

Result<int64_t> forget_resident(store::Connection& c, int64_t user_id,
                                const std::optional<std::string>& phone, int64_t now) {
  auto s = c.prepare(
      "UPDATE appeals SET contact_name = NULL, contact_phone = NULL, anonymous = 1, "
      "reporter_user_id = CASE WHEN reporter_user_id = ?1 THEN NULL ELSE reporter_user_id END, "
      "updated_at = ?3 WHERE reporter_user_id = ?1 OR contact_phone = ?2");
  if (!s.ok()) return s.status();
  s->bind(1, user_id).bind(2, phone).bind(3, now);
  if (Status r = s->run(); !r.ok()) return r;
  const int64_t changed = c.changes();
  auto f = c.prepare("DELETE FROM appeal_followers WHERE user_id = ?");
  if (!f.ok()) return f.status();
  f->bind(1, user_id);
  if (Status r = f->run(); !r.ok()) return r;
  return changed;
}

Result<std::vector<Appeal>> AppealService::resident_appeals(int64_t user_id,
                                                            const std::optional<std::string>& phone,
                                                            std::optional<int64_t> before_id,
                                                            int limit) const {
  return appeals_of_resident(db_.reader(), user_id, phone, before_id, limit);
}

void register_resident_routes(http::Router& router, AppealService& service, PhoneOf phone_of) {
  router.add(
      http::Method::kGet, "/api/v1/me/appeals", http::Access::Roles({http::Role::kResident}),
      [&service, phone_of = std::move(phone_of)](http::Request& req, http::Reply reply) {
        my_appeals(service, phone_of, req, std::move(reply));
      },
      {.summary = "The signed-in resident's appeals: reported by them or made with their number"});
}

}  // namespace warmcity::appeals
