// Reading a whole file into memory (data files, imports from the shell).
// Not for I/O threads.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::core {

// The bytes of `path`. kNotFound "cannot read <what> <path>" when it cannot
// be opened or read.
Result<std::string> read_file(const std::string& path, std::string_view what = "file");

}  // namespace warmcity::core
