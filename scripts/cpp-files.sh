#!/usr/bin/env bash
# Prints the project's C++ sources (tracked or new, not ignored, still on disk),
# one per line: the list `make format` and the style test work on.
cd "$(dirname "$0")/.."
git ls-files -co --exclude-standard 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'bench/*.cpp' 'fuzz/*.cpp' 'fuzz/*.h' |
  while read -r f; do [[ -f "$f" ]] && echo "$f"; done
