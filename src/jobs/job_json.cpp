// Job posts as the API shows them (job_json.h).
#include "jobs/job_json.h"

#include <charconv>

namespace warmcity::jobs {

using nlohmann::ordered_json;

namespace {

constexpr std::string_view kJobCursorPrefix = "k1.";

ordered_json time_or_null(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

std::string base36(int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, 36);
  return std::string(buf, end);
}

std::optional<int64_t> from_base36(std::string_view s) {
  if (s.empty() || s.size() > 13) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 36);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

ordered_json job_summary_json(const PostRecord& p) {
  ordered_json j;
  j["id"] = p.id;
  j["title"] = p.fields.title;
  j["employer"] = {{"id", p.fields.employer_id}, {"name", p.employer_name}};
  j["headcount"] = p.fields.headcount;
  j["place"] = p.fields.place;
  j["area"] = p.fields.area_id
                  ? ordered_json{{"id", *p.fields.area_id}, {"name", p.area_name.value_or("")}}
                  : ordered_json(nullptr);
  j["pay_min_fen"] = p.fields.pay_min_fen;
  j["pay_max_fen"] = p.fields.pay_max_fen;
  j["hours"] = p.fields.hours;
  j["valid_until"] = p.fields.valid_until;
  j["published_at"] = time_or_null(p.published_at);
  return j;
}

ordered_json job_json(const JobView& v, bool with_history) {
  const PostRecord& p = v.post;
  ordered_json j = job_summary_json(p);
  j["conditions"] = p.fields.conditions;
  j["duties"] = p.fields.duties;
  j["contact_name"] = p.fields.contact_name;
  j["contact_phone"] = p.fields.contact_phone;  // the employer's business number
  j["publisher"] = {{"id", p.publisher_org_id}, {"name", p.publisher_name}};
  if (!v.staff) return j;
  j["status"] = p.status;
  j["expired"] = v.expired;
  j["flags"] = ordered_json::parse(p.flags_json, nullptr, false);
  if (j["flags"].is_discarded()) j["flags"] = ordered_json::array();
  j["review_note"] = p.review_note;
  j["created_by_name"] = p.created_by_name;
  j["created_at"] = core::format_rfc3339(p.created_at);
  j["updated_at"] = core::format_rfc3339(p.updated_at);
  j["complaints_open"] = p.complaints_open;
  if (with_history) {
    ordered_json h = ordered_json::array();
    for (const PostEvent& e : v.history) {
      h.push_back({{"kind", e.kind},
                   {"at", core::format_rfc3339(e.at)},
                   {"by_name", e.by_name},
                   {"note", e.note}});
    }
    j["history"] = std::move(h);
  }
  return j;
}

ordered_json job_page_json(const JobPage& page, bool full, bool with_history) {
  ordered_json items = ordered_json::array();
  for (const JobView& v : page.items) {
    items.push_back(full ? job_json(v, with_history) : job_summary_json(v.post));
  }
  ordered_json j;
  j["items"] = std::move(items);
  j["next_cursor"] =
      page.next ? ordered_json(encode_job_cursor(*page.next)) : ordered_json(nullptr);
  return j;
}

std::string encode_job_cursor(const PostKey& k) {
  return std::string(kJobCursorPrefix) + base36(k.at) + "." + base36(k.id);
}

std::optional<PostKey> decode_job_cursor(std::string_view cursor) {
  if (cursor.substr(0, kJobCursorPrefix.size()) != kJobCursorPrefix) return std::nullopt;
  cursor.remove_prefix(kJobCursorPrefix.size());
  const size_t dot = cursor.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::optional<int64_t> at = from_base36(cursor.substr(0, dot));
  std::optional<int64_t> id = from_base36(cursor.substr(dot + 1));
  if (!at || !id) return std::nullopt;
  return PostKey{*at, *id};
}

std::string job_dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace warmcity::jobs
