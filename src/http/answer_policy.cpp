#include "http/answer_policy.h"

#include <algorithm>
#include <cctype>

#include "core/net_address.h"

namespace warmcity::http {

namespace {

bool has_header(const Response& r, std::string_view name) {
  return std::any_of(r.headers.begin(), r.headers.end(), [name](const auto& h) {
    return h.first.size() == name.size() &&
           std::equal(name.begin(), name.end(), h.first.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  });
}

}  // namespace

void each_security_header(const Response& r,
                          const std::function<void(std::string_view, std::string_view)>& emit) {
  emit("X-Content-Type-Options", "nosniff");
  emit("X-Frame-Options", "DENY");
  emit("Referrer-Policy", "strict-origin-when-cross-origin");
  // An answer without its own policy (the API's JSON, problems) loads
  // nothing if a browser opens it as a page; the web app's files set theirs
  // (StaticFiles).
  if (!has_header(r, "Content-Security-Policy")) {
    emit("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
  // An answer that says nothing about caching (the API's) is never stored:
  // many carry personal data, and a shared proxy or the browser's disk must
  // not keep them. Routes that may be cached say so themselves.
  if (!has_header(r, "Cache-Control")) emit("Cache-Control", "no-store");
}

std::string client_address(const std::string& peer, std::string_view xff,
                           const std::function<bool(const std::string&)>& trusted_proxy) {
  if (!trusted_proxy(peer)) return peer;
  while (!xff.empty()) {
    size_t comma = xff.rfind(',');
    std::string_view hop = comma == std::string_view::npos ? xff : xff.substr(comma + 1);
    while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
    while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
    if (!core::network_of(hop)) break;  // not an address: trust nothing further left
    std::string address(hop);
    if (!trusted_proxy(address)) return address;
    xff = comma == std::string_view::npos ? std::string_view{} : xff.substr(0, comma);
  }
  return peer;
}

}  // namespace warmcity::http
