// SQL of the complaints on job posts (table job_complaints, module "jobs",
// job_migrations.cpp). Runs on the connection it is given. Prepared
// statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::jobs {

struct Complaint {
  int64_t id = 0;
  int64_t post_id = 0;
  std::string post_title;  // read only
  std::string reason;
  std::string text;
  std::optional<std::string> phone;  // whole: the JSON masks it
  std::optional<int64_t> from_user;
  std::string from_prefix;
  int64_t created_at = 0;
  std::string status = "open";
  std::string outcome;
  std::string outcome_note;
  std::optional<int64_t> handled_by;
  std::string handled_by_name;  // read only; "" when open
  std::optional<int64_t> handled_at;
};

// Whether the public sees post `post_id` on district day `today`
// (YYYY-MM-DD): published and valid until today or later.
Result<bool> post_is_public(store::Connection& c, int64_t post_id, const std::string& today);

// The complaints from network `prefix` since `since`: how many, and the
// earliest one's time (0 when none).
struct WindowCount {
  int64_t count = 0;
  int64_t oldest_at = 0;
};
Result<WindowCount> complaints_from_since(store::Connection& c, const std::string& prefix,
                                          int64_t since);

// Sets k.id.
Status insert_complaint(store::Connection& c, Complaint& k);
// kNotFound when there is no complaint `id`.
Result<Complaint> get_complaint(store::Connection& c, int64_t id);
// Complaints of `status` ("" for all), oldest first, ids above `after_id`.
Result<std::vector<Complaint>> list_complaints(store::Connection& c, const std::string& status,
                                               std::optional<int64_t> after_id, int limit);
// Marks an open complaint handled; kConflict when it is handled already,
// kNotFound when there is none.
Status mark_handled(store::Connection& c, int64_t id, const std::string& outcome,
                    const std::string& note, int64_t by, int64_t at);

}  // namespace warmcity::jobs
