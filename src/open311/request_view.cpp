#include "open311/request_view.h"

#include "core/geo.h"
#include "core/time.h"

namespace warmcity::open311 {

namespace {

Node rounded(const std::optional<double>& v) {
  return v ? Node::number(core::public_coordinate(*v)) : Node();
}

Node time_node(int64_t t) { return Node::string(core::format_rfc3339(t)); }

}  // namespace

std::string service_notice(const appeals::Category& c) {
  return "受理后 " + std::to_string(c.response_hours) + " 小时内响应，" +
         std::to_string(c.resolution_days) + " 个工作日内办结 (response within " +
         std::to_string(c.response_hours) + " hours, resolution within " +
         std::to_string(c.resolution_days) + " working days)";
}

RequestViews::RequestViews(const Open311Service& service) : service_(service) {}

const appeals::Category* RequestViews::category(int64_t id) {
  if (!categories_loaded_) {
    categories_loaded_ = true;
    Result<std::vector<appeals::Category>> all = service_.appeals().categories(true);
    if (all.ok()) {
      for (appeals::Category& c : *all) categories_.emplace(c.id, std::move(c));
    }
  }
  auto it = categories_.find(id);
  return it == categories_.end() ? nullptr : &it->second;
}

Result<std::vector<Node>> RequestViews::requests(const std::vector<appeals::Appeal>& appeals) {
  std::vector<int64_t> ids;
  std::vector<int64_t> org_ids;
  for (const appeals::Appeal& a : appeals) {
    ids.push_back(a.id);
    if (a.assigned_org_id) org_ids.push_back(*a.assigned_org_id);
  }
  auto notes = service_.appeals().latest_public_notes(ids);
  if (!notes.ok()) return notes.status();
  auto rows = service_.requests_by_appeals(ids);
  if (!rows.ok()) return rows.status();
  auto agencies = service_.organisation_names(org_ids);
  if (!agencies.ok()) return agencies.status();
  std::vector<Node> out;
  out.reserve(appeals.size());
  for (const appeals::Appeal& a : appeals) {
    const appeals::Category* c = category(a.category_id);
    const bool closed = a.state == appeals::State::kClosed;
    Node notes_node;
    if (auto it = notes->find(a.id); it != notes->end()) notes_node = Node::string(it->second);
    Node agency;
    if (a.assigned_org_id) {
      auto it = agencies->find(*a.assigned_org_id);
      if (it != agencies->end() && !it->second.empty()) agency = Node::string(it->second);
    }
    Node address_id;
    if (auto it = rows->find(a.id); it != rows->end()) {
      address_id = Node::optional_string(it->second.address_id);
    }
    out.push_back(
        Node::object()
            .add("service_request_id", Node::string(a.tracking_code))
            .add("status", Node::string(closed ? "closed" : "open"))
            .add("status_notes", std::move(notes_node))
            .add("service_name", c ? Node::string(c->name_zh) : Node())
            .add("service_code", c ? Node::string(c->code) : Node())
            .add("description", Node::string(a.description))
            .add("agency_responsible", std::move(agency))
            .add("service_notice", c ? Node::string(service_notice(*c)) : Node())
            .add("requested_datetime", time_node(a.submitted_at))
            .add("updated_datetime", time_node(closed && a.closed_at ? *a.closed_at : a.updated_at))
            .add("expected_datetime", time_node(a.resolution_due))
            .add("address", Node::optional_string(a.address))
            .add("address_id", std::move(address_id))
            .add("zipcode", Node())
            .add("lat", rounded(a.lat))
            .add("long", rounded(a.lon))
            .add("media_url", Node()));
  }
  return out;
}

}  // namespace warmcity::open311
