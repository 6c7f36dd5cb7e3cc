# Compile time (a first `make run` on a two-core machine builds the server
# from nothing). Two measures, applied to every target by walking the
# directories, so adding a module or a target needs nothing here:
#
# Precompiled headers: the standard library and nlohmann/json (and GoogleTest
# for the unit tests) are parsed once per build instead of once per file.
# Two headers are built (warmcity_pch, warmcity_test_pch); every C++ target
# of the project reuses one of them (REUSE_FROM), so adding a target needs
# nothing here. A target whose flags differ from the PCH's still builds: GCC
# then reads the headers as text (slower, not wrong).
#
# ccache caches compiles that use a PCH only with this sloppiness; the
# launcher passes it in the environment (CMakeLists.txt).
set(WARMCITY_PCH_HEADERS
  <algorithm> <array> <atomic> <chrono> <cstddef> <cstdint> <functional> <map>
  <memory> <mutex> <optional> <string> <string_view> <unordered_map> <utility>
  <vector> <nlohmann/json.hpp>)

add_library(warmcity_pch OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
target_link_libraries(warmcity_pch PRIVATE nlohmann_json::nlohmann_json)
target_precompile_headers(warmcity_pch PRIVATE ${WARMCITY_PCH_HEADERS})

add_library(warmcity_test_pch OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
target_link_libraries(warmcity_test_pch PRIVATE nlohmann_json::nlohmann_json GTest::gtest)
target_precompile_headers(warmcity_test_pch PRIVATE ${WARMCITY_PCH_HEADERS} <gtest/gtest.h>)

# The unit tests' own files in a sanitizer build: WARMCITY_SANITIZE_TEST_OPT
# (scripts/test-sanitize.sh passes -O0) in place of the build's optimisation,
# for them and the PCH they share. They are two fifths of that build, and
# compile 40 % faster at -O0 (activity_test.cpp under ASan+UBSan: 16.7 s of
# CPU against 27.4 s at -O1); the code they test keeps the build's -O1.
function(warmcity_test_opt target)
  if(WARMCITY_SANITIZE AND WARMCITY_SANITIZE_TEST_OPT)
    target_compile_options(${target} PRIVATE ${WARMCITY_SANITIZE_TEST_OPT})
  endif()
endfunction()
warmcity_test_opt(warmcity_test_pch)

# Unity build of the libraries (WARMCITY_UNITY_BUILD, on by default): the
# sources of a warmcity_* library are compiled in batches of
# WARMCITY_UNITY_BATCH, so nlohmann/json's templates are instantiated and
# optimised once a batch instead of once a file. Files of one library then
# share a translation unit: helpers in anonymous namespaces need names unique
# within their library (the compiler says so when two collide). The Beast and
# Boost.Geometry files are compiled alone (heavy on their own, and their
# classes hold anonymous-namespace types). So is the warmcity executable,
# the command glue in src/app, in batches of 6: each of its files instantiated
# CLI11's header-only code again (its 12 files under ASan+UBSan: 645 s of CPU
# one by one). Unit tests and benchmarks are not batched.
option(WARMCITY_UNITY_BUILD "Compile each library's sources in batches" ON)
set(WARMCITY_UNITY_BATCH 8 CACHE STRING "Sources per unity batch")

# Every library and executable defined under `dir` (recursively) reuses a PCH;
# every warmcity_* library is a unity build when WARMCITY_UNITY_BUILD is on.
function(warmcity_speed_up_compiles dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t ${targets})
    get_target_property(type ${t} TYPE)
    if(t MATCHES "^warmcity(_test)?_pch$" OR NOT type MATCHES "^(STATIC_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    if(t MATCHES "_tests$")
      target_precompile_headers(${t} REUSE_FROM warmcity_test_pch)
      warmcity_test_opt(${t})
    else()
      target_precompile_headers(${t} REUSE_FROM warmcity_pch)
    endif()
    if(WARMCITY_UNITY_BUILD AND t MATCHES "^warmcity_" AND type STREQUAL "STATIC_LIBRARY")
      set_target_properties(${t} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${WARMCITY_UNITY_BATCH})
    elseif(WARMCITY_UNITY_BUILD AND t STREQUAL "warmcity")
      set_target_properties(${t} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 6)
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    warmcity_speed_up_compiles(${sub})
  endforeach()
endfunction()
