#include "feedback/feedback_service.h"

#include <memory>
#include <utility>

namespace warmcity::feedback {

void FeedbackService::create(Entry e, std::function<void(Result<Entry>)> done) {
  auto out = std::make_shared<Entry>();
  db_.submit(insert_job(std::move(e), out), [out, done = std::move(done)](const Status& s) {
    if (!s.ok()) return done(s);
    done(std::move(*out));
  });
}

Result<std::vector<Entry>> FeedbackService::list(std::optional<int64_t> before_id,
                                                 int limit) const {
  return feedback::list(db_.reader(), before_id, limit);
}

Result<Entry> FeedbackService::get(int64_t id) const { return feedback::get(db_.reader(), id); }

}  // namespace warmcity::feedback
