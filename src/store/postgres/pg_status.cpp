#include "store/postgres/pg_status.h"

#include <cctype>

namespace warmcity::store {
namespace {

bool pg_starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool pg_contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

}  // namespace

std::string pg_one_line(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  bool space = false;
  for (char c : message) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  for (std::string_view prefix : {"ERROR: ", "FATAL: "}) {
    if (pg_starts_with(out, prefix)) out.erase(0, prefix.size());
  }
  return out;
}

bool pg_session_lost(std::string_view sqlstate) {
  return pg_starts_with(sqlstate, "08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

Status pg_error_status(std::string_view sqlstate, std::string_view message, std::string_view what) {
  std::string text = std::string(what) + ": " + pg_one_line(message);
  if (!sqlstate.empty()) text += " [SQLSTATE " + std::string(sqlstate) + "]";
  if (pg_starts_with(sqlstate, "23")) return Status::Conflict(std::move(text));
  if (pg_session_lost(sqlstate) || pg_starts_with(sqlstate, "53") || sqlstate == "57014" ||
      sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    return Status::Unavailable(std::move(text));
  }
  return Status::Internal(std::move(text));
}

Status pg_connect_status(std::string_view libpq_message, std::string_view target,
                         std::string_view password) {
  std::string detail = pg_one_line(libpq_message);
  if (!password.empty()) {
    for (size_t at = detail.find(password); at != std::string::npos;
         at = detail.find(password, at + 3)) {
      detail.replace(at, password.size(), "***");
    }
  }
  std::string text = "cannot connect to PostgreSQL at " + std::string(target) + ": " + detail;
  const bool refused_by_server = pg_contains(detail, "FATAL:") || pg_starts_with(detail, "FATAL");
  const bool busy = pg_contains(detail, "starting up") || pg_contains(detail, "shutting down") ||
                    pg_contains(detail, "too many clients") ||
                    pg_contains(detail, "in recovery mode") ||
                    pg_contains(detail, "remaining connection slots");
  const bool config =
      pg_contains(detail, "password authentication failed") ||
      pg_contains(detail, "does not exist") || pg_contains(detail, "no pg_hba.conf entry") ||
      pg_contains(detail, "authentication failed") || pg_contains(detail, "no password supplied") ||
      pg_contains(detail, "not permitted to log in") ||
      pg_contains(detail, "permission denied for database");
  if (config || (refused_by_server && !busy)) return Status::InvalidArgument(std::move(text));
  return Status::Unavailable(std::move(text));
}

}  // namespace warmcity::store
