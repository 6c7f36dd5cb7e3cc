// Helpers shared by the store unit tests: a scratch directory and row counts.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "store/connection.h"

namespace warmcity::store::testing_util {

// A fresh directory under GoogleTest's temp dir, removed with its contents.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "warmcity_store_XXXXXX";
    char* made = ::mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr) << "mkdtemp " << pattern;
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The single integer a query returns; -1 (and a test failure) when it fails.
inline int64_t query_int(Connection& conn, const std::string& sql) {
  Result<Statement> st = conn.prepare(sql);
  EXPECT_TRUE(st.ok()) << st.status().message();
  if (!st.ok()) return -1;
  Result<bool> row = st->step();
  EXPECT_TRUE(row.ok() && *row) << sql << ": " << row.status().message();
  if (!row.ok() || !*row) return -1;
  return st->column_int64(0);
}

}  // namespace warmcity::store::testing_util
