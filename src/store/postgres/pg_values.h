// Values to and from PostgreSQL's text format (src/store/postgres/).
//
// The engine sends every parameter as text with an unspecified type (the
// server infers it from where the placeholder stands) and reads every column
// as text: these functions are that conversion. They append into a caller's
// buffer so that a statement reused for many rows allocates nothing once its
// buffers have grown. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace warmcity::store {

void append_pg_int64(int64_t value, std::string& out);
// Shortest text that reads back as the same double; NaN and ±Infinity as
// PostgreSQL spells them.
void append_pg_double(double value, std::string& out);
// bytea's hex input form: \x then two lowercase hex digits a byte.
void append_pg_bytea(std::string_view bytes, std::string& out);

// An integer column: a BIGINT, a NUMERIC (SUM and AVG answer NUMERIC; a
// fraction is cut towards zero, as SQLite's integer read of a REAL), a
// DOUBLE PRECISION, or a boolean t/f (1/0). Anything else reads 0; values
// beyond int64 saturate.
int64_t parse_pg_int64(std::string_view text);
// A DOUBLE PRECISION, NUMERIC or integer column (NaN, Infinity too); t/f as
// 1/0; anything else 0.
double parse_pg_double(std::string_view text);
// A bytea column's bytes from its hex output form (\x…); text that is not in
// that form is returned as it is.
std::string decode_pg_bytea(std::string_view text);

}  // namespace warmcity::store
