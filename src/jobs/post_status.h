// A job post moved to another status with its history event, in the caller's
// transaction (a write job): the one place job posts change status, shared by
// the review (job_service) and the complaints upheld (complaint_service).
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::jobs {

struct StatusChange {
  int64_t post_id = 0;
  std::string to;          // 'pending', 'published', 'rejected' or 'withdrawn'
  std::string event_kind;  // 'edited', 'approved', 'rejected' or 'withdrawn'
  int64_t by_user = 0;
  int64_t at = 0;  // unix seconds
  std::string note;
};

// Moves the post; a withdrawn post moves no more (kConflict "the post was
// withdrawn"), an unknown one is kNotFound. Approving sets published_at and
// reviewed_by; approving or rejecting keeps the note as review_note.
Status change_post_status(store::Connection& c, const StatusChange& change);

}  // namespace warmcity::jobs
