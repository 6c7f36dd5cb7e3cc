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

// Five digits or upper-case letters, as every SQLSTATE is.
bool is_sqlstate(std::string_view code) {
  if (code.size() != 5) return false;
  for (char c : code) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && !(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
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

PgConnectMessage pg_split_connect_message(std::string_view libpq_message) {
  PgConnectMessage out;
  std::string_view rest = libpq_message;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    // Verbose mode's last line: "LOCATION:  auth_failed, auth.c:323".
    if (pg_starts_with(line, "LOCATION:  ")) continue;
    // libpq writes "SEVERITY:  " then, in verbose mode, "CODE: " (the
    // severity may be translated; the code never is). The last code wins:
    // with several addresses tried, the last attempt's refusal is the answer.
    for (size_t at = line.find(":  "); at != std::string_view::npos;
         at = line.find(":  ", at + 1)) {
      const std::string_view code = line.substr(at + 3, 7);
      if (code.size() == 7 && is_sqlstate(code.substr(0, 5)) && code.substr(5) == ": ") {
        out.sqlstate = std::string(code.substr(0, 5));
        out.text += std::string(line.substr(0, at + 3)) + std::string(line.substr(at + 10));
        line = std::string_view();
        break;
      }
    }
    out.text += std::string(line) + "\n";
  }
  if (!out.text.empty() && (libpq_message.empty() || libpq_message.back() != '\n')) {
    out.text.pop_back();
  }
  return out;
}

Code pg_connect_code(std::string_view sqlstate) {
  for (std::string_view transient : {"08", "53", "57", "58", "XX"}) {
    if (pg_starts_with(sqlstate, transient)) return Code::kUnavailable;
  }
  return Code::kInvalidArgument;
}

Status pg_connect_status(std::string_view libpq_message, std::string_view target,
                         std::string_view password) {
  const PgConnectMessage split = pg_split_connect_message(libpq_message);
  std::string detail = pg_one_line(split.text);
  if (!password.empty()) {
    for (size_t at = detail.find(password); at != std::string::npos;
         at = detail.find(password, at + 3)) {
      detail.replace(at, password.size(), "***");
    }
  }
  std::string text = "cannot connect to PostgreSQL at " + std::string(target) + ": " + detail;
  if (!split.sqlstate.empty()) {
    return pg_connect_code(split.sqlstate) == Code::kUnavailable
               ? Status::Unavailable(std::move(text))
               : Status::InvalidArgument(std::move(text));
  }
  // No SQLSTATE (pg_status.h says when): libpq's English text.
  const bool refused_by_server = pg_contains(detail, "FATAL:") || pg_starts_with(detail, "FATAL");
  const bool busy =
      pg_contains(detail, "starting up") || pg_contains(detail, "shutting down") ||
      pg_contains(detail, "too many clients") || pg_contains(detail, "too many connections") ||
      pg_contains(detail, "in recovery mode") || pg_contains(detail, "remaining connection slots");
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
