// Calendar loader: reads the official calendar files from a directory.
//
// Owns: the only file access in warmcity_core. Reads every file named
// `<YYYY>.txt` in a directory (data/calendar/ by default, see that folder's
// files for the format) and merges them into one Calendar. Other files are
// ignored. Each file must declare exactly the year its name says.
//
// Errors: kNotFound if the directory cannot be read, kUnprocessable naming
// the file and line for bad content, kInternal if a file cannot be read.
// REQUIRES: nothing. Safe to call from any thread.
#pragma once

#include <string>

#include "core/calendar.h"
#include "core/status.h"

namespace warmcity::core {

Result<Calendar> load_calendar_dir(const std::string& path);

}  // namespace warmcity::core
