// What the server does to every exchange whatever its route, kept apart from
// the Beast listener (session.cpp) so it is plain code with unit tests:
//  - the headers every answer carries (nosniff, no framing, a Referrer-Policy,
//    a Content-Security-Policy unless the answer has its own, and no-store
//    unless the answer says how it may be cached);
//  - the client's address behind trusted proxies.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace warmcity::http {

// Calls emit(name, value) for each of the headers above that `r` does not
// set itself (a Content-Security-Policy or a Cache-Control of the route stays;
// names compared case-insensitively). Names and values are constants: the
// listener writes them straight into its answer, nothing is allocated (the
// nearby route answers thousands a second; copying them into r.headers first
// was about 7 of the 40 allocations of a nearby request).
void each_security_header(const Response& r,
                          const std::function<void(std::string_view, std::string_view)>& emit);

// The TCP `peer`, or, when the peer is a trusted proxy, the nearest address
// in X-Forwarded-For (`forwarded_for`, proxies append the address they saw)
// that is not itself a trusted proxy. Stops trusting at the first hop that
// is not an IP address.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::function<bool(const std::string&)>& trusted_proxy);

}  // namespace warmcity::http
