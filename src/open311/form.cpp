#include "open311/form.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "http/message.h"

namespace warmcity::open311 {

std::string_view Form::get(const std::string& name) const {
  auto it = fields.find(name);
  return it == fields.end() ? std::string_view() : std::string_view(it->second);
}

Result<Form> parse_form(std::string_view body) {
  Form form;
  std::set<std::string> single_attributes;  // given as attribute[CODE]
  size_t start = 0;
  while (start <= body.size()) {
    size_t amp = body.find('&', start);
    if (amp == std::string_view::npos) amp = body.size();
    const std::string_view pair = body.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto name = http::percent_decode(pair.substr(0, eq), true);
    auto value = http::percent_decode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name || !value)
      return Status::InvalidArgument("malformed percent-escape in the form body");
    if (!name->starts_with("attribute")) {
      if (!form.fields.emplace(*name, std::move(*value)).second) {
        return Status::InvalidArgument(*name + " is given more than once");
      }
      continue;
    }
    // attribute[CODE] or attribute[CODE][]
    const std::string_view rest = std::string_view(*name).substr(9);
    const bool many = rest.ends_with("[]");
    const std::string_view inner = many ? rest.substr(0, rest.size() - 2) : rest;
    if (inner.size() < 3 || inner.front() != '[' || inner.back() != ']' ||
        inner.substr(1, inner.size() - 2).find_first_of("[]") != std::string_view::npos) {
      return Status::InvalidArgument(*name +
                                     " is not an attribute: use attribute[CODE] or "
                                     "attribute[CODE][]");
    }
    const std::string code(inner.substr(1, inner.size() - 2));
    auto& values = form.attributes[code];
    const bool was_single = single_attributes.count(code) > 0;
    if (was_single || (!many && !values.empty())) {
      return Status::InvalidArgument("attribute[" + code +
                                     "] is given more than once; several values are sent as "
                                     "attribute[" +
                                     code + "][]");
    }
    if (!many) single_attributes.insert(code);
    values.push_back(std::move(*value));
  }
  return form;
}

bool is_form_content_type(std::string_view content_type) {
  std::string mime(content_type.substr(0, content_type.find(';')));
  while (!mime.empty() && mime.back() == ' ') mime.pop_back();
  std::transform(mime.begin(), mime.end(), mime.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return mime == "application/x-www-form-urlencoded";
}

}  // namespace warmcity::open311
