// SQL of the food-safety sample log (migration module "canteen_samples",
// sample_migrations.cpp):
//   canteen_samples      one row per sample taken; append-only (a mistake is
//                        voided, never edited)
//   canteen_sample_ends  a sample's destruction or voiding, at most one of
//                        each per sample; append-only
// Runs on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::canteens {

// Who did something in the log: the user and the display name they had then.
struct Actor {
  int64_t id = 0;
  std::string name;
};

// A sample as the log holds it, with its end(s) when it has any.
struct Sample {
  int64_t id = 0;
  int64_t canteen_id = 0;
  std::string date;  // YYYY-MM-DD
  std::string meal;
  std::string dish_name;
  std::optional<int64_t> dish_id;
  int64_t weight_g = 0;
  int64_t taken_at = 0;
  Actor taken_by;
  std::string fridge;
  std::string note;
  int64_t recorded_at = 0;
  std::optional<int64_t> destroyed_at;
  std::optional<Actor> destroyed_by;
  std::optional<int64_t> voided_at;
  std::optional<Actor> voided_by;
  std::string void_reason;  // "" unless voided
};

enum class SampleEnd { kDestroyed, kVoided };

// Sets s.id. The ends of `s` are not written (end_sample does that).
Status insert_sample(store::Connection& c, Sample& s);
// kNotFound when there is no sample `id`.
Result<Sample> get_sample(store::Connection& c, int64_t id);
// The canteen's samples of day `date`, voided ones too, by meal (breakfast,
// lunch, dinner) then taken_at.
Result<std::vector<Sample>> samples_of_day(store::Connection& c, int64_t canteen_id,
                                           const std::string& date);
// Records the sample's end; kConflict when it has that end already.
Status end_sample(store::Connection& c, int64_t sample_id, SampleEnd end, int64_t at,
                  const Actor& by, const std::string& reason);

}  // namespace warmcity::canteens
