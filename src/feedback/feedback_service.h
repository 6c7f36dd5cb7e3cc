// FeedbackService: what the feedback routes ask of the feedback table
// (feedback_store.h holds the SQL).
//
// create() is one write job; its `done` runs once, on the writer's answerer thread,
// after the commit is durable (or with the job's error). list() and get()
// read on the calling thread's reader connection.
// Lifetime: REQUIRES `db` to outlive the service.
// Threads: every method from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/status.h"
#include "feedback/feedback_store.h"
#include "store/database.h"

namespace warmcity::feedback {

class FeedbackService {
 public:
  explicit FeedbackService(store::Database& db) : db_(db) {}

  // Stores `e` (id and created_at are set) and gives the stored entry.
  void create(Entry e, std::function<void(Result<Entry>)> done);
  // Newest first, ids below `before_id`, at most `limit`.
  Result<std::vector<Entry>> list(std::optional<int64_t> before_id, int limit) const;
  // kNotFound when there is no such entry.
  Result<Entry> get(int64_t id) const;

 private:
  store::Database& db_;
};

}  // namespace warmcity::feedback
