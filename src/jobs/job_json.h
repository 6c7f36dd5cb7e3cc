// Job posts as the API shows them (docs/openapi.json, docs/jobs.md): the
// public JobSummary and Job, the staff fields, pages, and the keyset cursor
// of the lists ordered by a time and an id. Include only in route
// translation units and tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "jobs/job_service.h"

namespace warmcity::jobs {

// JobSummary: {id, title, employer, headcount, place, area, pay_min_fen,
// pay_max_fen, hours, valid_until, published_at}.
nlohmann::ordered_json job_summary_json(const PostRecord& p);
// Job: the summary with conditions, duties, contact and publisher; the
// staff fields (status, expired, flags, review_note, created_by_name,
// created_at, updated_at, complaints_open) when v.staff, and history when
// `with_history`.
nlohmann::ordered_json job_json(const JobView& v, bool with_history = true);
// {items, next_cursor}: summaries (`full` false) or Jobs, with their
// history when `with_history` (the review queue).
nlohmann::ordered_json job_page_json(const JobPage& page, bool full, bool with_history = false);

// The opaque cursor of a (time, id) position, and back (nullopt: not one
// this API gave out).
std::string encode_job_cursor(const PostKey& k);
std::optional<PostKey> decode_job_cursor(std::string_view cursor);

std::string job_dump(const nlohmann::ordered_json& body);

}  // namespace warmcity::jobs
