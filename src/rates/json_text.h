// JSON text written straight into a string, as nlohmann::json's dump() (no
// indent, UTF-8 kept, invalid UTF-8 replaced) writes the same values (numbers
// in their shortest spelling, below): a grid report has 15,000 rows, and one serializer per value —
// or an ordered_json object per row — took most of its time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warmcity::rates {

// A finite double laid out as nlohmann lays it out — fixed between 1e-4 and
// 1e15 ("0.725", "1.0", "12.5"), else with an exponent ("1e-05", "1e+16") —
// in the shortest digits that read back the same (std::to_chars; nlohmann's
// grisu2 sometimes writes more: "4977.0215690000005" for 4977.021569);
// null for NaN and infinities.
void append_json_number(std::string& out, double v);
void append_json_number(std::string& out, const std::optional<double>& v);
// A string, quoted and escaped.
void append_json_string(std::string& out, std::string_view s);

}  // namespace warmcity::rates
