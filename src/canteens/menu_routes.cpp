// Routes of the canteens' menus (menus.h): the public menu of some days, the
// dishes for the canteen's staff, saving a day's meal. HTTP only: every
// answer comes from MenuService.
#include <charconv>
#include <memory>
#include <utility>

#include "canteens/menu_json.h"
#include "canteens/menus.h"
#include "canteens/routes.h"
#include "http/problem.h"

namespace warmcity::canteens {

namespace {

using MenuRouteFn = void (*)(MenuService&, http::Request&, http::Reply);
// The handlers share the service: it lives as long as the router's routes.
http::Handler menu_handler(const std::shared_ptr<MenuService>& service, MenuRouteFn f) {
  return
      [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
}

void answer_dish(http::Reply& reply, Result<Dish> d, int status) {
  if (!d.ok()) return reply(http::problem(d.status()));
  http::Response res = http::json_response(menu_dump(dish_json(*d)), status);
  if (status == 201) {
    res.set_header("Location", std::string(kCanteensApi) + "/" + std::to_string(d->canteen_id) +
                                   "/dishes/" + std::to_string(d->id));
  }
  reply(std::move(res));
}

// ?from=YYYY-MM-DD (default today) &days=1..14 (default 7).
Result<MenuRange> read_range(const http::Request& req, core::LocalDate today) {
  std::vector<FieldError> errors;
  MenuRange range{today, kMenuReadDaysDefault};
  if (std::optional<std::string> from = req.query_param("from")) {
    Result<core::LocalDate> d = core::parse_date(*from);
    if (d.ok()) {
      range.from = *d;
    } else {
      errors.push_back({"from", "a date YYYY-MM-DD"});
    }
  }
  if (std::optional<std::string> days = req.query_param("days")) {
    int v = 0;
    const auto [end, ec] = std::from_chars(days->data(), days->data() + days->size(), v);
    if (ec != std::errc() || end != days->data() + days->size() || v < 1 || v > kMenuReadDaysMax) {
      errors.push_back({"days", "1 to " + std::to_string(kMenuReadDaysMax)});
    }
    range.days = v;
  }
  if (!errors.empty()) return Status::Unprocessable("bad menu parameters", std::move(errors));
  return range;
}

void menu_read(MenuService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<MenuRange> range = read_range(req, service.today());
  if (!range.ok()) return reply(http::problem(range.status()));
  Result<CanteenMenu> menu = service.menu(*id, *range);
  if (!menu.ok()) return reply(http::problem(menu.status()));
  reply(http::json_response(menu_dump(menu_json(*menu))));
}

void dish_list(MenuService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<CanteenDishes> dishes = service.dishes(*id, caller_of(req));
  if (!dishes.ok()) return reply(http::problem(dishes.status()));
  reply(http::json_response(menu_dump(dishes_json(*dishes))));
}

void dish_create(MenuService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<Dish> in = read_new_dish(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.add_dish(*id, std::move(*in), caller_of(req),
                   [reply = std::move(reply)](Result<Dish> d) mutable {
                     answer_dish(reply, std::move(d), 201);
                   });
}

void dish_change(MenuService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  std::optional<int64_t> dish_id = req.path_id("dish_id");
  if (!dish_id) return reply(http::problem(Status::NotFound("no dish with that id")));
  Result<DishPatch> in = read_dish_patch(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.change_dish(*id, *dish_id, std::move(*in), caller_of(req),
                      [reply = std::move(reply)](Result<Dish> d) mutable {
                        answer_dish(reply, std::move(d), 200);
                      });
}

void meal_save(MenuService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = canteen_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  // The body first: one that is not JSON (or nested too deep) is 400 whatever the path says.
  Result<std::vector<MenuLine>> lines = read_menu_lines(req.body);
  if (!lines.ok()) return reply(http::problem(lines.status()));
  std::vector<FieldError> errors;
  Result<core::LocalDate> date = core::parse_date(req.path_param("date"));
  if (!date.ok()) errors.push_back({"date", "a date YYYY-MM-DD"});
  const std::string meal(req.path_param("meal"));
  if (!is_meal(meal)) errors.push_back({"meal", "breakfast, lunch or dinner"});
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("no such meal", std::move(errors))));
  }
  service.save_meal(*id, *date, meal, std::move(*lines), caller_of(req),
                    [reply = std::move(reply)](Result<SavedMeal> r) {
                      if (!r.ok()) return reply(http::problem(r.status()));
                      reply(http::json_response(menu_dump(saved_meal_json(*r))));
                    });
}

}  // namespace

void register_menu_routes(http::Router& router, std::shared_ptr<MenuService> service) {
  using http::Method;
  using http::Role;
  const std::string canteen = std::string(kCanteensApi) + "/{id}";
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kKeeper});
  router.add(Method::kGet, canteen + "/menu", http::Access::Public(),
             menu_handler(service, menu_read),
             {.summary = "A canteen's published menus, day by day (?from=YYYY-MM-DD&days=1..14)"});
  router.add(Method::kGet, canteen + "/dishes", staff, menu_handler(service, dish_list),
             {.summary = "A canteen's dishes and set meals, withdrawn ones too (its staff)"});
  router.add(Method::kPost, canteen + "/dishes", staff, menu_handler(service, dish_create),
             {.body_limit = 8192, .summary = "Add a dish or set meal to a canteen (its staff)"});
  router.add(
      Method::kPatch, canteen + "/dishes/{dish_id}", staff, menu_handler(service, dish_change),
      {.body_limit = 8192, .summary = "Change a dish (active false withdraws it; its staff)"});
  router.add(Method::kPut, canteen + "/menu/{date}/{meal}", staff, menu_handler(service, meal_save),
             {.body_limit = 16 * 1024,
              .summary = "Publish a canteen's meal of a day (empty items: remove it; its staff)"});
}

}  // namespace warmcity::canteens
