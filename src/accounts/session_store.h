// SQL for sessions (table sessions).
//
// A session row holds the SHA-256 of its token (never the token), the CSRF
// token cookie requests must echo, its expiry and, once signed out or
// revoked, revoked_at. Lookup by token hash is one indexed read joined with
// the user and their memberships. Times are unix seconds (UTC).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::accounts {

// A session keeps this many bytes of the client's User-Agent.
constexpr size_t kMaxUserAgent = 256;

struct NewSession {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  std::string client_address;
  std::string user_agent;
};

// A session as the authenticator needs it: the row plus its user.
struct SessionView {
  int64_t session_id = 0;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t expires_at = 0;
  std::optional<int64_t> revoked_at;
  std::string username;
  std::string role;
  bool user_disabled = false;
  std::vector<int64_t> organisation_ids;
  std::vector<int64_t> area_ids;  // served by those organisations
};

Result<int64_t> insert_session(store::Connection& conn, const NewSession& s);
Result<std::optional<SessionView>> find_session(store::Connection& conn,
                                                std::string_view token_hash);
Status revoke_session(store::Connection& conn, int64_t session_id, int64_t now);
// Revokes every live session of the user except `keep` (when given).
Status revoke_user_sessions(store::Connection& conn, int64_t user_id, int64_t now,
                            std::optional<int64_t> keep = std::nullopt);
// Deletes the user's sessions that expired or were revoked before `before`.
Status purge_user_sessions(store::Connection& conn, int64_t user_id, int64_t before);

}  // namespace warmcity::accounts
