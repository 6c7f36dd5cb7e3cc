#include "open311/document.h"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "open311/xml_writer.h"

namespace warmcity::open311 {

namespace {

using nlohmann::ordered_json;

std::string number_text(double d) {
  if (!std::isfinite(d)) return "";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest round-trip form
  return std::string(buf, r.ptr);
}

void write_xml(XmlWriter& w, std::string_view name, const Node& n) {
  switch (n.kind()) {
    case Node::Kind::kNull:
      w.empty_element(name);
      return;
    case Node::Kind::kBool:
      w.text_element(name, n.bool_value() ? "true" : "false");
      return;
    case Node::Kind::kInteger:
      w.text_element(name, std::to_string(n.integer_value()));
      return;
    case Node::Kind::kNumber:
      w.text_element(name, number_text(n.number_value()));
      return;
    case Node::Kind::kString:
      w.text_element(name, n.text());
      return;
    case Node::Kind::kObject:
      w.open(name);
      for (const auto& [key, value] : n.fields()) write_xml(w, key, value);
      w.close();
      return;
    case Node::Kind::kList:
      w.open(name);
      for (const Node& item : n.items()) write_xml(w, n.text(), item);
      w.close();
      return;
  }
}

ordered_json json_of(const Node& n) {
  switch (n.kind()) {
    case Node::Kind::kNull:
      return nullptr;
    case Node::Kind::kBool:
      return n.bool_value();
    case Node::Kind::kInteger:
      return n.integer_value();
    case Node::Kind::kNumber:
      return std::isfinite(n.number_value()) ? ordered_json(n.number_value()) : nullptr;
    case Node::Kind::kString:
      return n.text();
    case Node::Kind::kObject: {
      ordered_json o = ordered_json::object();
      for (const auto& [key, value] : n.fields()) o[key] = json_of(value);
      return o;
    }
    case Node::Kind::kList: {
      ordered_json a = ordered_json::array();
      for (const Node& item : n.items()) a.push_back(json_of(item));
      return a;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<Resource> split_format(std::string_view segment) {
  const size_t dot = segment.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string_view ext = segment.substr(dot + 1);
  Resource r{std::string(segment.substr(0, dot))};
  if (ext == "json") {
    r.format = Format::kJson;
  } else if (ext == "xml") {
    r.format = Format::kXml;
  } else {
    return std::nullopt;
  }
  return r;
}

std::string_view content_type(Format f) {
  return f == Format::kJson ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}

Node Node::boolean(bool b) {
  Node n(Kind::kBool);
  n.bool_ = b;
  return n;
}

Node Node::integer(int64_t i) {
  Node n(Kind::kInteger);
  n.integer_ = i;
  return n;
}

Node Node::number(double d) {
  Node n(Kind::kNumber);
  n.number_ = d;
  return n;
}

Node Node::string(std::string s) { return Node(Kind::kString, std::move(s)); }

Node Node::optional_string(const std::optional<std::string>& s) { return s ? string(*s) : Node(); }

Node Node::object() { return Node(Kind::kObject); }

Node Node::list(std::string item_name) { return Node(Kind::kList, std::move(item_name)); }

Node& Node::add(std::string key, Node value) {
  fields_.emplace_back(std::move(key), std::move(value));
  return *this;
}

Node& Node::push(Node item) {
  items_.push_back(std::move(item));
  return *this;
}

std::string to_xml(std::string_view root, const Node& n) {
  XmlWriter w;
  write_xml(w, root, n);
  return w.finish();
}

std::string to_json(const Node& n) {
  return json_of(n).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

http::Response respond(Format format, std::string_view root, const Node& n, int status) {
  http::Response r;
  r.status = status;
  r.content_type = std::string(content_type(format));
  r.body = format == Format::kJson ? to_json(n) : to_xml(root, n);
  return r;
}

http::Response error_response(Format format, int status,
                              const std::vector<std::string>& descriptions) {
  Node errors = Node::list("error");
  for (const std::string& d : descriptions) {
    errors.push(
        Node::object().add("code", Node::integer(status)).add("description", Node::string(d)));
  }
  return respond(format, "errors", errors, status);
}

}  // namespace warmcity::open311
