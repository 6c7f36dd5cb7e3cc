// The grams of a text for Chinese search that finds one-, two- and
// three-character queries (DESIGN.md "Chinese text search"): SQLite's FTS5
// trigram tokenizer finds nothing under three characters, unicode61 takes a
// run of Chinese as one token, and Debian's SQLite has no ICU tokenizer; and
// PostgreSQL's pg_trgm sees no trigrams in Chinese under a C locale. So the
// modules keep their own index in a plain table, the same on both engines:
// each text gives every character and every pair of neighbouring characters
// inside a run (a run ends at a blank or a punctuation mark), once.
//
// A query term of one character is found by its 1-gram, a longer term by all
// its 2-grams together; since the 2-grams of "保洁员" may occur apart in a
// text, the caller confirms a candidate with text_contains().
//
// Text is folded first: ASCII letters to lower case, full-width ASCII forms
// (U+FF01–U+FF5E) to ASCII, the ideographic space to a blank. Invalid UTF-8
// bytes end a run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace warmcity::core {

// `s` folded as above (the form grams and text_contains compare).
std::string fold_for_search(std::string_view s);

// Every distinct gram of `text`, sorted (each a UTF-8 string of one or two
// characters).
std::vector<std::string> text_grams(std::string_view text);

// The grams a query needs, all of them, for each blank-separated term of
// `query`: a one-character term its character, a longer one its 2-grams.
// Distinct and sorted; empty for a query of blanks and punctuation only.
std::vector<std::string> query_grams(std::string_view query);

// The blank-separated terms of `query`, folded, each without punctuation
// runs split further: what text_contains() looks for.
std::vector<std::string> query_terms(std::string_view query);

// Does folded `text` contain every one of `terms` (from query_terms)?
bool text_contains(std::string_view text, const std::vector<std::string>& terms);

}  // namespace warmcity::core
