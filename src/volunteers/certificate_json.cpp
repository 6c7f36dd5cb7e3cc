// The certificates' JSON (certificate_json.h).
#include "volunteers/certificate_json.h"

#include <cstdint>
#include <utility>

#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::volunteers {

using nlohmann::ordered_json;

namespace {

ordered_json cert_organiser_json(const CertificateLine& l) {
  return {{"id", l.organiser_id ? ordered_json(*l.organiser_id) : ordered_json(nullptr)},
          {"name", l.organiser_name}};
}

ordered_json cert_lines_json(const std::vector<CertificateLine>& lines) {
  ordered_json out = ordered_json::array();
  for (const CertificateLine& l : lines) {
    out.push_back({{"organiser", cert_organiser_json(l)},
                   {"records", l.records},
                   {"minutes", l.minutes},
                   {"services", l.services}});
  }
  return out;
}

ordered_json cert_or_null(const std::optional<int64_t>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

// The shared text fields of the two bodies; the dates' rules are the service's.
void cert_read_dates(http::FieldReader& in, std::string& from, std::string& to) {
  from = in.required_string("from", 10, 10).value_or("");
  to = in.required_string("to", 10, 10).value_or("");
}

}  // namespace

std::string content_text(const std::vector<CertificateLine>& lines) {
  return cert_lines_json(lines).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

Result<std::vector<CertificateLine>> content_from_text(const std::string& text) {
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_array()) return Status::Internal("certificate content is not an array");
  std::vector<CertificateLine> out;
  try {
    for (const nlohmann::json& j : doc) {
      CertificateLine l;
      const nlohmann::json& o = j.at("organiser");
      if (!o.at("id").is_null()) l.organiser_id = o.at("id").get<int64_t>();
      l.organiser_name = o.at("name").get<std::string>();
      l.records = j.at("records").get<int64_t>();
      l.minutes = j.at("minutes").get<int64_t>();
      l.services = j.at("services").get<std::vector<std::string>>();
      out.push_back(std::move(l));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Internal(std::string("certificate content: ") + e.what());
  }
  return out;
}

ordered_json verification_json(const Certificate& c) {
  return {{"number", c.number},
          {"status", c.superseded() ? "superseded" : "valid"},
          {"superseded_by_number",
           c.superseded_by_number ? ordered_json(*c.superseded_by_number) : ordered_json(nullptr)},
          {"volunteer_name", c.volunteer_name},
          {"id_number_masked", c.id_number_masked},
          {"volunteer_no", c.volunteer_no},
          {"from", c.from},
          {"to", c.to},
          {"hours", hours_of(c.minutes)},
          {"content", cert_lines_json(c.content)},
          {"issuer",
           {{"name", c.issuer_name},
            {"responsible_person", c.responsible_person},
            {"contact_phone", c.contact_phone}}},
          {"issued_on", c.issued_on},
          {"note", c.note}};
}

ordered_json certificate_json(const Certificate& c) {
  ordered_json j = {{"id", c.id}, {"volunteer_id", c.volunteer_id}, {"team_id", c.team_id}};
  ordered_json facts = verification_json(c);
  for (auto& [key, value] : facts.items()) j[key] = std::move(value);
  j["minutes"] = c.minutes;
  j["handler"] = c.handler_name;
  j["request_id"] = cert_or_null(c.request_id);
  j["superseded_by"] = cert_or_null(c.superseded_by);
  j["superseded_at"] =
      c.superseded_at ? ordered_json(core::format_rfc3339(*c.superseded_at)) : ordered_json();
  j["created_at"] = core::format_rfc3339(c.created_at);
  return j;
}

ordered_json certificates_json(const std::vector<Certificate>& list) {
  ordered_json items = ordered_json::array();
  for (const Certificate& c : list) items.push_back(certificate_json(c));
  return {{"items", std::move(items)}};
}

ordered_json request_json(const CertificateRequest& r) {
  return {{"id", r.id},
          {"volunteer_id", r.volunteer_id},
          {"volunteer",
           {{"id", r.volunteer_id}, {"name", r.volunteer_name}, {"volunteer_no", r.volunteer_no}}},
          {"team_id", r.team_id},
          {"from", r.from},
          {"to", r.to},
          {"state", r.state},
          {"requested_at", core::format_rfc3339(r.requested_at)},
          {"certificate_id", cert_or_null(r.certificate_id)},
          {"answered_at",
           r.answered_at ? ordered_json(core::format_rfc3339(*r.answered_at)) : ordered_json()}};
}

ordered_json requests_json(const std::vector<CertificateRequest>& list) {
  ordered_json items = ordered_json::array();
  for (const CertificateRequest& r : list) items.push_back(request_json(r));
  return {{"items", std::move(items)}};
}

Result<IssueInput> read_issue(const nlohmann::json& doc) {
  http::FieldReader in(doc);
  IssueInput out;
  out.volunteer_id = in.required_int("volunteer_id", 1, INT64_MAX).value_or(0);
  out.team_id = in.required_int("team_id", 1, INT64_MAX).value_or(0);
  cert_read_dates(in, out.from, out.to);
  if (in.has("request_id") && !doc.at("request_id").is_null()) {
    out.request_id = in.optional_int("request_id", 1, INT64_MAX);
  } else {
    in.known({"request_id"});
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<RequestInput> read_request(const nlohmann::json& doc) {
  http::FieldReader in(doc);
  RequestInput out;
  out.team_id = in.required_int("team_id", 1, INT64_MAX).value_or(0);
  cert_read_dates(in, out.from, out.to);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

}  // namespace warmcity::volunteers
