// The volunteer number (volunteer_number.h).
#include "volunteers/volunteer_number.h"

#include "accounts/resident_codes.h"

namespace warmcity::volunteers {

Result<std::string> new_volunteer_no(store::Connection& c) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    // Two independent draws of six uniform digits; eight of them are kept.
    const std::string number = "V" + accounts::new_code() + accounts::new_code().substr(0, 2);
    Result<store::Statement> q = c.prepare("SELECT 1 FROM volunteers WHERE volunteer_no = ?");
    if (!q.ok()) return q.status();
    q->bind(1, number);
    Result<bool> taken = q->step();
    if (!taken.ok()) return taken.status();
    if (!*taken) return number;
  }
  return Status::Unavailable("no free volunteer number");
}

bool is_volunteer_no(std::string_view text) {
  if (text.size() != 9 || text[0] != 'V') return false;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

Result<std::optional<int64_t>> volunteer_by_no(store::Connection& c, const std::string& number) {
  Result<store::Statement> q = c.prepare("SELECT id FROM volunteers WHERE volunteer_no = ?");
  if (!q.ok()) return q.status();
  q->bind(1, number);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(q->column_int64(0));
}

}  // namespace warmcity::volunteers
