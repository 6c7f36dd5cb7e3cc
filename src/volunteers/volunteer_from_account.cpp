// A user's volunteer record, made from their account (volunteer_from_account.h).
#include "volunteers/volunteer_from_account.h"

#include <optional>
#include <string>

#include "core/phone.h"
#include "core/utf8.h"
#include "volunteers/volunteer_access.h"
#include "volunteers/volunteer_number.h"

namespace warmcity::volunteers {

namespace {

// The first `limit` characters of valid UTF-8 `text` (its valid prefix).
std::string first_characters(const std::string& text, size_t limit) {
  const std::string valid = text.substr(0, core::utf8_valid_prefix(text));
  size_t count = 0;
  for (size_t i = 0; i < valid.size(); ++i) {
    const auto byte = static_cast<unsigned char>(valid[i]);
    if ((byte & 0xC0) != 0x80) {
      if (count == limit) return valid.substr(0, i);
      ++count;
    }
  }
  return valid;
}

}  // namespace

Result<int64_t> volunteer_from_account(store::Connection& c, int64_t user_id, int64_t now) {
  Result<std::optional<int64_t>> existing = volunteer_of_user(c, user_id);
  if (!existing.ok()) return existing.status();
  if (*existing) return **existing;

  Result<store::Statement> u = c.prepare("SELECT display_name, phone FROM users WHERE id = ?");
  if (!u.ok()) return u.status();
  u->bind(1, user_id);
  Result<bool> found = u->step();
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no such user");
  std::string name = first_characters(u->column_text(0), 40);
  if (name.empty()) name = "志愿者";
  std::optional<std::string> phone = u->column_text_opt(1);
  if (phone && !core::is_valid_phone(*phone)) phone.reset();

  Result<std::string> number = new_volunteer_no(c);
  if (!number.ok()) return number.status();
  Result<store::Statement> ins = c.prepare(
      "INSERT INTO volunteers (volunteer_no, user_id, name, phone, status, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?) RETURNING id");
  if (!ins.ok()) return ins.status();
  ins->bind(1, *number).bind(2, user_id).bind(3, name).bind(4, phone).bind(5, now).bind(6, now);
  return ins->returning_id();
}

}  // namespace warmcity::volunteers
