// Where warmcity's files are.
//
// Files it ships with (data/calendar, data/demo, web), whatever the current
// directory: a relative path that does not exist from here is looked for
// beside the binary as installed (<prefix>/bin/warmcity →
// <prefix>/share/warmcity/<path>), then in the source tree the binary was
// built from (running build/src/app/warmcity from anywhere).
//
// Files a deployment keeps outside its database (appeal photos): beside a
// SQLite file by default ("<db>-photos"); in the data directory when one is
// given (--data-dir, "<dir>/photos"), which a PostgreSQL deployment must give,
// since a URL has no "beside" (and several instances share that directory).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::app {

// The appeal photo directory: `photo_dir` when given, else
// "<data_dir>/photos", else "<db>-photos" for a SQLite file.
// kInvalidArgument for a PostgreSQL URL with neither.
Result<std::string> photo_dir_for(const std::string& db, const std::string& data_dir,
                                  const std::string& photo_dir);

// Makes the data directory `dir` (with its parents) when it is not there
// yet; Ok for an empty `dir` (none given). kInvalidArgument naming it and why
// when it cannot be made.
Status make_data_dir(const std::string& dir);

// `text` with the password of every postgresql:// or postgres:// URL in it
// taken out ("postgresql://u:secret@h/db" → "postgresql://u@h/db"), for
// messages and logs.
std::string without_password(std::string_view text);

// `path` itself when it is absolute or exists; else the first candidate that
// exists; else `path` unchanged (so an error names what was asked for).
std::string locate_data(const std::string& path);

}  // namespace warmcity::app
