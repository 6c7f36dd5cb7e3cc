#include "demo/demo.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "appeals/appeal_input.h"
#include "areas/area_import.h"
#include "core/read_file.h"
#include "core/time.h"
#include "core/wait_for.h"
#include "demo/demo_activities.h"
#include "demo/demo_afterschool.h"
#include "demo/demo_care.h"
#include "demo/demo_clinics.h"
#include "demo/demo_delivery.h"
#include "demo/demo_elders.h"
#include "demo/demo_jobs.h"
#include "demo/demo_menus.h"
#include "demo/demo_orders.h"
#include "demo/demo_subsidies.h"
#include "demo/demo_teams.h"
#include "demo/demo_volunteers.h"
#include "facilities/facility_input.h"

namespace warmcity::demo {

namespace {

using nlohmann::json;

constexpr const char* kAreasFile = "lishi-areas.geojson";
constexpr const char* kFacilitiesFile = "lishi-facilities.json";
constexpr const char* kCategoriesFile = "lishi-appeal-categories.json";
constexpr const char* kClientAddress = "cli:warmcity-demo";

struct DemoUser {
  const char* username;
  const char* role;
  const char* display_name;
  const char* password;
  const char* organisation;  // "" for none
  const char* phone = "";    // "" for none
};

// Demo-only credentials, printed by `warmcity demo`; never for real use.
constexpr DemoUser kUsers[] = {
    {"admin", "admin", "演示管理员", "demo-admin-2026", ""},
    {"zonggonghui", "keeper", "区总工会(演示)", "demo-keeper-2026", "离石区总工会"},
    {"liangjunlian", "worker", "梁俊连", "demo-worker-2026", "生态园社区"},
    {"chengguan", "department", "区城管局(演示)", "demo-department-2026", "离石区城市管理局"},
    // Every category's department has somebody to act on what is dispatched
    // to it (a category naming one without is refused: appeals/category_targets.h).
    {"xiaofang", "department", "区消防大队(演示)", "demo-department-2026", "离石区消防救援大队"},
    {"jiaojing", "department", "区交警大队(演示)", "demo-department-2026",
     "离石区公安局交通警察大队"},
    {"huanbao", "department", "生态环境分局(演示)", "demo-department-2026",
     "吕梁市生态环境局离石分局"},
    {"zhujian", "department", "区住建局(演示)", "demo-department-2026", "离石区住房和城乡建设局"},
    {"huanwei", "department", "区环卫中心(演示)", "demo-department-2026", "离石区环境卫生服务中心"},
    {"jiguan", "department", "区机关事务中心(演示)", "demo-department-2026",
     "离石区人民政府机关事务服务中心"},
    // The grid teams' members (demo_teams.cpp): a worker of each team's
    // community (梁俊连 serves 生态园) and a volunteer.
    {"wangcuiping", "volunteer", "王翠萍", "demo-volunteer-2026", ""},
    {"renjianping", "worker", "任建平", "demo-worker-2026", "西关社区"},
    {"xuelijuan", "volunteer", "薛丽娟", "demo-volunteer-2026", ""},
    {"gaozhiqiang", "worker", "高志强", "demo-worker-2026", "高家沟社区"},
    {"lirunmei", "volunteer", "李润梅", "demo-volunteer-2026", ""},
    // A cashier of each demo canteen (its keeper organisation, of the same
    // name): one canteen's cashier is refused at another (docs/canteens.md).
    {"shitang_shengtaiyuan", "keeper", "生态园便民餐厅收银(演示)", "demo-keeper-2026",
     "生态园便民餐厅"},
    {"shitang_gaojiagou", "keeper", "高家沟便民餐厅收银(演示)", "demo-keeper-2026",
     "高家沟便民餐厅"},
    {"shitang_changmao", "keeper", "昌茂便民餐厅收银(演示)", "demo-keeper-2026", "昌茂便民餐厅"},
    {"shitang_houwa", "keeper", "后瓦便民餐厅收银(演示)", "demo-keeper-2026", "后瓦便民餐厅"},
    // The job posts' publishers (demo_jobs.cpp): the human-resources bureau's
    // and the trade union's desks, each reviewing the other's posts.
    {"renshe", "department", "区人社局(演示)", "demo-department-2026",
     "离石区人力资源和社会保障局（岗位发布）"},
    {"gonghui", "department", "区总工会(演示)", "demo-department-2026", "离石区总工会（岗位发布）"},
    // The activities (demo_activities.cpp): 西关社区's organiser, and a resident
    // signed up for some of them with her own account (a fictional number).
    {"wenti", "worker", "西关社区文体专干(演示)", "demo-worker-2026", "西关社区"},
    {"zhangguilan", "resident", "张桂兰", "demo-resident-2026", "", "13835871246"},
    // The free clinics (demo_clinics.cpp): the health bureau's clinic desk.
    {"weijian", "department", "区卫健局义诊专干(演示)", "demo-department-2026",
     "离石区卫生健康局（义诊）"},
    // After-school care (demo_afterschool.cpp): 交通路社区's after-school worker
    // (its organiser and staff), a volunteer on its staff list, and the mother
    // of two enrolled children (a fictional number).
    {"sixiaoban", "worker", "交通路四点半课堂(演示)", "demo-afterschool-2026", "交通路社区"},
    {"zhaoxiaofang", "volunteer", "赵晓芳", "demo-volunteer-2026", ""},
    {"wangli", "resident", "王丽", "demo-resident-2026", "", "13835871302"},
    // The volunteers (demo_volunteers.cpp): the leaders of 昌茂社区's two
    // volunteer teams, and its grid worker who organises their 清理小广告.
    {"xiyanghong", "volunteer", "冯秀珍", "demo-volunteer-2026", "夕阳红志愿服务队", "13935810201"},
    {"pugongying", "volunteer", "贺晓燕", "demo-volunteer-2026", "蒲公英志愿服务队", "13935810211"},
    {"changmao", "worker", "昌茂社区网格员(演示)", "demo-worker-2026", "昌茂社区"},
};

// Keepers of the demo facilities (their names appear as "keeper" in the file)
// and the worker's community.
struct DemoOrganisation {
  const char* kind;
  const char* name;
  const char* area_code = "";  // the area it serves (lishi-areas.geojson)
};
constexpr DemoOrganisation kOrganisations[] = {
    {"keeper", "离石区总工会"},
    {"keeper", "离石区环境卫生服务中心"},
    {"keeper", "离石区人民政府机关事务服务中心"},
    {"keeper", "离石区人力资源和社会保障局"},
    {"keeper", "离石区住房和城乡建设局"},
    {"keeper", "离石区市场监督管理局"},
    {"keeper", "离石区教育局"},
    {"keeper", "离石区卫生健康局"},
    {"keeper", "离石区文化和旅游局"},
    {"keeper", "离石区自然资源局"},
    // The four canteens' operators (each keeps its canteen).
    {"keeper", "生态园便民餐厅"},
    {"keeper", "高家沟便民餐厅"},
    {"keeper", "昌茂便民餐厅"},
    {"keeper", "后瓦便民餐厅"},
    {"community", "生态园社区", "BH-STY"},  // 梁俊连 works 生态园's appeals
    {"community", "西关社区", "FS-XG"},     // 任建平, of 西关's grid team
    {"community", "高家沟社区", "JK-GJG"},  // 高志强, of 高家沟's grid team
    {"community", "交通路社区", "FS-JTL"},  // runs 交通路社区四点半课堂 (demo_afterschool.cpp)
    {"community", "昌茂社区", "LHC-CM"},  // its volunteer teams' 清理小广告 (demo_volunteers.cpp)
    {"volunteer_team", "夕阳红志愿服务队"},
    {"volunteer_team", "蒲公英志愿服务队"},
    // Departments that appeals are dispatched to (lishi-appeal-categories.json).
    {"department", "离石区城市管理局"},
    {"department", "离石区消防救援大队"},
    {"department", "离石区公安局交通警察大队"},
    {"department", "吕梁市生态环境局离石分局"},
    // The job posts' publishers (job_publishers): department orgs of their own
    // beside the bureau's and the union's keeper orgs above, which keep facilities.
    {"department", "离石区人力资源和社会保障局（岗位发布）"},
    {"department", "离石区总工会（岗位发布）"},
    // The free clinics' organiser (docs/clinics.md), beside the bureau's keeper org.
    {"department", "离石区卫生健康局（义诊）"},
};

Result<std::string> read_file(const std::string& path) {
  return core::read_file(path, "demo data file");
}

using core::wait_for;

// The official calendar's files beside the demo data (data/calendar).
std::string calendar_dir_beside(const std::string& data_dir) {
  std::filesystem::path dir(data_dir);
  if (!dir.has_filename()) dir = dir.parent_path();
  return (dir.parent_path() / "calendar").string();
}

Status refuse_non_empty(const Services& s) {
  if (s.areas.snapshot()->size() > 0 || s.facilities.snapshot()->size() > 0) {
    return Status::Conflict(
        "the database already has areas or facilities; the demo needs a new database file");
  }
  auto users = s.accounts.list_users();
  if (!users.ok()) return users.status();
  for (const auto& u : *users) {
    for (const auto& d : kUsers) {
      if (u.username == d.username) {
        return Status::Conflict("the database already has a user named " + u.username +
                                "; the demo needs a new database file");
      }
    }
  }
  return Status::Ok();
}

Result<size_t> import_areas(areas::AreaService& service, const std::string& path) {
  auto body = read_file(path);
  if (!body.ok()) return body.status();
  auto plan = areas::plan_import(*body, service.stored_codes());
  if (!plan.ok()) return plan.status();
  if (!plan->invalid.empty()) return areas::import_problem(*plan);
  auto out = wait_for<areas::ImportOutcome>([&](auto done) {
    service.import(std::move(plan).value(), areas::Editor{0, kClientAddress}, std::move(done));
  });
  if (!out.ok()) return out.status();
  return out->created.size();
}

// One facility entry as a POST body: "keeper" (an organisation name) becomes
// keeper_org_id.
Result<std::string> facility_body(json item, const std::map<std::string, int64_t>& orgs) {
  if (!item.is_object()) return Status::Unprocessable("a facility is not a JSON object");
  if (auto keeper = item.find("keeper"); keeper != item.end()) {
    auto org = keeper->is_string() ? orgs.find(keeper->get<std::string>()) : orgs.end();
    if (org == orgs.end()) return Status::Unprocessable("unknown keeper " + keeper->dump());
    item["keeper_org_id"] = org->second;
    item.erase("keeper");
  }
  return item.dump();
}

Status create_facilities(const Services& s, const std::string& path,
                         const std::map<std::string, int64_t>& orgs, const Options& options,
                         size_t& created) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  json doc = json::parse(*text, nullptr, false);
  if (!doc.is_object() || !doc.contains("facilities") || !doc["facilities"].is_array()) {
    return Status::Unprocessable(path + ": not an object with a facilities array");
  }
  const json& items = doc["facilities"];
  facilities::Editor system{0, true, {}, kClientAddress};
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string where = path + ": facilities[" + std::to_string(i) + "]";
    auto body = facility_body(items[i], orgs);
    if (!body.ok()) return Status::Unprocessable(where + ": " + body.status().message());
    std::optional<core::ParseError> at;
    auto in = facilities::read_input(*body, true, facilities::Kind::kServiceCentre, false, &at);
    if (!in.ok()) {
      return Status::Unprocessable(where + ": " + in.status().message(),
                                   in.status().field_errors());
    }
    auto f = facilities::new_facility(*in);
    if (!f.ok()) return Status::Unprocessable(where + ": " + f.status().message());
    auto saved = wait_for<facilities::Facility>(
        [&](auto done) { s.facilities.create(std::move(*f), system, std::move(done)); });
    if (!saved.ok()) return Status::Unprocessable(where + ": " + saved.status().message());
    ++created;
    if (options.progress && (created % 20 == 0 || created == items.size())) {
      options.progress("facilities: " + std::to_string(created) + "/" +
                       std::to_string(items.size()));
    }
  }
  return Status::Ok();
}

// Each category entry as a POST body: "department" (an organisation name)
// becomes department_org_id.
Result<size_t> create_categories(const Services& s, const std::string& path,
                                 const std::map<std::string, int64_t>& orgs) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  json doc = json::parse(*text, nullptr, false);
  if (!doc.is_object() || !doc.contains("categories") || !doc["categories"].is_array()) {
    return Status::Unprocessable(path + ": not an object with a categories array");
  }
  appeals::Caller system{std::nullopt, "admin", {}, kClientAddress};
  size_t created = 0;
  for (json item : doc["categories"]) {
    const std::string where = path + ": " + item.value("code", "?");
    if (auto d = item.find("department"); d != item.end()) {
      auto org = d->is_string() ? orgs.find(d->get<std::string>()) : orgs.end();
      if (org == orgs.end()) return Status::Unprocessable(where + ": unknown department");
      item["department_org_id"] = org->second;
      item.erase("department");
    }
    auto c = appeals::read_category(item.dump(), true);
    if (!c.ok())
      return Status::Unprocessable(where + ": " + c.status().message(), c.status().field_errors());
    auto saved = wait_for<appeals::Category>(
        [&](auto done) { s.appeals.create_category(std::move(*c), system, std::move(done)); });
    if (!saved.ok()) return Status::Unprocessable(where + ": " + saved.status().message());
    ++created;
  }
  return created;
}

Status record_created(accounts::AuditLog& audit, const Options& options, const Report& r) {
  accounts::AuditEntry e;
  e.action = "demo.created";
  e.subject_type = "database";
  e.subject_id = "demo";
  e.detail_json = accounts::AuditDetail()
                      .add("data_dir", options.data_dir)
                      .add("areas", static_cast<int64_t>(r.areas))
                      .add("facilities", static_cast<int64_t>(r.facilities))
                      .add("appeal_categories", static_cast<int64_t>(r.appeal_categories))
                      .add("elders", static_cast<int64_t>(r.elders))
                      .add("teams", static_cast<int64_t>(r.teams.size()))
                      .add("note", "DEMO DATA: approximate positions, not official")
                      .str();
  e.client_address = kClientAddress;
  std::promise<Status> promise;
  auto future = promise.get_future();
  audit.record(std::move(e), [&promise](const Status& s) { promise.set_value(s); });
  return future.get();
}

}  // namespace

Result<Report> create(Services services, const Options& options) {
  if (Status s = refuse_non_empty(services); !s.ok()) return s;
  const std::string areas_path = options.data_dir + "/" + kAreasFile;
  const std::string facilities_path = options.data_dir + "/" + kFacilitiesFile;
  const std::string categories_path = options.data_dir + "/" + kCategoriesFile;
  const std::string elders_path = options.data_dir + "/" + kEldersFile;
  for (const auto& path : {areas_path, facilities_path, categories_path, elders_path}) {
    if (auto text = read_file(path); !text.ok()) return text.status();
  }
  auto say = [&options](const std::string& line) {
    if (options.progress) options.progress(line);
  };

  Report report;
  auto areas = import_areas(services.areas, areas_path);
  if (!areas.ok()) return areas.status();
  report.areas = *areas;
  say("areas: " + std::to_string(report.areas) + " imported");

  std::map<std::string, int64_t> orgs;
  for (const auto& [kind, name, area_code] : kOrganisations) {
    std::optional<int64_t> area_id;
    if (*area_code) {
      auto area = services.areas.find_code(area_code);
      if (!area.ok()) return area.status();
      if (!*area) return Status::Internal(std::string("demo: no area ") + area_code);
      area_id = (*area)->first;
    }
    auto id = services.accounts.add_organisation(kind, name, area_id);
    if (!id.ok()) return id.status();
    orgs[name] = *id;
  }
  report.organisations = orgs.size();
  say("organisations: " + std::to_string(orgs.size()) + " created");

  std::map<std::string, int64_t> user_ids;
  for (const auto& d : kUsers) {
    accounts::NewUser u{d.username, d.display_name, d.role, d.password, std::nullopt, {}};
    if (*d.phone) u.phone = d.phone;
    if (*d.organisation) u.organisation_ids.push_back(orgs.at(d.organisation));
    auto id = services.accounts.add_user(u);
    if (!id.ok()) return id.status();
    user_ids[d.username] = *id;
    report.users.push_back({d.username, d.role, d.display_name, d.password});
  }
  say("users: " + std::to_string(report.users.size()) + " created");

  if (Status s = create_facilities(services, facilities_path, orgs, options, report.facilities);
      !s.ok()) {
    return s;
  }
  auto categories = create_categories(services, categories_path, orgs);
  if (!categories.ok()) return categories.status();
  report.appeal_categories = *categories;
  say("appeal categories: " + std::to_string(report.appeal_categories) + " created");
  auto elders = create_elders(services.elders, elders_path, kClientAddress);
  if (!elders.ok()) return elders.status();
  report.elders = elders->size();
  say("elders: " + std::to_string(report.elders) + " recorded");
  auto teams = create_teams(services.elders, services.areas, user_ids, *elders, kClientAddress);
  if (!teams.ok()) return teams.status();
  for (const TeamSummary& t : *teams) {
    // The printed credentials name each member's team.
    for (Credentials& u : report.users) {
      if (std::find(t.members.begin(), t.members.end(), u.username) != t.members.end()) {
        u.display_name += "，" + t.name;
      }
    }
    report.teams.push_back(t.name + " (" + t.grid_code + ", " + t.rota + ", " +
                           std::to_string(t.elders) + (t.elders == 1 ? " elder)" : " elders)"));
  }
  say("teams: " + std::to_string(report.teams.size()) + " formed");
  for (const std::string& t : report.teams) say("  team " + t);
  auto care = create_care(services.db, user_ids, *elders, kClientAddress, core::now_unix(),
                          services.errand_hours);
  if (!care.ok()) return care.status();
  say("errands: " + std::to_string(care->errands) + " recorded");
  say("visits: " + std::to_string(care->visits) + " recorded (" +
      std::to_string(care->escalations) + " escalation in progress, " +
      std::to_string(care->changes) + " reported change)");
  const core::LocalDate menu_day = core::local_date_of(core::now_unix());
  auto menus = create_menus(services.db, services.accounts.audit(), services.facilities,
                            kClientAddress, menu_day);
  if (!menus.ok()) return menus.status();
  say("canteen menus: " + std::to_string(menus->dishes) + " dishes, " +
      std::to_string(menus->meals) + " meals published at " + std::to_string(menus->canteens) +
      " canteens from " + core::format_date(menu_day));
  const core::LocalDate demo_today = core::local_date_of(core::now_unix());
  auto subsidies = create_subsidies(services.db, kClientAddress, demo_today);
  if (!subsidies.ok()) return subsidies.status();
  say("meal subsidies: version " + std::to_string(*subsidies) + " in force from " +
      core::format_date({demo_today.year, demo_today.month, 1}));
  auto orders = create_orders(services.db, services.accounts.audit(), services.facilities, *elders,
                              kClientAddress);
  if (!orders.ok()) return orders.status();
  say("canteen meals: " + std::to_string(orders->counter) + " at the counter today, " +
      std::to_string(orders->deliveries) + " deliveries booked");
  auto routes = create_delivery_routes(services.db, services.facilities, kClientAddress);
  if (!routes.ok()) return routes.status();
  say("delivery routes: " + std::to_string(routes->routes) + " lunch routes kept, " +
      std::to_string(routes->stops) + " stops");
  auto jobs =
      create_jobs(services.db, services.areas, orgs.at("离石区人力资源和社会保障局（岗位发布）"),
                  orgs.at("离石区总工会（岗位发布）"), user_ids.at("renshe"),
                  user_ids.at("gonghui"), core::now_unix());
  if (!jobs.ok()) return jobs.status();
  say("job posts: " + std::to_string(jobs->published) + " published, " +
      std::to_string(jobs->pending) + " pending, " + std::to_string(jobs->expired) +
      " expired, from " + std::to_string(jobs->employers) + " verified employers; " +
      std::to_string(jobs->complaints) + " open complaint");
  ActivityPeople people;
  people.community_org = orgs.at("西关社区");
  people.department_org = orgs.at("离石区人力资源和社会保障局（岗位发布）");
  people.wenti = user_ids.at("wenti");
  people.renshe = user_ids.at("renshe");
  people.resident = user_ids.at("zhangguilan");
  people.resident_name = "张桂兰";
  people.resident_phone = "13835871246";
  auto activities = create_activities(services.db, people, core::now_unix());
  if (!activities.ok()) return activities.status();
  say("activities: " + std::to_string(activities->activities) + " with " +
      std::to_string(activities->occurrences) + " occurrences (" +
      std::to_string(activities->cancelled) + " called off), " +
      std::to_string(activities->signups) + " sign-ups (" + std::to_string(activities->waiting) +
      " waiting)");
  ClinicPeople clinic_people;
  clinic_people.org = orgs.at("离石区卫生健康局（义诊）");
  clinic_people.weijian = user_ids.at("weijian");
  auto xiguan = services.areas.find_code("FS-XG");
  if (!xiguan.ok()) return xiguan.status();
  if (!*xiguan) return Status::Internal("demo: no area FS-XG");
  clinic_people.community = (*xiguan)->first;
  clinic_people.resident = people.resident;
  clinic_people.resident_name = people.resident_name;
  clinic_people.resident_phone = people.resident_phone;
  auto clinics = create_clinics(services.db, clinic_people, core::now_unix());
  if (!clinics.ok()) return clinics.status();
  say("free clinics: " + std::to_string(clinics->sessions) + " sessions with " +
      std::to_string(clinics->slots) + " slots, " + std::to_string(clinics->bookings) +
      " bookings (" + std::to_string(clinics->notes) + " with a health note, " +
      std::to_string(clinics->attended) + " attended)");
  AfterschoolPeople afterschool_people;
  afterschool_people.org = orgs.at("交通路社区");
  afterschool_people.sixiaoban = user_ids.at("sixiaoban");
  afterschool_people.volunteer = user_ids.at("zhaoxiaofang");
  afterschool_people.resident = user_ids.at("wangli");
  afterschool_people.calendar_dir = calendar_dir_beside(options.data_dir);
  afterschool_people.client_address = kClientAddress;
  afterschool_people.duty_hours = services.duty_hours;
  facilities::ListFilter sites;
  sites.kind = facilities::Kind::kAfterschoolSite;
  auto site_list = services.facilities.list(sites);
  if (!site_list.ok()) return site_list.status();
  for (const facilities::Facility& f : *site_list) {
    if (f.name == "交通路社区四点半课堂") afterschool_people.site = f.id;
  }
  if (afterschool_people.site == 0) return Status::Internal("demo: no site 交通路社区四点半课堂");
  auto afterschool = create_afterschool(services.db, services.accounts.audit(), afterschool_people,
                                        core::now_unix());
  if (!afterschool.ok()) return afterschool.status();
  say("after-school care: " + std::to_string(afterschool->programmes) + " programme, " +
      std::to_string(afterschool->children) + " children enrolled, " +
      std::to_string(afterschool->adults) + " pickup adults; today " +
      (afterschool->session_today ? std::to_string(afterschool->checked_in) + " checked in, " +
                                        std::to_string(afterschool->checked_out) + " gone home"
                                  : std::string("no session")));
  say("  pickup codes (demo only, shown once): " + afterschool->codes);
  VolunteerPeople volunteer_people;
  volunteer_people.community_org = orgs.at("昌茂社区");
  volunteer_people.xiyanghong_team = orgs.at("夕阳红志愿服务队");
  volunteer_people.pugongying_team = orgs.at("蒲公英志愿服务队");
  volunteer_people.errand_org = orgs.at("生态园社区");
  auto changmao = services.areas.find_code("LHC-CM");
  if (!changmao.ok()) return changmao.status();
  if (!*changmao) return Status::Internal("demo: no area LHC-CM");
  volunteer_people.community_area = (*changmao)->first;
  volunteer_people.users = user_ids;
  volunteer_people.client_address = kClientAddress;
  auto vol =
      create_volunteers(services.db, services.accounts.audit(), volunteer_people, core::now_unix());
  if (!vol.ok()) return vol.status();
  const auto tenths = [](int64_t t) {
    return std::to_string(t / 10) + (t % 10 ? "." + std::to_string(t % 10) : "");
  };
  say("volunteers: " + std::to_string(vol->teams) + " teams, " + std::to_string(vol->volunteers) +
      " volunteers (" + std::to_string(vol->minors) + " minor), " + std::to_string(vol->shifts) +
      " shift on " + vol->shift_date + " with " + std::to_string(vol->signups) + " sign-ups (" +
      std::to_string(vol->checked_out) + " checked out), " + tenths(vol->shift_minutes / 6) +
      " hours confirmed, outcomes " + tenths(vol->ads_tenths) + " 处 / " +
      std::to_string(vol->rubbish_tenths / 10) + "." + std::to_string(vol->rubbish_tenths % 10) +
      " 立方米 / " + tenths(vol->sewage_tenths) + " 处, " + std::to_string(vol->manual) +
      " manual records, " + std::to_string(vol->disputes) +
      " dispute answered with a correction, " + std::to_string(vol->requests) +
      " open certificate request");
  say("  certificate " + vol->certificate + " (verify it at #/verify/" + vol->certificate + ")");
  auto duty_day = confirm_last_duty(services.db, services.accounts.audit(), afterschool_people,
                                    afterschool->programme, core::now_unix());
  if (!duty_day.ok()) return duty_day.status();
  say(duty_day->empty() ? std::string("after-school duty: no session day yet this term")
                        : "after-school duty of " + *duty_day +
                              " confirmed by sixiaoban: zhaoxiaofang's hours in the ledger");
  for (Credentials& u : report.users) {
    if (u.username == "xiyanghong") u.display_name += "，夕阳红志愿服务队队长";
    if (u.username == "pugongying") u.display_name += "，蒲公英志愿服务队队长";
    if (u.username == "changmao") u.display_name += "，清理小广告的组织者";
  }
  if (Status s = record_created(services.accounts.audit(), options, report); !s.ok()) return s;
  return report;
}

}  // namespace warmcity::demo
