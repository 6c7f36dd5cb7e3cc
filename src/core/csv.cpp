// Reading and writing RFC 4180 CSV (see csv.h).
#include "core/csv.h"

namespace warmcity::core {

namespace {

// Reads records one character at a time, tracking the physical line.
class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  Status run(std::vector<CsvRecord>& out) {
    while (i_ < s_.size()) {
      CsvRecord record;
      record.line = line_;
      if (Status st = read_record(record); !st.ok()) return st;
      const bool blank = record.fields.size() == 1 && record.fields[0].empty();
      if (!blank) out.push_back(std::move(record));
    }
    return Status::Ok();
  }

  size_t error_line() const { return error_line_; }

 private:
  // Consumes a line break at i_ (CRLF, LF or a lone CR); false when none is there.
  bool line_break() {
    if (s_[i_] == '\r') {
      ++i_;
      if (i_ < s_.size() && s_[i_] == '\n') ++i_;
    } else if (s_[i_] == '\n') {
      ++i_;
    } else {
      return false;
    }
    ++line_;
    return true;
  }

  Status fail(size_t line, const std::string& why) {
    error_line_ = line;
    return Status::Unprocessable("the CSV cannot be read",
                                 {{"csv", "line " + std::to_string(line) + ": " + why}});
  }

  Status read_record(CsvRecord& record) {
    for (;;) {
      std::string field;
      if (i_ < s_.size() && s_[i_] == '"') {
        if (Status st = quoted(field); !st.ok()) return st;
      } else {
        while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '\r' && s_[i_] != '\n') {
          if (s_[i_] == '"')
            return fail(line_, "a quote inside an unquoted field (quote the field)");
          field += s_[i_++];
        }
      }
      record.fields.push_back(std::move(field));
      if (i_ >= s_.size()) return Status::Ok();
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (line_break()) return Status::Ok();
      return fail(line_, "text after a closing quote (a quote inside a field is written \"\")");
    }
  }

  Status quoted(std::string& field) {
    const size_t start_line = line_;
    ++i_;  // the opening quote
    for (;;) {
      if (i_ >= s_.size()) {
        return fail(start_line, "a quoted field never ends");
      }
      const char c = s_[i_];
      if (c == '"') {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
          field += '"';
          i_ += 2;
          continue;
        }
        ++i_;  // the closing quote
        return Status::Ok();
      }
      if (c == '\n' || (c == '\r' && (i_ + 1 >= s_.size() || s_[i_ + 1] != '\n'))) ++line_;
      field += c;
      ++i_;
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  size_t line_ = 1;
  size_t error_line_ = 0;
};

bool needs_quotes(std::string_view f) {
  if (f.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !f.empty() && (f.front() == ' ' || f.back() == ' ');
}

}  // namespace

Result<std::vector<CsvRecord>> read_csv(std::string_view text, size_t* bad_line) {
  std::vector<CsvRecord> records;
  Reader reader(text);
  if (Status st = reader.run(records); !st.ok()) {
    if (bad_line) *bad_line = reader.error_line();
    return st;
  }
  return records;
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    const std::string& f = fields[i];
    if (!needs_quotes(f)) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

bool csv_formula_like(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

std::string csv_defused(std::string_view text) {
  return csv_formula_like(text) ? "'" + std::string(text) : std::string(text);
}

}  // namespace warmcity::core
