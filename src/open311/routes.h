// Internal to the Open311 routes: the path, the format of a request, and
// Open311 errors. Route translation units only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "http/message.h"
#include "http/router.h"
#include "open311/document.h"
#include "open311/open311.h"
#include "open311/open311_service.h"

namespace warmcity::open311 {

inline constexpr char kBase[] = "/open311/v2";
inline constexpr char kKeysApi[] = "/api/v1/open311/keys";

// The format a path asks for by its last segment's extension; XML (the
// spec's required format) when it names none.
Format format_of_path(std::string_view path);

// The spec's HTTP status for a refusal: 404 not found, 403 for keys and
// permissions, 5xx kept, 400 for everything else.
int open311_status(int http_status);

// An error array for a Status: one entry per field error ("field: message"),
// else one with the message.
http::Response error_for(Format format, const Status& s);
http::Response error_for(Format format, int http_status, std::string_view description);

using FormatHandler = std::function<void(Format, http::Request&, http::Reply)>;

// Registers `method` on `<path>.json` and `<path>.xml`.
void add_both(http::Router& router, http::Method method, const std::string& path,
              http::Access access, FormatHandler handler, http::RouteOptions options = {});

// Registers `method` on a pattern whose last segment is a parameter carrying
// the extension ("/open311/v2/requests/{id}" serves requests/ABC.json): the
// handler gets the format and the parameter without it. A last segment with
// no known extension is a 404.
using ParamHandler =
    std::function<void(Format, const std::string& param, http::Request&, http::Reply)>;
void add_with_param(http::Router& router, const std::string& pattern, const std::string& param,
                    ParamHandler handler, const std::string& summary);

void register_service_routes(http::Router& router, appeals::AppealService& service,
                             const Config& config);
void register_request_routes(http::Router& router, std::shared_ptr<Open311Service> service);
void register_key_routes(http::Router& router, std::shared_ptr<Open311Service> service);

}  // namespace warmcity::open311
