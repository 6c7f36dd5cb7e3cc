// A request framed by Beast's parser as the router's Request: method, target,
// path and query, headers with lower-case names, body. Written once for the
// server's session (session.cpp) and the http_request fuzz target, the only
// two Beast translation units that dispatch requests; header-only so that no
// other file pays for the Beast headers.
#pragma once

#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/message.h"

namespace warmcity::http {

// Moves `msg`'s body into `out`; client_address is the caller's.
inline void fill_request(boost::beast::http::request<boost::beast::http::string_body>& msg,
                         Request& out) {
  out.method =
      parse_method(std::string_view(msg.method_string().data(), msg.method_string().size()));
  out.target.assign(msg.target().data(), msg.target().size());
  size_t q = out.target.find('?');
  out.path = out.target.substr(0, q);
  if (q != std::string::npos) out.query = out.target.substr(q + 1);
  out.headers.reserve(8);
  for (const auto& field : msg) {
    std::string name(field.name_string().data(), field.name_string().size());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name),
                             std::string(field.value().data(), field.value().size()));
  }
  out.body = std::move(msg.body());
}

}  // namespace warmcity::http
