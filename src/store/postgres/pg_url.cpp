#include "store/postgres/pg_url.h"

#include <libpq-fe.h>

#include <map>
#include <memory>
#include <vector>

#include "store/postgres/pg_status.h"

namespace warmcity::store {
namespace {

std::vector<std::string> pg_split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

bool pg_valid_port(const std::string& port) {
  if (port.empty()) return true;  // libpq's default, 5432
  if (port.size() > 5) return false;
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= 65535;
}

std::string pg_described(const std::map<std::string, std::string>& opts) {
  auto get = [&](const char* key) {
    auto it = opts.find(key);
    return it == opts.end() ? std::string() : it->second;
  };
  std::string host = get("host");
  if (host.empty()) host = get("hostaddr");
  const std::vector<std::string> hosts = pg_split_list(host);
  const std::vector<std::string> ports = pg_split_list(get("port"));
  std::string out = "postgresql://";
  if (!get("user").empty()) out += get("user") + "@";
  for (size_t i = 0; i < hosts.size(); ++i) {
    if (i > 0) out += ',';
    out += hosts[i].find(':') != std::string::npos ? "[" + hosts[i] + "]" : hosts[i];
    const std::string& port = ports.size() == hosts.size() ? ports[i] : ports[0];
    if (!port.empty()) out += ":" + port;
  }
  return out + "/" + get("dbname");
}

}  // namespace

std::string redact_pg_url(std::string_view url) {
  std::string out(url);
  // user:password@ in the authority
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t at = out.find('@', scheme + 3);
    const size_t slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const size_t colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // password=… in the query
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    const size_t from = p + 9;
    const size_t to = out.find('&', from);
    out.replace(from, (to == std::string::npos ? out.size() : to) - from, "***");
  }
  return out;
}

Result<PgTarget> parse_pg_url(std::string_view url, int connect_timeout_s) {
  const std::string text(url);
  if (text.rfind("postgresql://", 0) != 0 && text.rfind("postgres://", 0) != 0) {
    return Status::InvalidArgument("not a PostgreSQL URL (postgresql://user@host:port/dbname): " +
                                   redact_pg_url(url));
  }
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> parsed(
      PQconninfoParse(text.c_str(), &error), PQconninfoFree);
  if (!parsed) {
    std::string why = error != nullptr ? pg_one_line(error) : "out of memory";
    if (error != nullptr) PQfreemem(error);
    return Status::InvalidArgument("invalid PostgreSQL URL " + redact_pg_url(url) + ": " + why);
  }
  std::map<std::string, std::string> opts;
  for (PQconninfoOption* o = parsed.get(); o->keyword != nullptr; ++o) {
    if (o->val != nullptr) opts[o->keyword] = o->val;
  }
  PgTarget target;
  target.described = pg_described(opts);
  if (opts.count("password") != 0) target.password = opts["password"];
  if (opts["dbname"].empty()) {
    return Status::InvalidArgument("PostgreSQL URL names no database: " + target.described +
                                   " (postgresql://user@host:port/dbname)");
  }
  for (const std::string& port : pg_split_list(opts["port"])) {
    if (!pg_valid_port(port)) {
      return Status::InvalidArgument("PostgreSQL URL " + target.described + ": invalid port \"" +
                                     port + "\"");
    }
  }
  // Appended last, so a parameter the URL already sets keeps its value there
  // (libpq takes the last of a repeated key), except client_encoding.
  std::string extra;
  auto add = [&](const char* key, const std::string& value, bool force) {
    if (!force && opts.count(key) != 0) return;
    extra += extra.empty() ? "" : "&";
    extra += std::string(key) + "=" + value;
  };
  add("connect_timeout", std::to_string(connect_timeout_s), false);
  add("keepalives_idle", "10", false);
  add("keepalives_interval", "5", false);
  add("keepalives_count", "3", false);
  add("fallback_application_name", "warmcity", false);
  add("client_encoding", "UTF8", true);
  const char* glue = text.find('?') == std::string::npos          ? "?"
                     : (text.back() == '?' || text.back() == '&') ? ""
                                                                  : "&";
  target.conninfo = text + glue + extra;
  return target;
}

}  // namespace warmcity::store
