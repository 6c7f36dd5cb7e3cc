// copy_rows(): every row of one database into an empty PostgreSQL one (copy.h).
// PostgreSQL's catalogue SQL lives here, in src/store/, where engine SQL belongs.
#include "store/copy.h"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

namespace warmcity::store {

namespace {

enum class Kind { kInt, kReal, kText, kBlob };

struct Column {
  std::string name;
  Kind kind = Kind::kText;
  bool identity = false;
  bool self_reference = false;  // a foreign key to its own table: parents first
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;
  std::set<std::string> depends_on;  // other tables its foreign keys refer to
};

using Value = std::variant<std::monostate, int64_t, double, std::string>;

// `s` with what was being done in front, of the same kind.
Status prefixed(const Status& s, const std::string& doing) {
  std::string m = doing + ": " + s.message();
  switch (s.code()) {
    case Code::kConflict:
      return Status::Conflict(std::move(m));
    case Code::kUnavailable:
      return Status::Unavailable(std::move(m));
    case Code::kInvalidArgument:
      return Status::InvalidArgument(std::move(m));
    default:
      return Status::Internal(std::move(m));
  }
}

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

Kind kind_of(const std::string& data_type) {
  if (data_type == "bigint" || data_type == "integer" || data_type == "smallint" ||
      data_type == "boolean") {
    return Kind::kInt;
  }
  if (data_type == "double precision" || data_type == "real" || data_type == "numeric") {
    return Kind::kReal;
  }
  if (data_type == "bytea") return Kind::kBlob;
  return Kind::kText;
}

Value read_value(const Statement& s, int col, Kind kind) {
  if (s.column_is_null(col)) return std::monostate{};
  switch (kind) {
    case Kind::kInt:
      return s.column_int64(col);
    case Kind::kReal:
      return s.column_double(col);
    case Kind::kText:
    case Kind::kBlob:
      return s.column_text(col);
  }
  return std::monostate{};
}

void bind_value(Statement& s, int index, const Value& v, Kind kind) {
  if (std::holds_alternative<std::monostate>(v)) {
    s.bind_null(index);
  } else if (const auto* i = std::get_if<int64_t>(&v)) {
    s.bind(index, *i);
  } else if (const auto* d = std::get_if<double>(&v)) {
    s.bind(index, *d);
  } else if (kind == Kind::kBlob) {
    s.bind_blob(index, std::get<std::string>(v));
  } else {
    s.bind(index, std::get<std::string>(v));
  }
}

// Runs `sql` and hands each row to `row`.
template <class Row>
Status each_row(Connection& c, const std::string& sql, Row row) {
  auto st = c.prepare(sql);
  if (!st.ok()) return st.status();
  for (;;) {
    Result<bool> more = st->step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    row(*st);
  }
}

Result<int64_t> count_rows(Connection& c, const std::string& table) {
  int64_t n = 0;
  Status s = each_row(c, "SELECT count(*) FROM " + quoted(table),
                      [&n](const Statement& st) { n = st.column_int64(0); });
  if (!s.ok()) return s;
  return n;
}

// The destination's tables, their columns, keys and foreign keys, parents first.
Result<std::vector<Table>> read_catalogue(Connection& c) {
  std::map<std::string, Table> tables;
  Status s = each_row(c,
                      "SELECT table_name FROM information_schema.tables "
                      "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                      "AND table_name <> 'schema_migrations'",
                      [&](const Statement& st) {
                        std::string name = st.column_text(0);
                        tables[name].name = name;
                      });
  if (s.ok()) {
    s = each_row(c,
                 "SELECT table_name, column_name, data_type, is_identity, is_generated "
                 "FROM information_schema.columns WHERE table_schema = current_schema() "
                 "ORDER BY table_name, ordinal_position",
                 [&](const Statement& st) {
                   auto t = tables.find(st.column_text(0));
                   if (t == tables.end() || st.column_text(4) == "ALWAYS") return;
                   t->second.columns.push_back({st.column_text(1), kind_of(st.column_text(2)),
                                                st.column_text(3) == "YES", false});
                 });
  }
  if (s.ok()) {
    s = each_row(c,
                 "SELECT k.table_name, k.column_name FROM information_schema.table_constraints t "
                 "JOIN information_schema.key_column_usage k "
                 "ON k.constraint_schema = t.constraint_schema "
                 "AND k.constraint_name = t.constraint_name AND k.table_name = t.table_name "
                 "WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema() "
                 "ORDER BY k.table_name, k.ordinal_position",
                 [&](const Statement& st) {
                   auto t = tables.find(st.column_text(0));
                   if (t != tables.end()) t->second.primary_key.push_back(st.column_text(1));
                 });
  }
  if (s.ok()) {
    s = each_row(c,
                 "SELECT c.relname, p.relname, a.attname FROM pg_constraint k "
                 "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) "
                 "WHERE k.contype = 'f' AND n.nspname = current_schema()",
                 [&](const Statement& st) {
                   auto t = tables.find(st.column_text(0));
                   if (t == tables.end()) return;
                   std::string parent = st.column_text(1);
                   if (parent != t->second.name) {
                     t->second.depends_on.insert(parent);
                     return;
                   }
                   for (Column& col : t->second.columns) {
                     if (col.name == st.column_text(2)) col.self_reference = true;
                   }
                 });
  }
  if (!s.ok()) return s;

  // Parents before children (Kahn's order; names break ties, so it is stable).
  std::vector<Table> ordered;
  std::set<std::string> placed;
  while (ordered.size() < tables.size()) {
    bool progressed = false;
    for (auto& [name, table] : tables) {
      if (placed.count(name)) continue;
      bool ready = std::all_of(table.depends_on.begin(), table.depends_on.end(),
                               [&](const std::string& p) { return placed.count(p) > 0; });
      if (!ready) continue;
      placed.insert(name);
      ordered.push_back(table);
      progressed = true;
    }
    if (!progressed) {
      return Status::Internal("the destination's foreign keys form a cycle between tables");
    }
  }
  return ordered;
}

// Refuses a destination that holds any row outside schema_migrations and
// the seeded tables, and empties those.
Status require_empty(Connection& c, const std::vector<Table>& tables,
                     const std::set<std::string>& seeded) {
  for (const Table& t : tables) {
    if (seeded.count(t.name) > 0) {
      if (Status s = c.exec("DELETE FROM " + quoted(t.name)); !s.ok()) return s;
      continue;
    }
    bool any = false;
    Status s = each_row(c, "SELECT 1 FROM " + quoted(t.name) + " LIMIT 1",
                        [&any](const Statement&) { any = true; });
    if (!s.ok()) return s;
    if (any) {
      return Status::Conflict("the destination is not empty (table " + t.name +
                              " holds rows): copy needs a new, empty database");
    }
  }
  return Status::Ok();
}

std::string joined(const std::vector<std::string>& names, const std::string& between,
                   const std::string& after = "") {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : between) + quoted(n) + after;
  return out;
}

// A key value as text, to remember which rows are in.
std::string key_text(const Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  if (const auto* text = std::get_if<std::string>(&v)) return *text;
  return {};
}

// One table: read from `src` in key order, inserted into `dst` with bound values.
// A row whose self-reference (areas.parent_id) names a row not yet in waits
// until that row is: parents first, whatever their ids.
Result<int64_t> copy_table(Connection& src, Connection& dst, const Table& t,
                           const CopyProgress& progress) {
  Result<int64_t> total = count_rows(src, t.name);
  if (!total.ok()) {
    return Status::InvalidArgument("the source cannot be read as this schema (table " + t.name +
                                   "): " + total.status().message());
  }
  std::vector<std::string> names;
  for (const Column& col : t.columns) names.push_back(col.name);
  const std::vector<std::string>& key = t.primary_key.empty() ? names : t.primary_key;
  std::vector<int> self_cols;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].self_reference) self_cols.push_back(static_cast<int>(i));
  }
  int key_col = -1;  // the one key column self-references name
  if (!self_cols.empty()) {
    if (t.primary_key.size() != 1) {
      return Status::Internal("copying " + t.name +
                              ": a self-reference needs a one-column primary key");
    }
    key_col = static_cast<int>(std::find(names.begin(), names.end(), key[0]) - names.begin());
  }

  std::string marks;
  for (size_t i = 0; i < names.size(); ++i) marks += i ? ", ?" : "?";
  const std::string insert_sql =
      "INSERT INTO " + quoted(t.name) + " (" + joined(names, ", ") + ") VALUES (" + marks + ")";
  std::set<std::string> inserted;  // key values, for tables with self-references
  int64_t done = 0;
  auto insert_row = [&](const std::vector<Value>& row) -> Status {
    // A handle per row (the connection caches the statement): a handle runs once.
    auto insert = dst.prepare(insert_sql);
    if (!insert.ok()) return insert.status();
    for (size_t i = 0; i < row.size(); ++i) {
      bind_value(*insert, static_cast<int>(i) + 1, row[i], t.columns[i].kind);
    }
    if (Status s = insert->run(); !s.ok()) return prefixed(s, "copying " + t.name);
    if (key_col >= 0) inserted.insert(key_text(row[key_col]));
    if (++done % 1000 == 0 && progress) progress(t.name, done, *total);
    return Status::Ok();
  };
  auto parents_in = [&](const std::vector<Value>& row) {
    return std::all_of(self_cols.begin(), self_cols.end(), [&](int i) {
      return std::holds_alternative<std::monostate>(row[i]) || inserted.count(key_text(row[i]));
    });
  };

  auto select = src.prepare("SELECT " + joined(names, ", ") + " FROM " + quoted(t.name) +
                            " ORDER BY " + joined(key, ", "));
  if (!select.ok()) return select.status();
  std::vector<std::vector<Value>> waiting;
  for (;;) {
    Result<bool> more = select->step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::vector<Value> row(t.columns.size());
    for (size_t i = 0; i < t.columns.size(); ++i) {
      row[i] = read_value(*select, static_cast<int>(i), t.columns[i].kind);
    }
    if (!parents_in(row)) {
      waiting.push_back(std::move(row));
      continue;
    }
    if (Status s = insert_row(row); !s.ok()) return s;
  }
  while (!waiting.empty()) {
    std::vector<std::vector<Value>> still;
    for (std::vector<Value>& row : waiting) {
      if (!parents_in(row)) {
        still.push_back(std::move(row));
      } else if (Status s = insert_row(row); !s.ok()) {
        return s;
      }
    }
    if (still.size() == waiting.size()) {
      return Status::Conflict("copying " + t.name + ": " + std::to_string(still.size()) +
                              " rows refer to rows of the same table that are not there");
    }
    waiting = std::move(still);
  }
  if (progress) progress(t.name, done, *total);
  return done;
}

// Each identity column's sequence continues after the largest copied value.
Status advance_sequences(Connection& c, const Table& t) {
  for (const Column& col : t.columns) {
    if (!col.identity) continue;
    auto st = c.prepare("SELECT setval(pg_get_serial_sequence(?, ?), max(" + quoted(col.name) +
                        ")) FROM " + quoted(t.name));
    if (!st.ok()) return st.status();
    st->bind(1, quoted(t.name)).bind(2, col.name);
    if (Status s = st->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<CopiedTable>> copy_rows(Database& from, Database& to,
                                           const CopyProgress& progress,
                                           const std::set<std::string>& seeded) {
  if (to.engine() != Engine::kPostgres) {
    return Status::InvalidArgument("copy writes into a PostgreSQL database only");
  }
  std::vector<CopiedTable> copied;
  Status s = to.write([&](Connection& dst) -> Status {
    copied.clear();
    Result<std::vector<Table>> tables = read_catalogue(dst);
    if (!tables.ok()) return tables.status();
    if (Status e = require_empty(dst, *tables, seeded); !e.ok()) return e;
    Connection& src = from.reader();  // this (the writer) thread's read connection
    for (const Table& t : *tables) {
      Result<int64_t> n = copy_table(src, dst, t, progress);
      if (!n.ok()) return n.status();
      if (Status e = advance_sequences(dst, t); !e.ok()) return e;
      Result<int64_t> in_source = count_rows(src, t.name);
      if (!in_source.ok()) return in_source.status();
      Result<int64_t> in_dest = count_rows(dst, t.name);
      if (!in_dest.ok()) return in_dest.status();
      if (*in_source != *in_dest) {
        return Status::Internal("copying " + t.name + ": " + std::to_string(*in_source) +
                                " rows in the source but " + std::to_string(*in_dest) +
                                " in the destination");
      }
      copied.push_back({t.name, *in_source, *in_dest});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return copied;
}

}  // namespace warmcity::store
