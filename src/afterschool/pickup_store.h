// Pickup adults in the database (pickup_adults, child_pickup_adults;
// afterschool_migrations.cpp): reads and writes on the caller's connection
// (writes inside the caller's write job). The code is only ever written
// here as its salt and hash (pickup_code_hash). SQL both engines run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/pickup_adult.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

// A pickup_adults row with the children it is linked to (never the code).
struct PickupAdultRow {
  int64_t id = 0;
  int64_t owner_user_id = 0;
  std::string name;
  std::string relation;
  std::string phone;
  std::string birth_date;
  std::optional<std::string> photo_file;  // "<sha256>.<ext>" in the photo store
  std::optional<std::string> valid_until;
  int64_t code_set_at = 0;
  std::optional<int64_t> revoked_at;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::vector<int64_t> child_ids;  // ascending
};

// Active: not revoked and valid_until null or not before `today`.
bool adult_active(const PickupAdultRow& a, const std::string& today);

// Inserts the adult with a fresh code; its salt and hash (pickup_code_hash
// of the new id) are written before the job ends. Returns the id.
Result<int64_t> insert_pickup_adult(store::Connection& c, const PickupAdultFields& f,
                                    const std::optional<std::string>& photo_file, int64_t owner,
                                    const std::string& code, int64_t at);
// Replaces the adult's salt and hash by those of `code`.
Status set_pickup_code(store::Connection& c, int64_t adult_id, const std::string& code, int64_t at);
// Applies the patch's texts and valid_until (the photo as `photo_file` when
// the patch carries one) and sets updated_at.
Status update_pickup_adult(store::Connection& c, int64_t adult_id, const PickupAdultPatch& p,
                           const std::optional<std::optional<std::string>>& photo_file, int64_t at);
// Sets revoked_at (when not yet).
Status revoke_pickup_adult(store::Connection& c, int64_t adult_id, int64_t at);
// Replaces the adult's children by `child_ids`.
Status link_children(store::Connection& c, int64_t adult_id, const std::vector<int64_t>& child_ids);

Result<std::optional<PickupAdultRow>> find_pickup_adult(store::Connection& c, int64_t id);
// The adults linked to a child `user_id` guards, by id.
Result<std::vector<PickupAdultRow>> pickup_adults_of_guardian(store::Connection& c,
                                                              int64_t user_id);
// The adults linked to the child, by id.
Result<std::vector<PickupAdultRow>> pickup_adults_of_child(store::Connection& c, int64_t child_id);

// Whether `user_id` guards one of the adult's children.
Result<bool> guards_child_of_adult(store::Connection& c, int64_t adult_id, int64_t user_id);
// Whether `user_id` is on the staff list (active, not a resident) of a
// programme one of the adult's children is actively enrolled in.
Result<bool> staff_of_adults_child(store::Connection& c, int64_t adult_id, int64_t user_id);

}  // namespace warmcity::afterschool
