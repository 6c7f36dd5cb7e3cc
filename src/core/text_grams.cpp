#include "core/text_grams.h"

#include <algorithm>
#include <cstdint>

namespace warmcity::core {
namespace {

// One decoded code point and its bytes; cp = -1 for an invalid byte.
struct Char {
  int32_t cp;
  std::string_view bytes;
};

std::vector<Char> decode(std::string_view s) {
  std::vector<Char> out;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    int32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (!ok) {
      out.push_back({-1, s.substr(i, 1)});
      ++i;
      continue;
    }
    out.push_back({cp, s.substr(i, n)});
    i += n;
  }
  return out;
}

void append_utf8(std::string& out, int32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int32_t fold(int32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII forms
  if (cp == 0x3000) cp = ' ';                      // ideographic space
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  return cp;
}

// Does `cp` (folded) end a run: blanks, controls, ASCII and CJK punctuation?
bool breaks_run(int32_t cp) {
  if (cp < 0) return true;
  if (cp <= 0x20 || cp == 0x7F) return true;
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z'));
  if (cp >= 0x2000 && cp <= 0x206F) return true;  // general punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return true;  // CJK symbols and punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return true;  // CJK compatibility forms
  if (cp >= 0xFF00 && cp <= 0xFF0F) return true;  // what folding leaves of full-width
  return cp == 0x00B7 || cp == 0xFF5E;
}

// The runs of `s` after folding: each a list of characters as UTF-8.
std::vector<std::vector<std::string>> runs_of(std::string_view s) {
  std::vector<std::vector<std::string>> runs(1);
  for (const Char& c : decode(s)) {
    const int32_t cp = c.cp < 0 ? -1 : fold(c.cp);
    if (breaks_run(cp)) {
      if (!runs.back().empty()) runs.emplace_back();
      continue;
    }
    std::string one;
    append_utf8(one, cp);
    runs.back().push_back(std::move(one));
  }
  if (runs.back().empty()) runs.pop_back();
  return runs;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::string fold_for_search(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const Char& c : decode(s)) {
    if (c.cp < 0) {
      out += ' ';
      continue;
    }
    append_utf8(out, fold(c.cp));
  }
  return out;
}

std::vector<std::string> text_grams(std::string_view text) {
  std::vector<std::string> grams;
  for (const auto& run : runs_of(text)) {
    for (size_t i = 0; i < run.size(); ++i) {
      grams.push_back(run[i]);
      if (i + 1 < run.size()) grams.push_back(run[i] + run[i + 1]);
    }
  }
  sort_unique(grams);
  return grams;
}

std::vector<std::string> query_terms(std::string_view query) {
  std::vector<std::string> terms;
  for (const auto& run : runs_of(query)) {
    std::string term;
    for (const auto& c : run) term += c;
    terms.push_back(std::move(term));
  }
  sort_unique(terms);
  return terms;
}

std::vector<std::string> query_grams(std::string_view query) {
  std::vector<std::string> grams;
  for (const auto& run : runs_of(query)) {
    if (run.size() == 1) grams.push_back(run[0]);
    for (size_t i = 0; i + 1 < run.size(); ++i) grams.push_back(run[i] + run[i + 1]);
  }
  sort_unique(grams);
  return grams;
}

bool text_contains(std::string_view text, const std::vector<std::string>& terms) {
  return std::all_of(terms.begin(), terms.end(), [&](const std::string& term) {
    return text.find(term) != std::string_view::npos;
  });
}

}  // namespace warmcity::core
