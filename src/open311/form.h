// The body of Open311's POST requests: application/x-www-form-urlencoded.
//
// Plain fields (api_key, service_code, lat, …) may appear once each.
// Attribute answers follow the spec's PHP-style names:
//   attribute[CODE]=value            one value
//   attribute[CODE][]=v1&attribute[CODE][]=v2   several (multivaluelist)
// Names and values are percent-decoded ('+' is a space) before they are read,
// so attribute%5BCODE%5D works too. Pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::open311 {

struct Form {
  std::map<std::string, std::string> fields;
  std::map<std::string, std::vector<std::string>> attributes;  // code → values, in order

  // "" when absent (the spec treats an empty parameter as an absent one).
  std::string_view get(const std::string& name) const;
};

// kInvalidArgument naming the problem: a malformed escape, a field given
// twice, an attribute name that is not attribute[CODE] or attribute[CODE][],
// a single-valued attribute given twice or mixed with the [] form.
Result<Form> parse_form(std::string_view body);

// True when the Content-Type is application/x-www-form-urlencoded (any
// parameters, such as charset=utf-8, allowed).
bool is_form_content_type(std::string_view content_type);

}  // namespace warmcity::open311
