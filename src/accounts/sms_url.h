// The URL template of an HTTP SMS gateway (--sms-url), checked once at start
// and filled in for each message.
//
//   http://127.0.0.1:9/send?to={phone}&text={text}
//
// Placeholders: {phone} (required), {text} (the whole message) and {code}
// (the digits alone, for gateways that fill their own approved template, as
// the Chinese SMS services do); at least one of {text} and {code}. They may
// appear only in the path and query; each value is percent-encoded (every
// byte but A–Z a–z 0–9 - . _ ~, so UTF-8 text travels as %E6%9A%96…).
// Only plain http: put a local relay (or nginx with proxy_pass to https) in
// front of a gateway that wants TLS. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::accounts {

struct SmsUrl {
  std::string host;  // a name or an IP address (IPv6 without brackets)
  uint16_t port = 80;
  std::string target;  // path?query with the placeholders still in it
};

// kInvalidArgument with a message that names what is wrong.
Result<SmsUrl> parse_sms_url(std::string_view url_template);

// The request target for one message.
std::string expand_sms_target(const SmsUrl& url, std::string_view phone, std::string_view text,
                              std::string_view code);

std::string percent_encode(std::string_view value);

}  // namespace warmcity::accounts
