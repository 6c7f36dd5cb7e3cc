#include "demo/demo_teams.h"

#include "core/wait_for.h"

namespace warmcity::demo {

namespace {

struct DemoTeam {
  const char* grid_code;  // lishi-areas.geojson
  const char* name;
  const char* worker;  // usernames of demo.cpp's kUsers
  const char* volunteer;
  const char* phone;
  const char* rota;  // core::OpeningHours
};

// One team in each of three sub-districts. 生态园's never rests (the phone
// desk always has somebody to name for its elders); the others keep office
// and daytime hours.
constexpr DemoTeam kTeams[] = {
    {"BH-STY-2", "生态园银龄帮扶队", "liangjunlian", "wangcuiping", "13903581201", "24/7"},
    {"FS-XG-1", "西关一网格助老队", "renjianping", "xuelijuan", "0358-8223301",
     "Mo-Fr 08:00-18:00; Sa 09:00-12:00"},
    {"JK-GJG-1", "高家沟结对服务队", "gaozhiqiang", "lirunmei", "13834561122", "Mo-Su 07:00-21:00"},
};

}  // namespace

Result<std::vector<TeamSummary>> create_teams(eldercare::ElderService& elders,
                                              const areas::AreaService& areas,
                                              const std::map<std::string, int64_t>& user_ids,
                                              const std::vector<RecordedElder>& recorded,
                                              const std::string& client_address) {
  const eldercare::Caller system{0, "admin", {}, client_address};
  std::vector<TeamSummary> out;
  for (const DemoTeam& d : kTeams) {
    auto grid = areas.find_code(d.grid_code);
    if (!grid.ok()) return grid.status();
    if (!*grid) return Status::Internal(std::string("demo: no grid ") + d.grid_code);
    auto worker = user_ids.find(d.worker);
    auto volunteer = user_ids.find(d.volunteer);
    if (worker == user_ids.end() || volunteer == user_ids.end()) {
      return Status::Internal(std::string("demo: a member of ") + d.name + " is no demo user");
    }
    eldercare::TeamInput in{(*grid)->first,    d.name,  worker->second,
                            volunteer->second, d.phone, d.rota};
    auto team = core::wait_for<eldercare::Team>(
        [&](auto done) { elders.create_team(std::move(in), system, std::move(done)); });
    if (!team.ok() && team.status().code() == Code::kUnprocessable) {
      return Status::Unprocessable(
          std::string("demo team ") + d.name + ": " + team.status().message(),
          team.status().field_errors());
    }
    if (!team.ok()) return team.status();
    TeamSummary summary{d.name, d.grid_code, d.rota, {d.worker, d.volunteer}, 0};
    for (const RecordedElder& e : recorded) {
      if (e.grid_id != team->grid_id) continue;
      auto paired = core::wait_for<eldercare::ElderView>(
          [&](auto done) { elders.pair(e.id, team->id, system, std::move(done)); });
      if (!paired.ok()) return paired.status();
      ++summary.elders;
    }
    if (summary.elders == 0) {
      return Status::Internal(std::string("demo: no elder lives in the grid of ") + d.name);
    }
    out.push_back(std::move(summary));
  }
  return out;
}

}  // namespace warmcity::demo
