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

# Every library and executable defined under `dir` (recursively) reuses a PCH.
function(warmcity_use_precompiled_headers dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t ${targets})
    get_target_property(type ${t} TYPE)
    if(t MATCHES "^warmcity(_test)?_pch$" OR NOT type MATCHES "^(STATIC_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    if(t MATCHES "_tests$")
      target_precompile_headers(${t} REUSE_FROM warmcity_test_pch)
    else()
      target_precompile_headers(${t} REUSE_FROM warmcity_pch)
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    warmcity_use_precompiled_headers(${sub})
  endforeach()
endfunction()
