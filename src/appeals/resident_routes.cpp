// GET /api/v1/me/appeals: the signed-in resident's own appeals (resident_appeals.h).
#include <nlohmann/json.hpp>

#include <utility>

#include "appeals/appeal_json.h"
#include "appeals/resident_appeals.h"
#include "core/time.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::appeals {

namespace {

using nlohmann::ordered_json;

ordered_json rfc3339_or_null(const std::optional<int64_t>& t) {
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
          {"closed_at", rfc3339_or_null(a.closed_at)},
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

void register_resident_routes(http::Router& router, AppealService& service, PhoneOf phone_of) {
  router.add(
      http::Method::kGet, "/api/v1/me/appeals", http::Access::Roles({http::Role::kResident}),
      [&service, phone_of = std::move(phone_of)](http::Request& req, http::Reply reply) {
        my_appeals(service, phone_of, req, std::move(reply));
      },
      {.summary = "The signed-in resident's appeals: reported by them or made with their number"});
}

}  // namespace warmcity::appeals
