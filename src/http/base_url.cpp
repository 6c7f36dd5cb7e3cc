// The address the client reached this server at (base_url.h).
#include "http/base_url.h"

#include <cctype>
#include <string_view>

namespace warmcity::http {

std::string base_url(const Request& req) {
  std::string_view host = req.header("host");
  bool plain = !host.empty() && host.size() <= 255;
  for (char ch : host) {
    const auto c = static_cast<unsigned char>(ch);
    plain =
        plain && (std::isalnum(c) || ch == '.' || ch == '-' || ch == ':' || ch == '[' || ch == ']');
  }
  const bool https = req.header("x-forwarded-proto") == "https";
  return std::string(https ? "https://" : "http://") +
         std::string(plain ? host : std::string_view("localhost"));
}

}  // namespace warmcity::http
