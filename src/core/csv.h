// CSV as RFC 4180 has it: fields separated by commas, records by CRLF or
// LF; a field in double quotes may hold commas, line breaks and doubled
// quotes (""). Reading keeps each record's 1-based physical line, so an
// import can say where a bad row is even when quoted fields span lines.
// Records that are entirely empty (a blank line) are dropped. Writing quotes
// a field only when it must and ends every record with CRLF.
// Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::core {

struct CsvRecord {
  size_t line = 0;  // the physical line the record starts on
  std::vector<std::string> fields;
};

// kUnprocessable with one error {"csv", "line N: …"} for a quoted field
// that never ends or a quote inside an unquoted field or after a closing
// quote; `*bad_line` (when given) receives N.
Result<std::vector<CsvRecord>> read_csv(std::string_view text, size_t* bad_line = nullptr);

// Appends one record to `out` (fields quoted when they hold a comma, a
// quote, CR or LF, or start or end with a space), ending with CRLF.
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

// Whether a spreadsheet (Excel, WPS) would run `text` as a formula: it starts
// with =, +, -, @, TAB or CR.
bool csv_formula_like(std::string_view text);
// `text` for an export's cell: with a leading apostrophe (which Excel and WPS
// hide) when csv_formula_like, so a name like "=HYPERLINK(…)" stays text.
std::string csv_defused(std::string_view text);

}  // namespace warmcity::core
