#include "http/message.h"

#include <array>
#include <charconv>

namespace warmcity::http {

namespace {

constexpr std::array<std::string_view, 8> kMethodNames = {"GET",   "HEAD",   "POST",    "PUT",
                                                          "PATCH", "DELETE", "OPTIONS", "OTHER"};

constexpr std::array<std::string_view, 6> kRoleNames = {"resident", "worker",     "volunteer",
                                                        "keeper",   "department", "admin"};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view method_name(Method m) { return kMethodNames[static_cast<size_t>(m)]; }

Method parse_method(std::string_view name) {
  for (size_t i = 0; i + 1 < kMethodNames.size(); ++i) {
    if (kMethodNames[i] == name) return static_cast<Method>(i);
  }
  return Method::kOther;
}

std::string_view role_name(Role r) { return kRoleNames[static_cast<size_t>(r)]; }

std::optional<Role> parse_role(std::string_view name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::string_view Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

namespace {

// Calls f(value) for each parameter called `name`, in order, until f returns
// false. One pass over the query, splitting by hand: a route asks for each of
// its parameters in turn, and memchr per piece showed in the nearby profile.
template <class F>
void each_value(std::string_view query, std::string_view name, F f) {
  size_t i = 0;
  while (i < query.size()) {
    const size_t start = i;
    size_t eq = std::string_view::npos;
    bool escaped = false;  // the key holds '%' or '+'
    for (; i < query.size() && query[i] != '&'; ++i) {
      if (eq != std::string_view::npos) continue;
      if (query[i] == '=') {
        eq = i;
      } else if (query[i] == '%' || query[i] == '+') {
        escaped = true;
      }
    }
    const std::string_view pair = query.substr(start, i - start);
    ++i;  // past '&'
    const std::string_view key = eq == std::string_view::npos ? pair : pair.substr(0, eq - start);
    if (escaped) {
      auto decoded_key = percent_decode(key, true);
      if (!decoded_key || *decoded_key != name) continue;
    } else if (key != name) {
      continue;
    }
    if (eq == std::string_view::npos) {
      if (!f(std::string())) return;
      continue;
    }
    // The router has refused queries with malformed escapes (400) already.
    auto value = percent_decode(pair.substr(eq - start + 1), true);
    if (!f(value ? std::move(*value) : std::string())) return;
  }
}

}  // namespace

std::vector<std::string> Request::query_params(std::string_view name) const {
  std::vector<std::string> out;
  each_value(query, name, [&out](std::string v) {
    out.push_back(std::move(v));
    return true;
  });
  return out;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  std::optional<std::string> first;
  each_value(query, name, [&first](std::string v) {
    first = std::move(v);
    return false;
  });
  return first;
}

std::string_view Request::path_param(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return {};
}

std::optional<int64_t> Request::path_id(std::string_view name) const {
  std::string_view text = path_param(name);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = hex_value(s[i + 1]);
      int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return std::nullopt;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '\0') {
      return std::nullopt;  // a raw NUL, refused like an escaped one
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace warmcity::http
