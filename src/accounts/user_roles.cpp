#include "accounts/user_roles.h"

#include "accounts/user_store.h"

namespace warmcity::accounts {

Result<std::optional<std::string>> active_user_role(store::Connection& conn, int64_t user_id) {
  Result<std::optional<UserRecord>> u = find_user_by_id(conn, user_id);
  if (!u.ok()) return u.status();
  if (!*u || (*u)->disabled) return std::optional<std::string>();
  return std::optional<std::string>((*u)->role);
}

}  // namespace warmcity::accounts
