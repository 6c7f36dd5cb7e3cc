// Discovery, the service list and service definitions (see open311.h).
// Services are the active appeal categories.
#include <cctype>

#include "open311/routes.h"

namespace warmcity::open311 {

namespace {

using appeals::Category;

// When this API last changed shape (discovery's changeset).
constexpr char kChangeset[] = "2026-11-26T00:00:00+08:00";

// The text that helps a person answer an attribute of this datatype.
std::string datatype_description(appeals::Datatype d) {
  switch (d) {
    case appeals::Datatype::kString:
      return "一行文字 (one line of text, at most 255 characters)";
    case appeals::Datatype::kNumber:
      return "数字 (a number, e.g. 3 or 2.5)";
    case appeals::Datatype::kDatetime:
      return "日期时间 (a date-time with its zone, e.g. 2026-11-01T08:00:00+08:00)";
    case appeals::Datatype::kText:
      return "多行文字 (text, line breaks allowed, at most 4000 characters)";
    case appeals::Datatype::kSingleValueList:
      return "选择一项 (one key from values)";
    case appeals::Datatype::kMultiValueList:
      return "选择一项或多项 (one or more keys from values, as attribute[code][])";
  }
  return "";
}

Node service_node(const Category& c) {
  std::string keywords = c.name_zh;
  for (const std::string* k : {&c.name_en, &c.group}) {
    if (!k->empty()) keywords += ", " + *k;
  }
  return Node::object()
      .add("service_code", Node::string(c.code))
      .add("service_name", Node::string(c.name_zh))
      .add("description", Node::string(c.name_en))
      .add("metadata", Node::boolean(!c.attributes.empty()))
      .add("type", Node::string("realtime"))
      .add("keywords", Node::string(keywords))
      .add("group", Node::string(c.group));
}

Node definition_node(const Category& c) {
  Node attributes = Node::list("attribute");
  for (const appeals::Attribute& a : c.attributes) {
    Node values = Node::list("value");
    for (const appeals::AttributeValue& v : a.values) {
      values.push(Node::object().add("key", Node::string(v.key)).add("name", Node::string(v.name)));
    }
    attributes.push(
        Node::object()
            .add("variable", Node::boolean(true))
            .add("code", Node::string(a.code))
            .add("datatype", Node::string(std::string(appeals::datatype_name(a.datatype))))
            .add("required", Node::boolean(a.required))
            .add("datatype_description", Node::string(datatype_description(a.datatype)))
            .add("order", Node::integer(a.order))
            .add("description", Node::string(a.description))
            .add("values", std::move(values)));
  }
  return Node::object()
      .add("service_code", Node::string(c.code))
      .add("attributes", std::move(attributes));
}

// "http://<Host>" when the Host header is a plain host[:port]; else localhost.
std::string base_url(const http::Request& req) {
  std::string_view host = req.header("host");
  bool plain = !host.empty() && host.size() <= 255;
  for (char ch : host) {
    const auto c = static_cast<unsigned char>(ch);
    plain =
        plain && (std::isalnum(c) || ch == '.' || ch == '-' || ch == ':' || ch == '[' || ch == ']');
  }
  return "http://" + std::string(plain ? host : "localhost");
}

void discovery(const Config& config, Format f, http::Request& req, http::Reply reply) {
  Node formats = Node::list("format");
  formats.push(Node::string("text/xml")).push(Node::string("application/json"));
  Node endpoints = Node::list("endpoint");
  endpoints.push(Node::object()
                     .add("specification", Node::string("http://wiki.open311.org/GeoReport_v2"))
                     .add("url", Node::string(base_url(req) + kBase))
                     .add("changeset", Node::string(kChangeset))
                     .add("type", Node::string("production"))
                     .add("formats", std::move(formats)));
  Node doc = Node::object()
                 .add("changeset", Node::string(kChangeset))
                 .add("contact", Node::string(config.contact))
                 .add("key_service", Node::string(config.key_service))
                 .add("endpoints", std::move(endpoints));
  reply(respond(f, "discovery", doc));
}

void services(const appeals::AppealService& service, Format f, http::Reply reply) {
  Result<std::vector<Category>> all = service.categories(false);
  if (!all.ok()) return reply(error_for(f, all.status()));
  Node list = Node::list("service");
  for (const Category& c : *all) list.push(service_node(c));
  reply(respond(f, "services", list));
}

void definition(const appeals::AppealService& service, Format f, const std::string& code,
                http::Reply reply) {
  Result<Category> c = service.category(code);
  if (!c.ok() || !c->active) {
    return reply(error_for(f, 404, "service_code '" + code + "' was not found"));
  }
  reply(respond(f, "service_definition", definition_node(*c)));
}

}  // namespace

void register_service_routes(http::Router& router, appeals::AppealService& service,
                             const Config& config) {
  using http::Access;
  using http::Method;
  add_both(router, Method::kGet, std::string(kBase) + "/discovery", Access::Public(),
           [config](Format f, http::Request& req, http::Reply reply) {
             discovery(config, f, req, std::move(reply));
           },
           {.summary = "Open311 service discovery"});
  add_both(router, Method::kGet, std::string(kBase) + "/services", Access::Public(),
           [&service](Format f, http::Request&, http::Reply reply) {
             services(service, f, std::move(reply));
           },
           {.summary = "Open311 service list"});
  add_with_param(
      router, std::string(kBase) + "/services/{service_code}", "service_code",
      [&service](Format f, const std::string& code, http::Request&, http::Reply reply) {
        definition(service, f, code, std::move(reply));
      },
      "Open311 service definition");
}

}  // namespace warmcity::open311
