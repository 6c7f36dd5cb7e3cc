// The Open311 module's own records, as its service and routes see them
// (the tables: open311_store.h). Plain structs, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace warmcity::open311 {

// A key an admin issued to an Open311 client (the key itself is shown once).
struct ApiKey {
  int64_t id = 0;
  std::string name = {};
  std::string key_prefix = {};  // the first characters of the key, to recognise it
  bool batch = false;
  std::optional<int64_t> created_by = {};
  int64_t created_at = 0;
  std::optional<int64_t> revoked_at = {};
};

// The Open311 side of an appeal that came in through Open311.
struct RequestRow {
  int64_t appeal_id = 0;
  int64_t api_key_id = 0;
  std::string token = {};
  std::optional<std::string> email = {};  // private
  std::optional<std::string> address_id = {};
  int64_t created_at = 0;
};

}  // namespace warmcity::open311
