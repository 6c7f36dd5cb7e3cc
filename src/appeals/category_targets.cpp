#include "appeals/category_targets.h"

#include <map>

namespace warmcity::appeals {

std::optional<TargetProblem> target_problem(int64_t org_id,
                                            const std::optional<accounts::OrgActors>& org) {
  if (!org) return TargetProblem{org_id, std::nullopt, "no_organisation"};
  if (org->actors > 0) return std::nullopt;
  return TargetProblem{org_id, org->name, "no_actor"};
}

FieldError target_error(const TargetProblem& p, TargetUse use) {
  const bool dispatch = use == TargetUse::kDispatch;
  const std::string field = dispatch ? "org_id" : "department_org_id";
  if (!p.org_name) {
    return {field, "没有编号为 " + std::to_string(p.org_id) + " 的组织 / names no organisation"};
  }
  const std::string& name = *p.org_name;
  return {
      field,
      "「" + name +
          "」没有能办理派单诉求的在用账号（职能部门或网格员角色），派到那里的诉求无人处理；" +
          (dispatch ? "请改派其他单位，或先为它添加账号" : "请先为它添加账号或改选默认承办单位") +
          " / " + name +
          " has no active user who can act on a dispatched appeal (role department or worker): " +
          (dispatch ? "dispatch it elsewhere or add one first"
                    : "add one first or choose another default target")};
}

Result<std::optional<TargetProblem>> check_target(store::Connection& c, int64_t org_id) {
  Result<std::optional<accounts::OrgActors>> org = accounts::org_actors(c, org_id);
  if (!org.ok()) return org.status();
  return target_problem(org_id, *org);
}

Result<std::vector<StrandedCategory>> stranded_categories(store::Connection& c,
                                                          const std::vector<Category>& categories) {
  std::map<int64_t, std::optional<TargetProblem>> seen;  // one query per organisation
  std::vector<StrandedCategory> out;
  for (const Category& cat : categories) {
    if (!cat.department_org_id) continue;
    auto it = seen.find(*cat.department_org_id);
    if (it == seen.end()) {
      Result<std::optional<TargetProblem>> p = check_target(c, *cat.department_org_id);
      if (!p.ok()) return p.status();
      it = seen.emplace(*cat.department_org_id, std::move(*p)).first;
    }
    if (it->second) out.push_back({cat, *it->second});
  }
  return out;
}

}  // namespace warmcity::appeals
