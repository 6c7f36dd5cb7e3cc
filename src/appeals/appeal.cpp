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

}  // namespace warmcity::appeals
