#include "feedback/feedback_store.h"

#include "core/time.h"

namespace warmcity::feedback {

namespace {

constexpr const char* kColumns = "id, created_at, user_id, topic, message, page";

Entry read_row(const store::Statement& s) {
  return Entry{s.column_int64(0), s.column_int64(1), s.column_int64(2),
               s.column_text(3),  s.column_text(4),  s.column_text_opt(5)};
}

}  // namespace

std::vector<store::Migration> migrations() {
  return {{"feedback", 1, R"SQL(
    CREATE TABLE feedback (
      id {{id}},
      created_at BIGINT NOT NULL,
      user_id BIGINT NOT NULL,
      topic TEXT NOT NULL CHECK (topic IN ('app', 'service', 'facility', 'other')),
      message TEXT NOT NULL,
      page TEXT
    );
  )SQL"}};
}

store::Database::WriteJob insert_job(Entry e, std::shared_ptr<Entry> out) {
  return [e = std::move(e), out](store::Connection& c) -> Status {
    auto stmt = c.prepare(
        "INSERT INTO feedback (created_at, user_id, topic, message, page) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id");
    if (!stmt.ok()) return stmt.status();
    *out = e;
    out->created_at = core::now_unix();
    stmt->bind(1, out->created_at).bind(2, e.user_id).bind(3, e.topic).bind(4, e.message);
    stmt->bind(5, e.page);
    Result<int64_t> id = stmt->returning_id();
    if (!id.ok()) return id.status();
    out->id = *id;
    return Status::Ok();
  };
}

Result<std::vector<Entry>> list(store::Connection& c, std::optional<int64_t> before_id, int limit) {
  auto stmt = c.prepare(std::string("SELECT ") + kColumns +
                        " FROM feedback WHERE id < ? ORDER BY id DESC LIMIT ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, before_id.value_or(INT64_MAX)).bind(2, limit);
  return store::collect<Entry>(*stmt, read_row);
}

Result<Entry> get(store::Connection& c, int64_t id) {
  auto stmt = c.prepare(std::string("SELECT ") + kColumns + " FROM feedback WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no feedback with id " + std::to_string(id));
  return read_row(*stmt);
}

}  // namespace warmcity::feedback
