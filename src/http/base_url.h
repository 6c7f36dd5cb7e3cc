// The address the client reached this server at, for links the server writes
// into what it answers (the calendar feeds' links, a certificate's
// verification address in its QR code): "http://<Host>", https when a proxy
// in front says so (X-Forwarded-Proto: https). A Host header that is not a
// plain host[:port] (letters, digits, '.', '-', ':', '[', ']'; at most 255
// characters) is never echoed: the base is then http://localhost. Pure.
#pragma once

#include <string>

#include "http/message.h"

namespace warmcity::http {

std::string base_url(const Request& req);

}  // namespace warmcity::http
