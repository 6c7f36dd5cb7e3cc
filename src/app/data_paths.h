// Where the files warmcity ships with (data/calendar, data/demo, web) are,
// whatever the current directory: a relative path that does not exist from
// here is looked for beside the binary as installed (<prefix>/bin/warmcity →
// <prefix>/share/warmcity/<path>), then in the source tree the binary was
// built from (running build/src/app/warmcity from anywhere).
#pragma once

#include <string>

namespace warmcity::app {

// `path` itself when it is absolute or exists; else the first candidate that
// exists; else `path` unchanged (so an error names what was asked for).
std::string locate_data(const std::string& path);

}  // namespace warmcity::app
