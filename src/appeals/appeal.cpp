#include "appeals/appeal.h"

#include "appeals/name_table.h"

namespace warmcity::appeals {

namespace {

constexpr NameTable<Channel, 5> kChannels = {{
    {Channel::kWeb, "web"},
    {Channel::kPhone, "phone"},
    {Channel::kLiaisonStation, "liaison_station"},
    {Channel::kRepresentativeVisit, "representative_visit"},
    {Channel::kOpen311, "open311"},
}};

constexpr NameTable<Satisfaction, 3> kSatisfaction = {{
    {Satisfaction::kSatisfied, "satisfied"},
    {Satisfaction::kBasicallySatisfied, "basically_satisfied"},
    {Satisfaction::kDissatisfied, "dissatisfied"},
}};

}  // namespace

std::string_view channel_name(Channel c) { return name_in(kChannels, c); }
std::optional<Channel> parse_channel(std::string_view name) { return parse_in(kChannels, name); }
bool staff_channel(Channel c) {
  return c == Channel::kPhone || c == Channel::kLiaisonStation ||
         c == Channel::kRepresentativeVisit;
}
std::string_view satisfaction_name(Satisfaction s) { return name_in(kSatisfaction, s); }
std::optional<Satisfaction> parse_satisfaction(std::string_view name) {
  return parse_in(kSatisfaction, name);
}

std::vector<int64_t> assignee_areas(const Appeal& a) {
  if (!a.assigned_area_id || a.assigned_org_id) return {};
  std::vector<int64_t> out{*a.assigned_area_id};
  // Where the appeal lies, innermost first: the areas after the assigned
  // one contain it.
  bool inside = false;
  for (const std::optional<int64_t>& id : {a.grid_id, a.community_id, a.subdistrict_id}) {
    if (!id) continue;
    if (inside) out.push_back(*id);
    if (*id == *a.assigned_area_id) inside = true;
  }
  return out;
}

}  // namespace warmcity::appeals
