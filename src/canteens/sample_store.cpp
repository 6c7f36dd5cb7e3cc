// The food-safety sample log's SQL (sample_store.h).
#include "canteens/sample_store.h"

namespace warmcity::canteens {

namespace {

// A sample with its destruction (d) and voiding (v), when it has them.
constexpr const char* kSampleSelect =
    "SELECT s.id, s.canteen_id, s.day, s.meal, s.dish_name, s.dish_id, s.weight_g, s.taken_at, "
    "s.taken_by, s.taken_by_name, s.fridge, s.note, s.recorded_at, "
    "d.ended_at, d.by_user, d.by_name, v.ended_at, v.by_user, v.by_name, v.reason "
    "FROM canteen_samples s "
    "LEFT JOIN canteen_sample_ends d ON d.sample_id = s.id AND d.kind = 'destroyed' "
    "LEFT JOIN canteen_sample_ends v ON v.sample_id = s.id AND v.kind = 'voided' ";

std::optional<Actor> sample_actor_at(const store::Statement& r, int col) {
  if (r.column_is_null(col)) return std::nullopt;
  return Actor{r.column_int64(col), r.column_text(col + 1)};
}

Sample read_sample(const store::Statement& r) {
  Sample s;
  s.id = r.column_int64(0);
  s.canteen_id = r.column_int64(1);
  s.date = r.column_text(2);
  s.meal = r.column_text(3);
  s.dish_name = r.column_text(4);
  s.dish_id = r.column_int64_opt(5);
  s.weight_g = r.column_int64(6);
  s.taken_at = r.column_int64(7);
  s.taken_by = Actor{r.column_int64(8), r.column_text(9)};
  s.fridge = r.column_text(10);
  s.note = r.column_text(11);
  s.recorded_at = r.column_int64(12);
  s.destroyed_at = r.column_int64_opt(13);
  s.destroyed_by = sample_actor_at(r, 14);
  s.voided_at = r.column_int64_opt(16);
  s.voided_by = sample_actor_at(r, 17);
  s.void_reason = r.column_text(19);
  return s;
}

const char* sample_end_kind(SampleEnd end) {
  return end == SampleEnd::kDestroyed ? "destroyed" : "voided";
}

}  // namespace

Status insert_sample(store::Connection& c, Sample& s) {
  auto q = c.prepare(
      "INSERT INTO canteen_samples (canteen_id, day, meal, dish_name, dish_id, weight_g, "
      "taken_at, taken_by, taken_by_name, fridge, note, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, s.canteen_id).bind(2, s.date).bind(3, s.meal).bind(4, s.dish_name);
  q->bind(5, s.dish_id).bind(6, s.weight_g).bind(7, s.taken_at).bind(8, s.taken_by.id);
  q->bind(9, s.taken_by.name).bind(10, s.fridge).bind(11, s.note).bind(12, s.recorded_at);
  Result<int64_t> id = q->returning_id();
  if (!id.ok()) return id.status();
  s.id = *id;
  return Status::Ok();
}

Result<Sample> get_sample(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string(kSampleSelect) + "WHERE s.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<std::vector<Sample>> rows = store::collect<Sample>(*q, read_sample);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("no sample " + std::to_string(id));
  return std::move(rows->front());
}

Result<std::vector<Sample>> samples_of_day(store::Connection& c, int64_t canteen_id,
                                           const std::string& date) {
  auto q = c.prepare(std::string(kSampleSelect) +
                     "WHERE s.canteen_id = ? AND s.day = ? ORDER BY CASE s.meal "
                     "WHEN 'breakfast' THEN 0 WHEN 'lunch' THEN 1 ELSE 2 END, s.taken_at, s.id");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, date);
  return store::collect<Sample>(*q, read_sample);
}

Status end_sample(store::Connection& c, int64_t sample_id, SampleEnd end, int64_t at,
                  const Actor& by, const std::string& reason) {
  auto q = c.prepare(
      "INSERT INTO canteen_sample_ends (sample_id, kind, ended_at, by_user, by_name, reason) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sample_id, kind) DO NOTHING RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, sample_id).bind(2, sample_end_kind(end)).bind(3, at).bind(4, by.id).bind(5, by.name);
  q->bind(6, reason);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::Conflict(end == SampleEnd::kDestroyed ? "the sample is destroyed already"
                                                         : "the sample is voided already");
  }
  return Status::Ok();
}

}  // namespace warmcity::canteens
