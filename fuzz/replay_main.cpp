// The main of the <name>_replay executables: runs a fuzz target's
// LLVMFuzzerTestOneInput once on every file named on the command line or
// found (recursively) in a directory named there. This is how `make test`
// replays the seed corpus and every regression input under g++, without
// libFuzzer. A target's FUZZ_CHECK aborts on a broken invariant; a missing
// argument path is skipped (a target may have no regressions yet), but a run
// that finds no input at all fails, so a moved corpus cannot pass silently.
//
// REQUIRES: the target defines LLVMFuzzerTestOneInput. Single-threaded.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<std::filesystem::path> inputs_of(const std::filesystem::path& p) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (std::filesystem::is_regular_file(p, ec)) {
    out.push_back(p);
  } else if (std::filesystem::is_directory(p, ec)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(p)) {
      if (e.is_regular_file() && e.path().filename().string().front() != '.') {
        out.push_back(e.path());
      }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    auto found = inputs_of(argv[i]);
    files.insert(files.end(), found.begin(), found.end());
  }
  if (files.empty()) {
    std::fprintf(stderr, "replay: no input files found in the paths given\n");
    return 2;
  }
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "replay: cannot read %s\n", f.c_str());
      return 2;
    }
    // Printed before the run, so a crash names its input.
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", f.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("replay: %zu inputs, all passed\n", files.size());
  return 0;
}
