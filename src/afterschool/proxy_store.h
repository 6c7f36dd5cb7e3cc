// One-off pickup proxies (pickup_proxies; docs/afterschool.md "A one-off
// proxy"): a named person who may take one child home on one date, once,
// when a guardian confirmed it. SQL both engines run; call inside the job
// that acts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

struct Proxy {
  int64_t id = 0;
  int64_t child_id = 0;
  std::string day;  // YYYY-MM-DD
  std::string name;
  std::string phone;
  std::optional<std::string> relation;
  int64_t requested_by = 0;
  std::optional<int64_t> confirmed_at;
  std::optional<int64_t> confirmed_by;
  std::optional<std::string> confirm_channel;  // app | phone
  std::optional<int64_t> phone_guardian_id;
  std::optional<std::string> phone_called_at;  // HH:MM
  std::optional<int64_t> used_at;
  int64_t created_at = 0;
};

// Inserts (the id ignored); answers the new id.
Result<int64_t> insert_proxy(store::Connection& c, const Proxy& p);
Result<std::optional<Proxy>> find_proxy(store::Connection& c, int64_t id);
// Writes the confirmation fields of `p` while it is still unconfirmed
// (kConflict already_confirmed otherwise).
Status write_confirmation(store::Connection& c, const Proxy& p);
// Marks it used at `at` while unused (kConflict proxy_used otherwise).
Status use_proxy(store::Connection& c, int64_t id, int64_t at);
// The child's proxies from `from_day` on, by date then id.
Result<std::vector<Proxy>> proxies_of(store::Connection& c, int64_t child_id,
                                      const std::string& from_day);

}  // namespace warmcity::afterschool
