// The volunteer teams' JSON (team_json.h).
#include "volunteers/team_json.h"

#include "core/phone.h"
#include "http/json_input.h"

namespace warmcity::volunteers {

using nlohmann::ordered_json;

namespace {

ordered_json ref_or_null(const std::optional<NamedRef>& r) {
  if (!r) return nullptr;
  return {{"id", r->id}, {"name", r->name}};
}

}  // namespace

ordered_json team_json(const TeamItem& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"community", ref_or_null(t.community)},
          {"parent", ref_or_null(t.parent)},
          {"volunteers", t.volunteers},
          {"responsible_person", t.responsible_person},
          {"contact_phone", t.contact_phone}};
}

Result<TeamPatch> read_team_patch(const nlohmann::json& body) {
  http::FieldReader in(body);
  TeamPatch p;
  if (body.contains("parent_org_id"))
    p.parent_org_id = in.optional_int("parent_org_id", 1, INT64_MAX);
  for (const char* field : {"responsible_person", "contact_phone"}) {
    auto it = body.find(field);
    if (it != body.end() && it->is_null()) in.fail(field, "may not be null");
  }
  p.responsible_person = in.optional_string("responsible_person", 1, 40);
  p.contact_phone = in.optional_string("contact_phone", 1, 20);
  if (p.contact_phone && !core::is_valid_phone(*p.contact_phone))
    in.fail("contact_phone", "a mobile number (11 digits) or a landline with its area code");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return p;
}

}  // namespace warmcity::volunteers
