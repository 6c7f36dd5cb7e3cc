// ProxyService: one-off pickup proxies (docs/afterschool.md "A one-off
// proxy"). A guardian names a neighbour who collects a child on a date: made
// in the app it is confirmed at once (confirm_channel app). Made by the
// programme's staff (the neighbour is at the door; staff of a programme the
// child is actively enrolled in, for today) it waits for a guardian: a
// guardian confirms it in the app, or the staff record the guardian's phone
// call (by_phone, called_at HH:MM, guardian_user_id: one of the child's
// guardians; confirm_channel phone, the staff member and the time
// recorded). A proxy holds for its date only and is used once, by the
// check-out (day_service.h). HTTP-free.
//
// Each act is one write job with its audit entry (pickup_proxy.create,
// pickup_proxy.confirm); the staff's list read is audited
// (personal_data.read, purpose afterschool_proxies).
// Lifetime: REQUIRES db to outlive the service. `done` runs once, on the
// writer's answerer thread (or at once on the caller's).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/caller.h"
#include "afterschool/day_clock.h"
#include "afterschool/proxy_store.h"
#include "core/status.h"
#include "core/time.h"
#include "store/database.h"

namespace warmcity::afterschool {

using accounts::Caller;

// A guardian may name a proxy this many days ahead at most.
inline constexpr int kMaxProxyDaysAhead = 31;

struct NewProxy {
  std::string name;                     // 1–30
  std::string phone;                    // a valid phone
  std::optional<std::string> relation;  // 0–20
  std::optional<core::LocalDate> date;  // nullopt: today
};

struct ProxyConfirmation {
  bool by_phone = false;
  std::optional<std::string> called_at;  // HH:MM
  std::optional<int64_t> guardian_user_id;
};

using ProxyDone = std::function<void(Result<Proxy>)>;

class ProxyService {
 public:
  ProxyService(store::Database& db, DayClock clock);

  void create(int64_t child_id, NewProxy in, Caller by, ProxyDone done);
  void confirm(int64_t proxy_id, ProxyConfirmation in, Caller by, ProxyDone done);
  // The child's proxies from today on (guardians; the staff of its programmes).
  void list(int64_t child_id, Caller by, std::function<void(Result<std::vector<Proxy>>)> done);

 private:
  store::Database& db_;
  DayClock clock_;
};

}  // namespace warmcity::afterschool
