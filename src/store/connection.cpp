#include "store/connection.h"

#include <utility>

namespace warmcity::store {

Statement::~Statement() {
  if (impl_ == nullptr) return;
  if (owned_) {
    delete impl_;
  } else {
    impl_->reset();
  }
  if (in_use_ != nullptr) *in_use_ = false;
}

Status Statement::run() {
  while (true) {
    Result<bool> more = step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
  }
}

Result<int64_t> Statement::returning_id() {
  Result<bool> row = step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("INSERT … RETURNING id returned no row");
  const int64_t id = column_int64(0);
  if (Status rest = run(); !rest.ok()) return rest;
  return id;
}

std::optional<std::string> Statement::column_text_opt(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_text(col);
}

std::optional<int64_t> Statement::column_int64_opt(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_int64(col);
}

Connection::~Connection() = default;

Result<Statement> Connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    recent_.splice(recent_.begin(), recent_, it->second.recent);
    it->second.in_use = true;
    return Statement(it->second.impl.get(), &it->second.in_use, /*owned=*/false);
  }
  Result<std::unique_ptr<StatementImpl>> made = prepare_new(sql);
  if (!made.ok()) return made.status();
  if (it != cache_.end()) return Statement(made->release(), nullptr, /*owned=*/true);
  if (cache_.size() >= max_cached_ && !evict_one()) {
    return Statement(made->release(), nullptr, /*owned=*/true);
  }
  auto slot = cache_.try_emplace(sql).first;
  slot->second.impl = std::move(*made);
  slot->second.in_use = true;
  recent_.push_front(&slot->first);
  slot->second.recent = recent_.begin();
  return Statement(slot->second.impl.get(), &slot->second.in_use, /*owned=*/false);
}

bool Connection::evict_one() {
  for (auto key = recent_.rbegin(); key != recent_.rend(); ++key) {
    auto it = cache_.find(**key);
    if (it->second.in_use) continue;
    recent_.erase(it->second.recent);
    cache_.erase(it);
    return true;
  }
  return false;
}

BrokenConnection::BrokenConnection(Engine engine, Status why)
    : engine_(engine), why_(std::move(why)) {}

Result<std::unique_ptr<StatementImpl>> BrokenConnection::prepare_new(const std::string&) {
  return why_;
}

}  // namespace warmcity::store
