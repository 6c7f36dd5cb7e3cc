#include "open311/open311_store.h"

#include "accounts/id_chunks.h"
#include "accounts/tokens.h"
#include "open311/open311.h"

namespace warmcity::open311 {

namespace {

constexpr const char* kKeyColumns =
    "id, name, key_prefix, batch, created_by, created_at, revoked_at";
constexpr const char* kRequestColumns =
    "appeal_id, api_key_id, token, email, address_id, created_at";
constexpr size_t kPrefixLength = 9;  // "o311_" and four characters

ApiKey read_key(const store::Statement& s) {
  return ApiKey{s.column_int64(0),      s.column_text(1),      s.column_text(2),
                s.column_int64(3) != 0, s.column_int64_opt(4), s.column_int64(5),
                s.column_int64_opt(6)};
}

RequestRow read_request(const store::Statement& s) {
  return RequestRow{s.column_int64(0),    s.column_int64(1),    s.column_text(2),
                    s.column_text_opt(3), s.column_text_opt(4), s.column_int64(5)};
}

template <class T, class Read>
Result<T> one(store::Statement& s, Read read, const std::string& what) {
  Result<bool> row = s.step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(what);
  return read(s);
}

}  // namespace

std::vector<store::Migration> migrations() {
  return {{"open311", 1, R"SQL(
    CREATE TABLE open311_api_keys (
      id {{id}},
      name TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      key_prefix TEXT NOT NULL,
      batch BIGINT NOT NULL DEFAULT 0 CHECK (batch IN (0, 1)),
      created_by BIGINT,
      created_at BIGINT NOT NULL,
      revoked_at BIGINT
    );
    CREATE TABLE open311_requests (
      appeal_id BIGINT PRIMARY KEY REFERENCES appeals(id),
      api_key_id BIGINT NOT NULL REFERENCES open311_api_keys(id),
      token TEXT NOT NULL UNIQUE,
      email TEXT,
      address_id TEXT,
      created_at BIGINT NOT NULL
    );
  )SQL"}};
}

std::string new_api_key() { return "o311_" + accounts::new_token(); }

Status insert_api_key(store::Connection& c, ApiKey& k, const std::string& key) {
  auto s = c.prepare(
      "INSERT INTO open311_api_keys (name, key_hash, key_prefix, batch, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  k.key_prefix = key.substr(0, kPrefixLength);
  s->bind(1, k.name).bind(2, accounts::hash_token(key)).bind(3, k.key_prefix);
  s->bind(4, k.batch ? 1 : 0).bind(5, k.created_by).bind(6, k.created_at);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  k.id = *id;
  return Status::Ok();
}

Result<ApiKey> find_active_key(store::Connection& c, const std::string& key) {
  auto s = c.prepare(std::string("SELECT ") + kKeyColumns +
                     " FROM open311_api_keys WHERE key_hash = ? AND revoked_at IS NULL");
  if (!s.ok()) return s.status();
  s->bind(1, accounts::hash_token(key));
  return one<ApiKey>(*s, read_key, "no such api_key");
}

Result<ApiKey> get_api_key(store::Connection& c, int64_t id) {
  auto s = c.prepare(std::string("SELECT ") + kKeyColumns + " FROM open311_api_keys WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  return one<ApiKey>(*s, read_key, "no Open311 key with id " + std::to_string(id));
}

Result<std::vector<ApiKey>> list_api_keys(store::Connection& c, std::optional<int64_t> before_id,
                                          int limit) {
  auto s = c.prepare(std::string("SELECT ") + kKeyColumns +
                     " FROM open311_api_keys WHERE id < ? ORDER BY id DESC LIMIT ?");
  if (!s.ok()) return s.status();
  s->bind(1, before_id.value_or(INT64_MAX)).bind(2, limit);
  return store::collect<ApiKey>(*s, read_key);
}

Status revoke_api_key(store::Connection& c, int64_t id, int64_t at) {
  auto s =
      c.prepare("UPDATE open311_api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, at).bind(2, id);
  if (Status st = s->run(); !st.ok()) return st;
  if (c.changes() == 0) return Status::NotFound("no Open311 key with id " + std::to_string(id));
  return Status::Ok();
}

Status insert_request(store::Connection& c, const RequestRow& r) {
  auto s = c.prepare(std::string("INSERT INTO open311_requests (") + kRequestColumns +
                     ") VALUES (?, ?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, r.appeal_id).bind(2, r.api_key_id).bind(3, r.token).bind(4, r.email);
  s->bind(5, r.address_id).bind(6, r.created_at);
  return s->run();
}

Result<RequestRow> request_by_token(store::Connection& c, const std::string& token) {
  auto s = c.prepare(std::string("SELECT ") + kRequestColumns +
                     " FROM open311_requests WHERE token = ?");
  if (!s.ok()) return s.status();
  s->bind(1, token);
  return one<RequestRow>(*s, read_request, "no such token");
}

Result<std::map<int64_t, RequestRow>> requests_by_appeals(store::Connection& c,
                                                          const std::vector<int64_t>& appeal_ids) {
  std::map<int64_t, RequestRow> out;
  for (const accounts::IdChunk& chunk : accounts::id_chunks(appeal_ids)) {
    auto s = c.prepare(std::string("SELECT ") + kRequestColumns +
                       " FROM open311_requests WHERE appeal_id IN (" + chunk.placeholders + ")");
    if (!s.ok()) return s.status();
    for (size_t i = 0; i < chunk.values.size(); ++i) {
      s->bind(static_cast<int>(i + 1), chunk.values[i]);
    }
    auto rows = store::collect<RequestRow>(*s, read_request);
    if (!rows.ok()) return rows.status();
    for (RequestRow& r : *rows) {
      const int64_t appeal_id = r.appeal_id;
      out.emplace(appeal_id, std::move(r));
    }
  }
  return out;
}

}  // namespace warmcity::open311
