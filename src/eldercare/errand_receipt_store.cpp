#include "eldercare/errand_receipt_store.h"

#include "eldercare/eldercare.h"

namespace warmcity::eldercare {

std::vector<store::Migration> errand_receipt_migrations() {
  return {{"errand_receipts", 1, R"SQL(
    CREATE TABLE errand_receipts (
      errand_id BIGINT PRIMARY KEY REFERENCES errands(id),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
      bytes BIGINT NOT NULL CHECK (bytes > 0),
      recorded_at BIGINT NOT NULL,
      recorded_by BIGINT NOT NULL
    );
  )SQL"}};
}

Status insert_errand_receipt(store::Connection& c, int64_t errand_id, const photos::Photo& p,
                             int64_t at, int64_t by) {
  auto s = c.prepare(
      "INSERT INTO errand_receipts (errand_id, sha256, media_type, bytes, recorded_at, "
      "recorded_by) VALUES (?, ?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, errand_id).bind(2, p.sha256).bind(3, p.media_type).bind(4, p.bytes);
  s->bind(5, at).bind(6, by);
  return s->run();
}

Result<std::optional<photos::Photo>> get_errand_receipt(store::Connection& c, int64_t errand_id) {
  auto s = c.prepare("SELECT sha256, media_type, bytes FROM errand_receipts WHERE errand_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, errand_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<photos::Photo>();
  return std::optional<photos::Photo>(
      photos::Photo{s->column_text(0), s->column_text(1), s->column_int64(2)});
}

}  // namespace warmcity::eldercare
