#include "rates/rates_service.h"

#include <string>

#include "rates/rates_store.h"

namespace warmcity::rates {

Result<Report> RatesService::report(const Month& month, Dimension by, int64_t now) const {
  store::Connection& c = db_.reader();
  auto callbacks = callbacks_between(c, month.from, month.until);
  if (!callbacks.ok()) return callbacks.status();
  auto submissions = submissions_between(c, month.from, month.until);
  if (!submissions.ok()) return submissions.status();
  Report out;
  out.rows = compute(by, *callbacks, *submissions, weights_, now);
  out.total = total(*callbacks, *submissions, weights_, now);
  std::vector<int64_t> ids;
  for (const Row& r : out.rows) {
    if (r.id) ids.push_back(*r.id);
  }
  auto names = group_names(c, by, ids);
  if (!names.ok()) return names.status();
  for (Row& r : out.rows) {
    if (!r.id) continue;
    auto it = names->find(*r.id);
    r.name = it != names->end() ? it->second : "#" + std::to_string(*r.id);
  }
  return out;
}

}  // namespace warmcity::rates
