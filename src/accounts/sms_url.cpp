#include "accounts/sms_url.h"

#include <charconv>

namespace warmcity::accounts {

namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool has(std::string_view s, std::string_view what) {
  return s.find(what) != std::string_view::npos;
}

Status bad(const std::string& why) {
  return Status::InvalidArgument("--sms-url: " + why +
                                 " (e.g. http://127.0.0.1:9/send?to={phone}&text={text})");
}

}  // namespace

std::string percent_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (unsigned char c : value) {
    if (unreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Result<SmsUrl> parse_sms_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) return bad("must start with http://");
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return bad("needs a path after the host");
  std::string_view authority = rest.substr(0, slash);
  SmsUrl out;
  out.target = std::string(rest.substr(slash));
  if (has(authority, "{") || has(authority, "@")) {
    return bad("the host may hold no placeholder and no user name");
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("an IPv6 host needs its closing ]");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("unexpected text after the IPv6 host");
      port = after.substr(1);
    }
  } else if (const size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return bad("needs a host");
  if (!port.empty() || authority.back() == ':') {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535) {
      return bad("the port must be 1 to 65535");
    }
    out.port = static_cast<uint16_t>(value);
  }
  out.host = std::string(host);
  for (unsigned char c : out.target) {
    if (c <= ' ' || c == 0x7f) return bad("no spaces or control characters");
  }
  if (!has(out.target, "{phone}")) return bad("needs the placeholder {phone}");
  if (!has(out.target, "{text}") && !has(out.target, "{code}")) {
    return bad("needs the placeholder {text} or {code}");
  }
  return out;
}

std::string expand_sms_target(const SmsUrl& url, std::string_view phone, std::string_view text,
                              std::string_view code) {
  std::string out;
  std::string_view t = url.target;
  while (!t.empty()) {
    const size_t open = t.find('{');
    out.append(t.substr(0, open));
    if (open == std::string_view::npos) break;
    t.remove_prefix(open);
    if (t.starts_with("{phone}")) {
      out += percent_encode(phone);
      t.remove_prefix(7);
    } else if (t.starts_with("{text}")) {
      out += percent_encode(text);
      t.remove_prefix(6);
    } else if (t.starts_with("{code}")) {
      out += percent_encode(code);
      t.remove_prefix(6);
    } else {
      out.push_back('{');
      t.remove_prefix(1);
    }
  }
  return out;
}

}  // namespace warmcity::accounts
