// PostgreSQL failures as warmcity Status values (src/store/postgres/).
//
// A statement's error is classified by its SQLSTATE, the five-character code
// the server sends with every error (never by its text, which the server may
// translate):
//   23xxx integrity (unique, foreign key, check, not null, exclusion)
//                                          → kConflict, as SQLite's constraints
//   08xxx connection, 57P0x shutdown, 53xxx out of resources (disk full,
//   too many connections), 57014 statement timeout or cancel, 40001 / 40P01
//   serialization failure or deadlock, 55P03 lock not available
//                                          → kUnavailable (try again later)
//   anything else (syntax, undefined column, a read-only connection asked to
//   write, data errors)                    → kInternal with the server's message
// A broken connection (libpqxx's broken_connection, no SQLSTATE) is
// kUnavailable too.
//
// A failed connection attempt has no SQLSTATE in libpq: pg_connect_status()
// reads libpq's message. Refused, unreachable, unknown host, timeout, and a
// server that answers "starting up", "shutting down" or "too many clients"
// → kUnavailable; any other refusal by the server (wrong password, unknown
// role, missing database, no pg_hba.conf entry) → kInvalidArgument, since
// only the configuration can fix it. That reading assumes the server's
// messages in English (lc_messages C or en); an unrecognised refusal is
// kUnavailable, the safe side for a retrying caller. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "store/engine.h"

namespace warmcity::store {

// `what` says what failed ("step `INSERT …`"); `message` is the server's.
Status pg_error_status(std::string_view sqlstate, std::string_view message, std::string_view what);

// True when the error means this session is gone (08xxx, 57P01..57P03).
bool pg_session_lost(std::string_view sqlstate);

// `target` is the URL without its password; `password`, when not empty, is
// blotted out of libpq's message should it ever appear there.
Status pg_connect_status(std::string_view libpq_message, std::string_view target,
                         std::string_view password);

// libpq's multi-line messages on one line: whitespace runs become one space,
// and the "ERROR:  " / "FATAL:  " prefix is dropped.
std::string pg_one_line(std::string_view message);

}  // namespace warmcity::store
