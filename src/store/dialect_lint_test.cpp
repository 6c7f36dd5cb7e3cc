// Every module's SQL is written once, in the dialect both engines run
// (docs/storage.md, "One SQL for both engines"). This test reads the source
// of every module (src/ outside src/store/, where the engines live) and
// fails on a spelling only one engine knows, so a slip is caught by
// `make test` on SQLite alone, before PostgreSQL ever sees it.
//
// It looks only inside string literals that read as SQL (they hold SELECT,
// INSERT, UPDATE, DELETE, CREATE, ALTER or WITH), so comments and messages
// may name the forbidden forms.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace warmcity::store {
namespace {

namespace fs = std::filesystem;

struct Literal {
  int line;
  std::string text;
};

// The string literals of a C++ file: "…" with escapes and R"d(…)d" raw
// strings; comments and character literals skipped.
std::vector<Literal> string_literals(const std::string& src) {
  std::vector<Literal> out;
  int line = 1;
  size_t i = 0;
  const size_t n = src.size();
  auto advance_to = [&](size_t to) {
    for (; i < to && i < n; ++i) line += src[i] == '\n' ? 1 : 0;
  };
  while (i < n) {
    const char c = src[i];
    if (c == '/' && i + 1 < n && src[i + 1] == '/') {
      advance_to(src.find('\n', i) == std::string::npos ? n : src.find('\n', i));
    } else if (c == '/' && i + 1 < n && src[i + 1] == '*') {
      const size_t end = src.find("*/", i + 2);
      advance_to(end == std::string::npos ? n : end + 2);
    } else if (c == '\'') {
      size_t j = i + 1;
      while (j < n && src[j] != '\'') j += src[j] == '\\' ? 2 : 1;
      advance_to(j + 1);
    } else if (c == 'R' && i + 1 < n && src[i + 1] == '"' &&
               (i == 0 ||
                !(std::isalnum(static_cast<unsigned char>(src[i - 1])) || src[i - 1] == '_'))) {
      const size_t open = src.find('(', i + 2);
      if (open == std::string::npos) break;
      const std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
      const size_t end = src.find(close, open + 1);
      const size_t stop = end == std::string::npos ? n : end;
      out.push_back({line, src.substr(open + 1, stop - open - 1)});
      advance_to(stop + close.size());
    } else if (c == '"') {
      std::string text;
      size_t j = i + 1;
      while (j < n && src[j] != '"') {
        if (src[j] == '\\' && j + 1 < n) {
          text += src[j + 1];
          j += 2;
        } else {
          text += src[j++];
        }
      }
      out.push_back({line, text});
      advance_to(j + 1);
    } else {
      advance_to(i + 1);
    }
  }
  return out;
}

bool reads_as_sql(const std::string& text) {
  static const std::regex kSql(R"(\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|WITH)\b)");
  return std::regex_search(text, kSql);
}

struct Form {
  const char* pattern;  // ECMAScript regex, matched case-insensitively
  const char* why;
};

// The short list: each is an everyday spelling of one engine only.
const std::vector<Form>& forms() {
  static const std::vector<Form> kForms = {
      {R"(last_insert_rowid)", "SQLite only: use INSERT … RETURNING id"},
      {R"(\bINSERT\s+OR\s+(IGNORE|REPLACE)\b)", "SQLite only: use ON CONFLICT"},
      {R"(\bREPLACE\s+INTO\b)", "SQLite only: use ON CONFLICT … DO UPDATE"},
      {R"(\bjson_(each|extract|valid|group_array|object|array)\s*\()",
       "SQLite only: bind placeholders(n) or read JSON in C++"},
      {R"(\bgroup_concat\s*\()", "SQLite only: aggregate in C++"},
      {R"(\bWITHOUT\s+ROWID\b)", "SQLite only: write {{without_rowid}}"},
      {R"(\bAUTOINCREMENT\b)", "SQLite only: write {{id}}"},
      {R"(\bPRAGMA\b)", "SQLite only: engine settings belong in src/store/"},
      {R"(\b(strftime|julianday|datetime|unixepoch)\s*\()", "SQLite only: bind times from C++"},
      {R"(\b(ifnull|iif)\s*\()", "SQLite only: use COALESCE / CASE"},
      {R"(\bCOLLATE\s+NOCASE\b)", "SQLite only: compare lower(x) = lower(?)"},
      {R"(\browid\b)", "SQLite only: order by a real column"},
      {R"(\bRAISE\s*\()", "SQLite only: write {{append_only:table}}"},
      {R"(\bGLOB\b)", "SQLite only"},
      {R"(\b(string_agg|array_agg|jsonb?_agg)\s*\()", "PostgreSQL only: aggregate in C++"},
      {R"(\bILIKE\b)", "PostgreSQL only: lower(x) LIKE lower(?)"},
      {R"(::\s*[a-z])", "PostgreSQL only: use CAST(x AS type)"},
      {R"(\$[0-9])", "PostgreSQL only: placeholders are ? or ?N"},
      {R"(\b(BIG)?SERIAL\b)", "PostgreSQL only: write {{id}}"},
      {R"(\b(now|greatest|least)\s*\()", "one engine only: bind times from C++, use CASE"},
      {R"(\bLIMIT\s+-1\b)", "SQLite only: leave LIMIT out"},
  };
  return kForms;
}

// Files that may speak one engine, and why.
bool exempt(const fs::path& rel) {
  const std::string p = rel.generic_string();
  return p.rfind("store/", 0) == 0 ||  // the engines themselves
         p == "app/backup_set.cpp";    // restores a SQLite file (WAL checkpoint)
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DialectLint, ScannerFindsLiteralsAndSkipsComments) {
  const std::string src =
      "// SELECT group_concat(x) in a comment\n"
      "auto a = \"SELECT \\\"q\\\" FROM t\";\n"
      "/* INSERT OR IGNORE */ char c = '\"';\n"
      "auto b = R\"SQL(CREATE TABLE t (a BIGINT))SQL\";\n";
  std::vector<Literal> lits = string_literals(src);
  ASSERT_EQ(lits.size(), 2u);
  EXPECT_EQ(lits[0].line, 2);
  EXPECT_EQ(lits[0].text, "SELECT \"q\" FROM t");
  EXPECT_EQ(lits[1].line, 4);
  EXPECT_EQ(lits[1].text, "CREATE TABLE t (a BIGINT)");
}

TEST(DialectLint, EachFormCatchesItsSpelling) {
  const std::vector<std::string> bad = {
      "SELECT last_insert_rowid()",    "INSERT OR IGNORE INTO t VALUES (1)",
      "REPLACE INTO t VALUES (1)",     "SELECT value FROM json_each(?)",
      "SELECT group_concat(a) FROM t", "CREATE TABLE t (a BIGINT) WITHOUT ROWID",
      "SELECT a::text FROM t",         "SELECT string_agg(a, ',') FROM t",
      "SELECT * FROM t WHERE a = $1",  "SELECT * FROM t ORDER BY rowid",
      "SELECT ifnull(a, 0) FROM t",    "SELECT * FROM t WHERE a ILIKE ?"};
  for (const std::string& sql : bad) {
    bool caught = false;
    for (const Form& f : forms()) {
      caught |= std::regex_search(sql, std::regex(f.pattern, std::regex::icase));
    }
    EXPECT_TRUE(caught) << sql;
  }
  const std::string good =
      "INSERT INTO t (a) VALUES (?1) ON CONFLICT (a) DO UPDATE SET b = excluded.b RETURNING id";
  for (const Form& f : forms()) {
    EXPECT_FALSE(std::regex_search(good, std::regex(f.pattern, std::regex::icase))) << f.pattern;
  }
}

TEST(DialectLint, ModulesWriteOneSqlForBothEngines) {
  const fs::path src = fs::path(WARMCITY_SOURCE_DIR) / "src";
  ASSERT_TRUE(fs::is_directory(src)) << src;
  std::vector<std::regex> compiled;
  for (const Form& f : forms()) compiled.emplace_back(f.pattern, std::regex::icase);
  int files = 0, statements = 0;
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    const fs::path& p = entry.path();
    if (!entry.is_regular_file() || (p.extension() != ".cpp" && p.extension() != ".h")) continue;
    const fs::path rel = fs::relative(p, src);
    if (exempt(rel)) continue;
    ++files;
    for (const Literal& lit : string_literals(read_file(p))) {
      if (!reads_as_sql(lit.text)) continue;
      ++statements;
      for (size_t k = 0; k < compiled.size(); ++k) {
        if (std::regex_search(lit.text, compiled[k])) {
          found.push_back(rel.generic_string() + ":" + std::to_string(lit.line) + ": " +
                          forms()[k].why + "\n    " + lit.text.substr(0, 160));
        }
      }
    }
  }
  EXPECT_GT(files, 50) << "the scan found too few source files under " << src;
  EXPECT_GT(statements, 100) << "the scan found too few SQL literals: is the scanner broken?";
  std::string report;
  for (const std::string& f : found) report += f + "\n";
  EXPECT_TRUE(found.empty()) << found.size() << " engine-only spellings in module SQL:\n" << report;
}

}  // namespace
}  // namespace warmcity::store
