// A postgresql:// URL, checked and made ready for libpq
// (src/store/postgres/).
//
// parse_pg_url() validates the URL with libpq's own parser
// (PQconninfoParse: libpqxx 6.4 has no URL parser), requires a database
// name, and adds warmcity's connection parameters unless the URL sets them:
// connect_timeout (so an unreachable server fails in seconds, not minutes),
// TCP keepalives (so a dead server is noticed on an idle connection), and
// fallback_application_name=warmcity (pg_stat_activity shows who is
// connected). client_encoding=UTF8 is always set: every string warmcity
// sends and reads is UTF-8. The password may sit in the URL (user:pw@ or
// ?password=), in PGPASSWORD or in ~/.pgpass: it never appears in
// `described`, which is what logs and error messages show.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::store {

struct PgTarget {
  std::string conninfo;   // the URL with the parameters above, for libpq
  std::string described;  // postgresql://user@host:port/dbname, no password
  std::string password;   // from the URL, to blot out of messages; never shown
};

// kInvalidArgument naming the URL (its password blotted out) and libpq's
// complaint when the URL cannot be used.
Result<PgTarget> parse_pg_url(std::string_view url, int connect_timeout_s);

// The URL as text with any password replaced by ***, for a URL that did not
// even parse.
std::string redact_pg_url(std::string_view url);

}  // namespace warmcity::store
