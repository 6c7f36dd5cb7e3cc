# The private PostgreSQL the tests run against (docs/testing.md, "PostgreSQL").
#
# ctest starts it once, before the first test that needs it (the fixture
# `postgres`: test pg.start runs scripts/test-postgres.sh start), and stops it
# by its pid after the last (pg.stop). Its port is derived from the build
# directory, so the admin URL is known here and handed to each test in
# WARMCITY_TEST_PG_URL; two build directories get two clusters on two ports.
# -DWARMCITY_TEST_PG_PORT=N picks another port if that one is taken.
string(MD5 _pg_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${_pg_hash}" 0 4 _pg_hash)
math(EXPR _pg_port "20000 + 0x${_pg_hash} % 20000")
set(WARMCITY_TEST_PG_PORT ${_pg_port} CACHE STRING "port of the tests' private PostgreSQL on 127.0.0.1")
set(WARMCITY_TEST_PG_DIR ${CMAKE_BINARY_DIR}/pg)
set(WARMCITY_TEST_PG_URL "postgresql://postgres@127.0.0.1:${WARMCITY_TEST_PG_PORT}/postgres")
# libpqxx for the tests' scratch databases (store/postgres/pg_test_util.h).
pkg_check_modules(WARMCITY_TEST_PQXX REQUIRED IMPORTED_TARGET libpqxx libpq)

add_test(NAME pg.start
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/test-postgres.sh start ${WARMCITY_TEST_PG_DIR} ${WARMCITY_TEST_PG_PORT})
add_test(NAME pg.stop
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/test-postgres.sh stop ${WARMCITY_TEST_PG_DIR})
set_tests_properties(pg.start PROPERTIES FIXTURES_SETUP postgres LABELS postgres TIMEOUT 120)
set_tests_properties(pg.stop PROPERTIES FIXTURES_CLEANUP postgres LABELS postgres TIMEOUT 120)

# warmcity_needs_postgres(<test>...): each test runs with the cluster started
# and its admin URL in WARMCITY_TEST_PG_URL (appended to its environment).
function(warmcity_needs_postgres)
  foreach(t ${ARGN})
    set_property(TEST ${t} APPEND PROPERTY FIXTURES_REQUIRED postgres)
    set_property(TEST ${t} APPEND PROPERTY ENVIRONMENT "WARMCITY_TEST_PG_URL=${WARMCITY_TEST_PG_URL}")
  endforeach()
endfunction()
