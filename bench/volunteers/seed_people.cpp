// The district's people (seed.h): 4 sub-districts of 6 communities, each
// community's residents' committee with a worker; 400 volunteer teams, every
// team in a community (even ones by their own area, odd ones by their
// parent organisation, the two ways the counts find a team's community),
// a leader each and their certificate facts; 20,000 volunteers, 50 a team.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "accounts/organisation_store.h"
#include "accounts/user_store.h"
#include "areas/area_store.h"
#include "core/time.h"
#include "seed.h"
#include "volunteers/team_store.h"
#include "volunteers/volunteer_store.h"

namespace warmcity::volunteers::bench {
namespace {

constexpr int64_t kFounded = kNow - 1200 * kDay;  // when the organisations were made

const char* const kSubdistrictNames[kSubdistricts] = {"城北街道", "西属巴街道", "凤山街道",
                                                      "滨河街道"};
const char* const kCommunityNames[kCommunities] = {
    "昌茂", "凤山",   "生态园", "交通路", "永宁",   "滨河", "龙凤",   "西关",
    "东关", "南关",   "北关",   "城北",   "莲花池", "吕梁", "红眼川", "田家会",
    "信义", "乔家沟", "西属巴", "凤城",   "新城",   "滨湖", "向阳",   "和平"};
// 400 teams in 24 communities: up to 17 a community, one name each.
const char* const kTeamNames[] = {"夕阳红",   "蒲公英",   "红马甲",   "银龄",   "青年", "巾帼",
                                  "邻里守望", "文明劝导", "环保",     "助老",   "护河", "书香",
                                  "平安",     "党员先锋", "绿色家园", "小蜜蜂", "暖心"};
const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                 "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
                                 "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
const char* const kGivenNames[] = {"秀英", "桂英", "秀兰", "玉兰", "建华", "建国", "志强",
                                   "海燕", "晓燕", "丽娟", "伟",   "敏",   "静",   "磊",
                                   "军",   "洋",   "艳",   "勇",   "杰",   "娟",   "涛",
                                   "明",   "超",   "秀珍", "雨萱", "子涵", "浩然", "欣怡"};
const char* const kSkills[] = {"驾驶", "急救", "摄影", "书法", "维修", "理发", "烹饪", "外语"};

template <class T, size_t N>
constexpr int64_t count_of(const T (&)[N]) {
  return static_cast<int64_t>(N);
}

Result<int64_t> add_area(store::Connection& c, areas::Level level, std::optional<int64_t> parent,
                         const std::string& name) {
  areas::AreaRecord a;
  a.level = level;
  a.parent_id = parent;
  a.name = name;
  a.boundary = "{}";
  if (Status s = areas::insert_area(c, a); !s.ok()) return s;
  return a.id;
}

Result<int64_t> add_user(store::Connection& c, const std::string& username, const std::string& name,
                         const std::string& role, std::optional<std::string> phone,
                         std::vector<int64_t> orgs, int64_t at) {
  accounts::UserRecord u;
  u.username = username;
  u.display_name = name;
  u.role = role;
  u.password_hash = "x";  // nobody signs in: the bench calls the services
  u.phone = std::move(phone);
  u.organisation_ids = std::move(orgs);
  return accounts::insert_user(c, u, at);
}

Status seed_communities(store::Connection& c, District& d) {
  for (int s = 0; s < kSubdistricts; ++s) {
    Result<int64_t> sub =
        add_area(c, areas::Level::kSubdistrict, std::nullopt, kSubdistrictNames[s]);
    if (!sub.ok()) return sub.status();
    for (int k = 0; k < kCommunitiesPerSubdistrict; ++k) {
      DistrictCommunity m;
      m.name = kCommunityNames[s * kCommunitiesPerSubdistrict + k];
      Result<int64_t> area = add_area(c, areas::Level::kCommunity, *sub, m.name + "社区");
      if (!area.ok()) return area.status();
      m.area_id = *area;
      const std::string org_name = m.name + "社区居委会";
      Result<int64_t> org =
          accounts::insert_organisation(c, "community", org_name, m.area_id, kFounded);
      if (!org.ok()) return org.status();
      m.org_id = *org;
      Result<int64_t> worker = add_user(
          c, "worker" + std::to_string(d.communities.size()), m.name + "社区网格员", "worker",
          "1390358" + std::to_string(1000 + d.communities.size()), {m.org_id}, kFounded);
      if (!worker.ok()) return worker.status();
      m.worker_user = *worker;
      d.org_names[m.org_id] = org_name;
      d.org_staff[m.org_id] = m.worker_user;
      d.communities.push_back(std::move(m));
    }
  }
  return Status::Ok();
}

Status seed_teams(store::Connection& c, District& d) {
  for (int t = 0; t < kTeams; ++t) {
    DistrictTeam team;
    team.community = t % kCommunities;
    const DistrictCommunity& home = d.communities[static_cast<size_t>(team.community)];
    team.name = home.name + kTeamNames[t / kCommunities] + "志愿服务队";
    std::optional<int64_t> area;
    if (t % 2 == 0) area = home.area_id;
    Result<int64_t> org =
        accounts::insert_organisation(c, "volunteer_team", team.name, area, kFounded);
    if (!org.ok()) return org.status();
    team.org_id = *org;
    team.leader_name = std::string(kSurnames[t % count_of(kSurnames)]) +
                       kGivenNames[(t / 7) % count_of(kGivenNames)];
    team.phone = "1380358" + std::to_string(1000 + t);
    Result<int64_t> leader = add_user(c, "leader" + std::to_string(t), team.leader_name,
                                      "volunteer", team.phone, {team.org_id}, kFounded);
    if (!leader.ok()) return leader.status();
    team.leader_user = *leader;
    if (Status s = save_team_facts(c, team.org_id, home.org_id, team.leader_name, team.phone,
                                   team.leader_user, kFounded);
        !s.ok())
      return s;
    d.org_names[team.org_id] = team.name;
    d.org_staff[team.org_id] = team.leader_user;
    d.teams.push_back(std::move(team));
  }
  return Status::Ok();
}

// Volunteer i's registration as a team admin enters it.
VolunteerFields volunteer_fields(District& d, int i, const std::string& name) {
  VolunteerFields f;
  f.team_id = d.teams[static_cast<size_t>(i % kTeams)].org_id;
  f.name = name;
  f.phone = "139" + std::to_string(10000000 + i);
  f.id_type = "resident_id";
  const int year = static_cast<int>(d.between(1951, 2008));
  const core::LocalDate born{year, static_cast<int>(d.between(1, 12)),
                             static_cast<int>(d.between(1, 28))};
  f.birth_date = core::format_date(born);
  std::string serial = std::to_string(10000 + i % 10000).substr(1);
  f.id_number = std::string(i < 10000 ? "141102" : "141101") + f.birth_date.substr(0, 4) +
                f.birth_date.substr(5, 2) + f.birth_date.substr(8, 2) + serial;
  f.gender = i % 3 == 0 ? "male" : "female";
  for (int k = 0; k < 2; ++k) {
    if (d.uniform() < 0.3) f.skills.push_back(kSkills[d.between(0, count_of(kSkills) - 1)]);
  }
  if (f.skills.size() == 2 && f.skills[0] == f.skills[1]) f.skills.pop_back();
  f.availability = i % 2 == 0 ? "周末上午" : "工作日晚上";
  if (d.uniform() < 0.3) f.trainings.push_back({"志愿服务安全培训", "2025-03-15"});
  if (d.uniform() < 0.4) f.insurance_until = "2026-12-31";
  f.public_name = d.uniform() < 0.3;
  if (year >= 2006) {  // under 18 when they registered
    f.guardian =
        GuardianConsent{std::string(kSurnames[i % count_of(kSurnames)]) + "建国",
                        "137" + std::to_string(10000000 + i), "父亲", std::nullopt, std::nullopt};
  }
  return f;
}

// A second team from some time after they joined, leaving the first for a
// third of them.
Status join_second_team(store::Connection& c, District& d, DistrictVolunteer& v) {
  if (v.joined + 31 * kDay >= kNow) return Status::Ok();
  v.second_team = static_cast<int>((v.team + d.between(1, kTeams - 1)) % kTeams);
  v.second_joined = d.between(v.joined + 30 * kDay, kNow - kDay);
  const DistrictTeam& second = d.teams[static_cast<size_t>(v.second_team)];
  if (Status s = insert_membership(c, v.id, second.org_id, second.leader_user, v.second_joined);
      !s.ok())
    return s;
  v.moved = d.uniform() < 1.0 / 3;
  if (!v.moved) return Status::Ok();
  const DistrictTeam& home = d.teams[static_cast<size_t>(v.team)];
  Result<bool> ended = end_membership(c, v.id, home.org_id, home.leader_user, v.second_joined);
  return ended.ok() ? Status::Ok() : ended.status();
}

// Left volunteering: status left, the membership ended.
Status leave(store::Connection& c, District& d, DistrictVolunteer& v) {
  const int64_t from = std::max(v.joined, kLedgerStart) + 30 * kDay;
  if (from >= kNow - 30 * kDay) return Status::Ok();
  v.until = d.between(from, kNow - 30 * kDay);
  Result<std::optional<VolunteerRow>> row = find_volunteer(c, v.id);
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("a seeded volunteer vanished");
  (*row)->status = "left";
  if (Status s = update_volunteer(c, **row, v.until); !s.ok()) return s;
  const DistrictTeam& home = d.teams[static_cast<size_t>(v.team)];
  Result<bool> ended = end_membership(c, v.id, home.org_id, home.leader_user, v.until);
  return ended.ok() ? Status::Ok() : ended.status();
}

Status seed_volunteers(store::Connection& c, District& d) {
  for (int i = 0; i < kVolunteers; ++i) {
    DistrictVolunteer v;
    v.team = i % kTeams;
    // Drawn, not by i: a team (i % kTeams) holds any mix of busy and quiet.
    const double band = d.uniform();
    v.weight = band < 0.005 ? 100 : band < 0.055 ? 20 : band < 0.305 ? 4 : 1;
    // The busy ones served before the ledger's 24 months began.
    const bool early = v.weight >= 20 || d.uniform() < 0.4;
    v.joined = early ? d.between(kNow - 1095 * kDay, kLedgerStart)
                     : d.between(kLedgerStart, kNow - 7 * kDay);
    v.name = std::string(kSurnames[d.between(0, count_of(kSurnames) - 1)]) +
             kGivenNames[d.between(0, count_of(kGivenNames) - 1)];
    VolunteerFields f = volunteer_fields(d, i, v.name);
    if (d.uniform() < 0.75) {
      Result<int64_t> user =
          add_user(c, "v" + std::to_string(i), v.name, "resident", f.phone, {}, v.joined - kDay);
      if (!user.ok()) return user.status();
      v.user_id = *user;
      f.user_id = *user;
    }
    v.volunteer_no = "V" + std::to_string(30000000 + i);
    v.id_masked = mask_id_number(f.id_number);
    const DistrictTeam& home = d.teams[static_cast<size_t>(v.team)];
    Result<int64_t> id = insert_volunteer(c, f, v.volunteer_no, home.leader_user, v.joined);
    if (!id.ok()) return id.status();
    v.id = *id;
    const double r = d.uniform();
    if (r < 0.1) {
      if (Status s = join_second_team(c, d, v); !s.ok()) return s;
    } else if (r < 0.12 && v.weight < 20) {
      if (Status s = leave(c, d, v); !s.ok()) return s;
    }
    d.draw.insert(d.draw.end(), static_cast<size_t>(v.weight), i);
    d.volunteers.push_back(std::move(v));
    if ((i + 1) % 5000 == 0) std::fprintf(stderr, "  %d volunteers\n", i + 1);
  }
  return Status::Ok();
}

}  // namespace

int DistrictVolunteer::team_on(int64_t t, bool prefer_second) const {
  if (second_team >= 0 && t >= second_joined && (moved || prefer_second)) return second_team;
  return team;
}

std::string date_of(int64_t t) { return core::format_date(core::local_date_of(t)); }

Status seed_people(store::Connection& c, District& d) {
  if (Status s = seed_communities(c, d); !s.ok()) return s;
  if (Status s = seed_teams(c, d); !s.ok()) return s;
  std::fprintf(stderr, "  %d communities, %d teams\n", kCommunities, kTeams);
  return seed_volunteers(c, d);
}

}  // namespace warmcity::volunteers::bench
