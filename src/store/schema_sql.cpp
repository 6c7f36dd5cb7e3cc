#include "store/schema_sql.h"

#include <map>
#include <string>
#include <vector>

namespace warmcity::store {
namespace {

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string append_only(const std::string& table, Engine engine) {
  if (engine == Engine::kSqlite) {
    std::string out;
    for (const char* verb : {"UPDATE", "DELETE"}) {
      std::string lower = verb[0] == 'U' ? "update" : "delete";
      out += "CREATE TRIGGER " + table + "_no_" + lower + " BEFORE " + verb + " ON " + table +
             " BEGIN SELECT RAISE(ABORT, '" + table + " is append-only'); END";
      if (lower == "update") out += ";\n";
    }
    return out;
  }
  return "CREATE FUNCTION " + table +
         "_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '" + table +
         " is append-only'; END $$;\n"
         "CREATE TRIGGER " +
         table + "_no_change BEFORE UPDATE OR DELETE ON " + table +
         " FOR EACH ROW EXECUTE FUNCTION " + table + "_append_only()";
}

// {{guard_updates:TABLE:CONDITION}}: TABLE's rows are never deleted, and an
// UPDATE passes only when CONDITION (over OLD.col and NEW.col) is true for
// the row; false or NULL refuses it. First a SELECT that names OLD and NEW as
// TABLE's rows and runs no row, so a misspelt column (or, on PostgreSQL, a
// CONDITION that is not boolean) fails the migration, not a later UPDATE.
// The raised messages name the table only. SQLite's RAISE(ABORT) is
// SQLITE_CONSTRAINT (Status kConflict); PostgreSQL's RAISE EXCEPTION is
// SQLSTATE P0001 (Status kInternal). PostgreSQL: TRUNCATE is refused too.
constexpr std::string_view kGuardTag = "$warmcity_guard_updates$";

struct GuardUpdates {
  std::string table, condition;
};

Result<GuardUpdates> parse_guard_updates(std::string_view token, std::string_view arg) {
  auto bad = [&](const std::string& why) {
    return Status::Internal("schema token {{" + std::string(token) + "}} " + why);
  };
  const size_t colon = arg.find(':');
  if (colon == std::string_view::npos) return bad("needs TABLE:CONDITION");
  GuardUpdates g{std::string(arg.substr(0, colon)), std::string(arg.substr(colon + 1))};
  if (!is_identifier(g.table)) return bad("needs TABLE, a name");
  if (g.condition.find_first_not_of(" \t\r\n") == std::string::npos) {
    return bad("needs a CONDITION");
  }
  if (g.condition.find(kGuardTag) != std::string::npos) {
    return bad("holds " + std::string(kGuardTag));
  }
  return g;
}

std::string guard_updates(const GuardUpdates& g, Engine engine) {
  const std::string& t = g.table;
  const std::string probe =
      "SELECT 1 FROM " + t + " AS OLD, " + t + " AS NEW WHERE false AND (" + g.condition + ");\n";
  if (engine == Engine::kSqlite) {
    return probe + "CREATE TRIGGER " + t + "_no_delete BEFORE DELETE ON " + t +
           " BEGIN SELECT RAISE(ABORT, '" + t +
           " rows are never deleted'); END;\n"
           "CREATE TRIGGER " +
           t + "_guard_update BEFORE UPDATE ON " + t + " FOR EACH ROW WHEN NOT COALESCE((" +
           g.condition + "), 0) BEGIN SELECT RAISE(ABORT, '" + t +
           ": this change is not allowed'); END";
  }
  std::string out = probe + "CREATE FUNCTION " + t +
                    "_guard() RETURNS trigger LANGUAGE plpgsql AS " + std::string(kGuardTag) +
                    "\nBEGIN\n  IF TG_OP <> 'UPDATE' THEN\n    RAISE EXCEPTION '" + t +
                    " rows are never deleted';\n  END IF;\n  IF NOT COALESCE((" + g.condition +
                    "), false) THEN\n    RAISE EXCEPTION '" + t +
                    ": this change is not allowed';\n  END IF;\n  RETURN NEW;\nEND " +
                    std::string(kGuardTag) + ";\n";
  out += "CREATE TRIGGER " + t + "_guard BEFORE UPDATE OR DELETE ON " + t +
         " FOR EACH ROW EXECUTE FUNCTION " + t + "_guard();\n";
  out += "CREATE TRIGGER " + t + "_no_truncate BEFORE TRUNCATE ON " + t +
         " FOR EACH STATEMENT EXECUTE FUNCTION " + t + "_guard()";
  return out;
}

// PostgreSQL 15 reads, plans and compiles a table's CHECK constraints again
// for every INSERT or UPDATE statement it runs, one by one (the 10 of
// appeals cost ~100 µs an INSERT), while a domain's checks are compiled once
// per connection (its type cache). So each single-column CHECK of the table
// becomes a CHECK of a domain "<table>_<column>_value" over the column's
// type, under the constraint's own name: the same rule, the same SQLSTATE
// (23514) and name in the error. The column is retyped first (no rewrite; no
// index rebuilt but a partial one whose predicate names the column), then the
// domain's CHECK is added, which checks the rows already there. Left as table
// checks: those on several columns, on a column that is already a domain or
// needs quoting, and those whose string literals hold the column's name (the
// rewrite to VALUE would reach into them).
constexpr char kCheckDomains[] = R"SQL(DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.conname, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS typ,
      left('@TABLE@_' || a.attname || '_value', 63) AS dom,
      regexp_replace(pg_get_expr(c.conbin, c.conrelid), '\m' || a.attname || '\M', 'VALUE', 'g')
        AS expr
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_type t ON t.oid = a.atttypid
    WHERE c.conrelid = '@TABLE@'::regclass AND c.contype = 'c' AND cardinality(c.conkey) = 1
      AND t.typtype = 'b' AND quote_ident(a.attname) = a.attname
      AND NOT EXISTS (SELECT FROM regexp_matches(pg_get_expr(c.conbin, c.conrelid),
                        '''(?:[^'']|'''')*''', 'g') AS m (lit)
                      WHERE m.lit[1] ~ ('\m' || a.attname || '\M'))
    ORDER BY a.attnum, c.conname
  LOOP
    IF to_regtype(quote_ident(r.dom)) IS NULL THEN
      EXECUTE format('CREATE DOMAIN %I AS %s', r.dom, r.typ);
      EXECUTE format('ALTER TABLE @TABLE@ ALTER COLUMN %I TYPE %I', r.col, r.dom);
    END IF;
    EXECUTE format('ALTER TABLE @TABLE@ DROP CONSTRAINT %I', r.conname);
    EXECUTE format('ALTER DOMAIN %I ADD CONSTRAINT %I CHECK (%s)', r.dom, r.conname, r.expr);
  END LOOP;
END $$)SQL";

std::string check_domains(const std::string& table) {
  std::string out = kCheckDomains;
  for (size_t at = out.find("@TABLE@"); at != std::string::npos; at = out.find("@TABLE@", at)) {
    out.replace(at, 7, table);
    at += table.size();
  }
  return out;
}

// {{change_check:TABLE.COLUMN:OLD => NEW}}, taken apart.
struct ChangeCheck {
  std::string table, column, old_expr, new_expr;
};

constexpr std::string_view kArrow = " => ";
constexpr std::string_view kDollarTag = "$warmcity_change_check$";

Result<ChangeCheck> parse_change_check(std::string_view token, std::string_view arg) {
  auto bad = [&](const std::string& why) {
    return Status::Internal("schema token {{" + std::string(token) + "}} " + why);
  };
  const size_t colon = arg.find(':');
  if (colon == std::string_view::npos) return bad("needs TABLE.COLUMN:OLD => NEW");
  const std::string_view target = arg.substr(0, colon);
  const std::string_view change = arg.substr(colon + 1);
  const size_t dot = target.find('.');
  ChangeCheck c;
  if (dot != std::string_view::npos) {
    c.table = std::string(target.substr(0, dot));
    c.column = std::string(target.substr(dot + 1));
  }
  if (!is_identifier(c.table) || !is_identifier(c.column)) {
    return bad("needs TABLE.COLUMN, two names");
  }
  const size_t arrow = change.find(kArrow);
  if (arrow == std::string_view::npos || change.find(kArrow, arrow + 1) != std::string_view::npos) {
    return bad("needs OLD => NEW, with \" => \" once");
  }
  c.old_expr = std::string(change.substr(0, arrow));
  c.new_expr = std::string(change.substr(arrow + kArrow.size()));
  auto blank = [](const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
  };
  if (blank(c.old_expr) || blank(c.new_expr)) return bad("needs an OLD and a NEW expression");
  if (c.new_expr.find(kDollarTag) != std::string::npos)
    return bad("holds " + std::string(kDollarTag));
  return c;
}

// PostgreSQL's name for an unnamed constraint (makeObjectName: NAME1_NAME2_LABEL
// within 63 bytes, the longer of the two names shortened first).
std::string pg_object_name(const std::string& name1, const std::string& name2,
                           const std::string& label) {
  constexpr size_t kMaxName = 63;
  const size_t overhead = 1 + label.size() + 1;  // the two underscores
  const size_t avail = kMaxName > overhead ? kMaxName - overhead : 0;
  size_t n1 = name1.size(), n2 = name2.size();
  while (n1 + n2 > avail && n1 + n2 > 0) {
    if (n1 > n2) {
      --n1;
    } else {
      --n2;
    }
  }
  return name1.substr(0, n1) + "_" + name2.substr(0, n2) + "_" + label;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// expr with each whole-word `column` (or "column") outside string literals
// made VALUE: a table CHECK's expression as a domain's.
std::string column_to_value(std::string_view expr, std::string_view column) {
  std::string out;
  size_t i = 0;
  const size_t n = expr.size();
  while (i < n) {
    const char c = expr[i];
    if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < n) {
        if (expr[j] == c) {
          if (j + 1 < n && expr[j + 1] == c) {
            j += 2;
            continue;
          }
          ++j;
          break;
        }
        ++j;
      }
      const std::string_view quoted = expr.substr(i, j - i);
      const bool is_column = c == '"' && quoted.size() == column.size() + 2 &&
                             quoted.substr(1, column.size()) == column;
      out += is_column ? std::string_view("VALUE") : quoted;
      i = j;
    } else if (is_word_char(c)) {
      size_t j = i;
      while (j < n && is_word_char(expr[j])) ++j;
      const std::string_view word = expr.substr(i, j - i);
      out += same_name(word, column) ? std::string_view("VALUE") : word;
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// The constraint is where {{check_domains:TABLE}} left it: on the column's
// domain, or (no domain, or a check it kept on the table) on the table.
std::string change_check_postgres(const ChangeCheck& c) {
  const std::string dom = (c.table + "_" + c.column + "_value").substr(0, 63);
  const std::string name = pg_object_name(c.table, c.column, "check");
  std::string out = "DO ";
  out += kDollarTag;
  out += "\nBEGIN\n  IF EXISTS (SELECT FROM pg_constraint WHERE contypid = to_regtype('" + dom +
         "') AND conname = '" + name + "') THEN\n    ALTER DOMAIN " + dom + " DROP CONSTRAINT " +
         name + ";\n    ALTER DOMAIN " + dom + " ADD CONSTRAINT " + name + " CHECK (" +
         column_to_value(c.new_expr, c.column) + ");\n  ELSE\n    ALTER TABLE " + c.table +
         " DROP CONSTRAINT " + name + ";\n    ALTER TABLE " + c.table + " ADD CONSTRAINT " + name +
         " CHECK (" + c.new_expr + ");\n  END IF;\nEND ";
  out += kDollarTag;
  return out;
}

struct Expansion {
  Engine engine;
  const TableSchemaReader* read_table;
  // SQLite: the tables {{change_check:…}} rebuilt in this call, as rebuilt.
  std::map<std::string, TableSchema> rebuilt;
};

Result<std::string> change_check_sqlite(std::string_view token, const ChangeCheck& c,
                                        Expansion& x) {
  auto bad = [&](const std::string& why) {
    return Status::Internal("schema token {{" + std::string(token) + "}}: " + why);
  };
  auto it = x.rebuilt.find(c.table);
  if (it == x.rebuilt.end()) {
    if (x.read_table == nullptr || !*x.read_table) {
      return bad("on SQLite it needs the table's schema, and no reader was given");
    }
    Result<TableSchema> read = (*x.read_table)(c.table);
    if (!read.ok()) return bad("reading table " + c.table + ": " + read.status().message());
    it = x.rebuilt.emplace(c.table, std::move(*read)).first;
  }
  TableSchema& t = it->second;
  const std::string old_check = "CHECK (" + c.old_expr + ")";
  const size_t at = t.create_sql.find(old_check);
  if (at == std::string::npos) {
    return bad("table " + c.table + " has no " + old_check +
               "; its CHECK is not what the migration expects");
  }
  if (t.create_sql.find(old_check, at + 1) != std::string::npos) {
    return bad("table " + c.table + " has " + old_check +
               " more than once; the migration cannot tell which to change");
  }
  t.create_sql.replace(at, old_check.size(), "CHECK (" + c.new_expr + ")");
  const std::string temp = "warmcity_rebuild_" + c.table;
  std::vector<std::string> statements = {
      "PRAGMA defer_foreign_keys = ON",
      "CREATE TEMP TABLE " + temp + " AS SELECT * FROM " + c.table,
      "DROP TABLE " + c.table,
      t.create_sql,
      "INSERT INTO " + c.table + " SELECT * FROM temp." + temp,
      "DROP TABLE temp." + temp};
  statements.insert(statements.end(), t.dependents.begin(), t.dependents.end());
  std::string out;
  for (const std::string& s : statements) {
    if (!out.empty()) out += ";\n";
    out += s;
  }
  return out;
}

Result<std::string> expand_token(std::string_view token, Expansion& x) {
  const bool lite = x.engine == Engine::kSqlite;
  if (token == "id") {
    return std::string(lite ? "INTEGER PRIMARY KEY"
                            : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  }
  if (token == "blob") return std::string(lite ? "BLOB" : "BYTEA");
  if (token == "without_rowid") return std::string(lite ? "WITHOUT ROWID" : "");
  const size_t colon = token.find(':');
  const std::string_view verb = token.substr(0, colon);
  if (verb == "change_check") {
    if (colon == std::string_view::npos) {
      return Status::Internal("schema token {{" + std::string(token) +
                              "}} needs TABLE.COLUMN:OLD => NEW");
    }
    Result<ChangeCheck> c = parse_change_check(token, token.substr(colon + 1));
    if (!c.ok()) return c.status();
    if (!lite) return change_check_postgres(*c);
    return change_check_sqlite(token, *c, x);
  }
  if (verb == "guard_updates") {
    const std::string_view arg = colon == std::string_view::npos ? "" : token.substr(colon + 1);
    Result<GuardUpdates> g = parse_guard_updates(token, arg);
    if (!g.ok()) return g.status();
    return guard_updates(*g, x.engine);
  }
  const std::string arg(colon == std::string_view::npos ? "" : token.substr(colon + 1));
  if (verb == "json_check" || verb == "append_only" || verb == "check_domains") {
    if (!is_identifier(arg)) {
      return Status::Internal("schema token {{" + std::string(token) + "}} needs a name");
    }
    if (verb == "append_only") return append_only(arg, x.engine);
    if (verb == "check_domains") return lite ? std::string() : check_domains(arg);
    return lite ? "CHECK (json_valid(" + arg + "))" : "CHECK ((" + arg + ")::jsonb IS NOT NULL)";
  }
  return Status::Internal("unknown schema token {{" + std::string(token) + "}}");
}

}  // namespace

Result<std::string> expand_schema(std::string_view sql, Engine engine,
                                  const TableSchemaReader& read_table) {
  Expansion x{engine, &read_table, {}};
  std::string out;
  out.reserve(sql.size());
  size_t at = 0;
  while (true) {
    const size_t open = sql.find("{{", at);
    if (open == std::string_view::npos) break;
    const size_t close = sql.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return Status::Internal("unclosed schema token at: " + std::string(sql.substr(open, 40)));
    }
    Result<std::string> text = expand_token(sql.substr(open + 2, close - open - 2), x);
    if (!text.ok()) return text.status();
    out.append(sql.substr(at, open - at));
    out += *text;
    at = close + 2;
  }
  out.append(sql.substr(at));
  return out;
}

}  // namespace warmcity::store
