#include "store/postgres/pg_sql.h"

#include <algorithm>
#include <cctype>

namespace warmcity::store {
namespace {

constexpr int kMaxPgParams = 65535;

bool pg_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Past a string, quoted identifier, dollar-quoted body or comment that
// starts at s[i]; i itself when s[i] starts plain code. An unterminated one
// runs to the end (the server reports it).
size_t pg_skip_quoted(std::string_view s, size_t i) {
  const size_t n = s.size();
  const char c = s[i];
  if (c == '\'' || c == '"') {
    // E'…' strings take backslash escapes; '' and "" are a doubled quote.
    const bool escapes = c == '\'' && i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') &&
                         (i < 2 || !pg_ident_char(s[i - 2]));
    for (size_t j = i + 1; j < n; ++j) {
      if (escapes && s[j] == '\\') {
        ++j;
      } else if (s[j] == c) {
        if (j + 1 < n && s[j + 1] == c) {
          ++j;
        } else {
          return j + 1;
        }
      }
    }
    return n;
  }
  if (c == '-' && i + 1 < n && s[i + 1] == '-') {
    const size_t eol = s.find('\n', i);
    return eol == std::string_view::npos ? n : eol + 1;
  }
  if (c == '/' && i + 1 < n && s[i + 1] == '*') {
    int depth = 0;  // PostgreSQL's block comments nest
    for (size_t j = i; j + 1 < n; ++j) {
      if (s[j] == '/' && s[j + 1] == '*') {
        ++depth;
        ++j;
      } else if (s[j] == '*' && s[j + 1] == '/') {
        ++j;
        if (--depth == 0) return j + 1;
      }
    }
    return n;
  }
  if (c == '$' && (i == 0 || !pg_ident_char(s[i - 1]))) {
    // $tag$…$tag$, the tag empty or an identifier; $1 is a parameter.
    size_t j = i + 1;
    if (j < n && std::isdigit(static_cast<unsigned char>(s[j])) != 0) return i;
    while (j < n && pg_ident_char(s[j])) ++j;
    if (j >= n || s[j] != '$') return i;
    const std::string_view tag = s.substr(i, j - i + 1);
    const size_t close = s.find(tag, j + 1);
    return close == std::string_view::npos ? n : close + tag.size();
  }
  return i;
}

// The keywords of `statement` that stand in code, upper-cased, at most `max`.
std::vector<std::string> pg_code_words(std::string_view s, size_t max) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size() && words.size() < max) {
    const size_t past = pg_skip_quoted(s, i);
    if (past != i) {
      i = past;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(s[i])) != 0 || s[i] == '_') {
      std::string word;
      while (i < s.size() && pg_ident_char(s[i])) {
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
        ++i;
      }
      words.push_back(std::move(word));
      continue;
    }
    ++i;
  }
  return words;
}

}  // namespace

Result<PgSql> to_postgres(std::string_view sql) {
  PgSql out;
  out.text.reserve(sql.size() + 8);
  size_t i = 0;
  while (i < sql.size()) {
    const size_t past = pg_skip_quoted(sql, i);
    if (past != i) {
      out.text.append(sql.substr(i, past - i));
      i = past;
      continue;
    }
    if (sql[i] != '?') {
      out.text += sql[i++];
      continue;
    }
    size_t j = i + 1;
    long number = 0;
    while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j])) != 0) {
      number = std::min<long>(number * 10 + (sql[j] - '0'), kMaxPgParams + 1L);
      ++j;
    }
    if (j == i + 1) {
      number = out.params + 1;
    } else if (number < 1 || number > kMaxPgParams) {
      return Status::Internal("placeholder " + std::string(sql.substr(i, j - i)) +
                              " out of range 1.." + std::to_string(kMaxPgParams));
    }
    if (number > kMaxPgParams) {
      return Status::Internal("more than " + std::to_string(kMaxPgParams) + " placeholders");
    }
    out.params = std::max(out.params, static_cast<int>(number));
    out.text += '$';
    out.text += std::to_string(number);
    i = j;
  }
  return out;
}

TxVerb tx_verb(std::string_view statement) {
  const std::vector<std::string> w = pg_code_words(statement, 4);
  if (w.empty()) return TxVerb::kOther;
  if (w[0] == "BEGIN" || (w[0] == "START" && w.size() > 1 && w[1] == "TRANSACTION")) {
    return TxVerb::kBegin;
  }
  if (w[0] == "COMMIT" || w[0] == "END") return TxVerb::kCommit;
  if (w[0] == "SAVEPOINT") return TxVerb::kSavepoint;
  if (w[0] == "RELEASE") return TxVerb::kRelease;
  if (w[0] == "ROLLBACK" || w[0] == "ABORT") {
    size_t k = 1;
    if (k < w.size() && (w[k] == "WORK" || w[k] == "TRANSACTION")) ++k;
    if (w[0] == "ROLLBACK" && k < w.size() && w[k] == "TO") return TxVerb::kRollbackTo;
    return TxVerb::kRollback;
  }
  return TxVerb::kOther;
}

bool changes_rows(std::string_view statement) {
  auto modifies = [](const std::string& w) {
    return w == "INSERT" || w == "UPDATE" || w == "DELETE" || w == "MERGE";
  };
  const std::vector<std::string> first = pg_code_words(statement, 1);
  if (first.empty()) return false;
  if (modifies(first[0])) return true;
  if (first[0] != "WITH") return false;
  const std::vector<std::string> all = pg_code_words(statement, statement.size());
  return std::any_of(all.begin(), all.end(), modifies);
}

std::vector<std::string_view> split_statements(std::string_view sql) {
  std::vector<std::string_view> out;
  auto add = [&](size_t from, size_t to) {
    const std::string_view part = sql.substr(from, to - from);
    if (!pg_code_words(part, 1).empty()) out.push_back(part);
  };
  size_t start = 0;
  size_t i = 0;
  while (i < sql.size()) {
    const size_t past = pg_skip_quoted(sql, i);
    if (past != i) {
      i = past;
      continue;
    }
    if (sql[i] == ';') {
      add(start, i);
      start = i + 1;
    }
    ++i;
  }
  add(start, sql.size());
  return out;
}

}  // namespace warmcity::store
