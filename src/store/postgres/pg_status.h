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
// A failed connection attempt is classified by the SQLSTATE of the server's
// refusal when the message carries one. libpq prints it when the connection's
// error verbosity is PQERRORS_VERBOSE ("FATAL:  28P01: password …"):
//   08xxx connection exception, 53xxx out of resources (53300 too many
//   connections), 57xxx operator intervention (57P01 admin shutdown, 57P03
//   cannot connect now: starting up, shutting down, in recovery), 58xxx
//   system error, XXxxx internal error   → kUnavailable (try again later)
//   any other refusal (28P01 wrong password, 28000 unknown role or no
//   pg_hba.conf entry, 3D000 no such database, 42501 no CONNECT privilege)
//                                        → kInvalidArgument: only the
//                                          configuration can fix it
// The code, and the LOCATION line verbose mode adds, are left out of the
// message, which reads as with the default verbosity.
//
// Without a SQLSTATE, pg_connect_status() falls back on libpq's message text.
// That is the case for failures libpq meets before any server answers
// (refused, unreachable, unknown host, timeout: there is no code), and for
// every failure reported through libpqxx 6.4's pqxx::broken_connection, which
// keeps only the message: pqxx::connection connects in its constructor at the
// default verbosity, and libpq offers no call for the SQLSTATE of a failed
// connection. The text reading assumes the server's messages in English
// (lc_messages C or en): "starting up", "shutting down", "too many clients" or
// "too many connections"
// and the like → kUnavailable; a wrong password, unknown role, missing
// database or no pg_hba.conf entry → kInvalidArgument; any other message the
// server sent as FATAL → kInvalidArgument; an unrecognised message with no
// FATAL is kUnavailable, the safe side for a retrying caller. Pure functions.
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

// A libpq message split into the SQLSTATE it names in verbose mode ("" when
// none) and the message without the code and without the LOCATION line.
struct PgConnectMessage {
  std::string sqlstate;
  std::string text;
};
PgConnectMessage pg_split_connect_message(std::string_view libpq_message);

// How a connection refused with `sqlstate` (not empty) is reported:
// kUnavailable or kInvalidArgument, as listed above.
Code pg_connect_code(std::string_view sqlstate);

// libpq's multi-line messages on one line: whitespace runs become one space,
// and the "ERROR:  " / "FATAL:  " prefix is dropped.
std::string pg_one_line(std::string_view message);

}  // namespace warmcity::store
