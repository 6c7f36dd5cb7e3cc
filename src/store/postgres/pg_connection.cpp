#include "store/postgres/pg_connection.h"

#include <string>
#include <utility>
#include <vector>

#include "store/job_run_hooks.h"
#include "store/postgres/pg_sql.h"
#include "store/postgres/pg_status.h"
#include "store/postgres/pg_values.h"

namespace warmcity::store {
namespace {

constexpr unsigned kPgByteaOid = 17;

class PgStatement final : public StatementImpl {
 public:
  PgStatement(std::shared_ptr<PgSession> session, std::string name, std::string sql, PgSql pg)
      : session_(std::move(session)),
        name_(std::move(name)),
        sql_(std::move(sql)),
        text_(std::move(pg.text)),
        verb_(tx_verb(sql_)),
        changes_rows_(changes_rows(sql_)),
        generation_(session_->generation()),
        values_(static_cast<size_t>(pg.params)),
        is_null_(static_cast<size_t>(pg.params), true),
        pointers_(static_cast<size_t>(pg.params), nullptr) {}

  ~PgStatement() override { session_->deallocate(name_, generation_); }

  void bind_int64(int index, int64_t value) override {
    if (std::string* v = slot(index)) append_pg_int64(value, *v);
  }
  void bind_double(int index, double value) override {
    if (std::string* v = slot(index)) append_pg_double(value, *v);
  }
  void bind_text(int index, std::string_view text) override {
    std::string* v = slot(index);
    if (v == nullptr) return;
    if (text.find('\0') != std::string_view::npos && bind_error_.ok()) {
      bind_error_ = Status::InvalidArgument("text for parameter " + std::to_string(index) +
                                            " holds a NUL byte, which PostgreSQL text cannot");
    }
    v->assign(text);
  }
  void bind_blob(int index, std::string_view bytes) override {
    if (std::string* v = slot(index)) append_pg_bytea(bytes, *v);
  }
  void bind_null(int index) override {
    if (index >= 1 && index <= static_cast<int>(values_.size())) {
      is_null_[static_cast<size_t>(index - 1)] = true;
    } else {
      out_of_range(index);
    }
  }

  Result<bool> step() override {
    if (executed_) {
      if (row_ < rows_) ++row_;
      return row_ < rows_;
    }
    if (!bind_error_.ok()) return Status(bind_error_);
    executed_ = true;
    // Connect first (a lost connection is reopened here), then make sure the
    // server statement exists on the session that is live now.
    bool skipped = false;
    if (Status s = session_->ready(verb_, skipped); !s.ok() || skipped) {
      if (!s.ok()) return s;
      return false;
    }
    if (generation_ != session_->generation()) {
      Status s = session_->prepare(name_, text_, sql_);
      if (!s.ok()) return s;
      generation_ = session_->generation();
    }
    for (size_t i = 0; i < values_.size(); ++i) {
      pointers_[i] = is_null_[i] ? nullptr : values_[i].c_str();
    }
    if (changes_rows_ && session_->may_defer(verb_) && (session_->id_promised() || rowless())) {
      // Sent later (pg_session.h, "Deferred statements"): no rows to read
      // (or its id goes where the job promised, store/job_runs.h).
      result_ = PgResult();
      rows_ = columns_ = row_ = 0;
      Status s = session_->defer({name_, sql_, verb_, changes_rows_}, pointers_);
      if (!s.ok()) return s;
      return false;
    }
    Status s =
        session_->run_prepared({name_, sql_, verb_, changes_rows_}, pointers_, result_, skipped);
    if (!s.ok()) return s;
    rows_ = skipped ? 0 : result_.rows();
    columns_ = skipped ? 0 : result_.columns();
    row_ = 0;
    return rows_ > 0;
  }

  int64_t column_int64(int col) const override { return has(col) ? parse_pg_int64(value(col)) : 0; }
  double column_double(int col) const override {
    return has(col) ? parse_pg_double(value(col)) : 0;
  }
  std::string column_text(int col) const override {
    if (!has(col)) return std::string();
    if (result_.column_type(col) == kPgByteaOid) return decode_pg_bytea(value(col));
    return std::string(value(col));
  }
  bool column_is_null(int col) const override { return !in_row(col) || result_.is_null(row_, col); }

  void reset() override {
    for (size_t i = 0; i < values_.size(); ++i) is_null_[i] = true;
    bind_error_ = Status::Ok();
    executed_ = false;
    result_ = PgResult();
    rows_ = columns_ = row_ = 0;
  }

 private:
  // The buffer for parameter `index`, emptied and marked not NULL; nullptr
  // (and an error for step()) when the statement has no such parameter.
  std::string* slot(int index) {
    if (index < 1 || index > static_cast<int>(values_.size())) {
      out_of_range(index);
      return nullptr;
    }
    const auto i = static_cast<size_t>(index - 1);
    is_null_[i] = false;
    values_[i].clear();
    return &values_[i];
  }
  void out_of_range(int index) {
    if (!bind_error_.ok()) return;
    bind_error_ =
        Status::Internal(describe_sql("bind", sql_) + ": parameter " + std::to_string(index) +
                         " out of range 1.." + std::to_string(values_.size()));
  }

  // The statement returns no rows (an INSERT, UPDATE or DELETE without
  // RETURNING), as the server describes it; asked once per server statement.
  bool rowless() {
    if (described_ != generation_) {
      const int columns = session_->result_columns(name_);
      if (columns < 0) return false;
      rowless_ = columns == 0;
      described_ = generation_;
    }
    return rowless_;
  }

  bool in_row(int col) const { return row_ < rows_ && col >= 0 && col < columns_; }
  bool has(int col) const { return in_row(col) && !column_is_null(col); }
  std::string_view value(int col) const { return result_.value(row_, col); }

  const std::shared_ptr<PgSession> session_;
  const std::string name_;
  const std::string sql_;   // as the module wrote it
  const std::string text_;  // with $N placeholders
  const TxVerb verb_;
  const bool changes_rows_;
  uint64_t generation_;     // of the session the server statement lives in
  uint64_t described_ = 0;  // the generation rowless_ was asked on (0: never)
  bool rowless_ = false;
  std::vector<std::string> values_;
  std::vector<bool> is_null_;
  std::vector<const char*> pointers_;
  Status bind_error_;
  bool executed_ = false;
  PgResult result_;
  int rows_ = 0;
  int columns_ = 0;
  int row_ = 0;
};

class PgConnection final : public Connection, public JobRunHooks {
 public:
  explicit PgConnection(std::shared_ptr<PgSession> session) : session_(std::move(session)) {}
  ~PgConnection() override {
    session_->set_closing();
    drop_statements();
  }

  Engine engine() const override { return Engine::kPostgres; }
  Status exec(std::string_view sql) override { return session_->exec(sql); }
  int changes() const override { return session_->changes(); }
  void defer_rowless_statements() override { session_->set_deferring(); }
  Status end_write_job() override { return session_->end_deferring(); }
  void hold_across_jobs(bool on) override { session_->hold_across_jobs(on); }
  Status send_held() override { return session_->send_held_now(); }
  bool promise_id_into(int64_t* into) override { return session_->promise_id_into(into); }
  bool id_promise_taken() override { return session_->id_promise_taken(); }
  Status begin_write() override { return session_->begin_write(); }
  Status begin_schema_change() override {
    return session_->exec(
        "BEGIN; SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0;"
        " SELECT pg_advisory_xact_lock(" +
        std::to_string(kPgSchemaLockKey) + ")");
  }
  bool in_transaction() const override { return session_->tx_state() != PgSession::TxState::kNone; }
  int backend_pid() const { return session_->backend_pid(); }

 protected:
  Result<std::unique_ptr<StatementImpl>> prepare_new(const std::string& sql) override {
    Result<PgSql> pg = to_postgres(sql);
    if (!pg.ok())
      return Status::Internal(describe_sql("prepare", sql) + ": " + pg.status().message());
    std::string name = "wc" + std::to_string(++statements_);
    Status s = session_->prepare(name, pg->text, sql);
    if (!s.ok()) return s;
    return std::unique_ptr<StatementImpl>(
        std::make_unique<PgStatement>(session_, std::move(name), sql, std::move(*pg)));
  }

 private:
  std::shared_ptr<PgSession> session_;
  uint64_t statements_ = 0;
};

}  // namespace

Result<std::unique_ptr<Connection>> open_postgres(const PgTarget& target, Connection::Mode mode,
                                                  const PgSessionOptions& options) {
  auto session = std::make_shared<PgSession>(target, mode, options);
  if (Status s = session->open(); !s.ok()) return s;
  return std::unique_ptr<Connection>(std::make_unique<PgConnection>(std::move(session)));
}

int postgres_backend_pid(Connection& conn) {
  auto* pg = dynamic_cast<PgConnection*>(&conn);
  return pg != nullptr ? pg->backend_pid() : 0;
}

}  // namespace warmcity::store
