// A user as accounts keeps it: the users row and the organisations the user
// belongs to (memberships). The plain record every part shares — the store
// reads and writes it, the services change it, the routes show it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace warmcity::accounts {

struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  std::string password_hash;
  std::optional<std::string> phone;
  bool disabled = false;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::vector<int64_t> organisation_ids;  // ascending
};

}  // namespace warmcity::accounts
