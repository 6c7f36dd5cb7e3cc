// One Open311 answer, written once and rendered as XML or JSON.
//
// GeoReport v2 defines its answers in XML and derives the JSON from it by
// the Spark convention: an element holding a list of same-named children
// (<services><service>…) becomes a JSON array, an element with children an
// object, a text element a string, number or boolean. A Node is that shared
// shape; to_xml() and to_json() are its two renderings, so the two formats
// cannot drift apart. Errors are the spec's error arrays:
//   [{"code": 400, "description": "…"}]  /  <errors><error><code>400</code>…
// JSON is produced in the .cpp (nlohmann stays out of this header).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace warmcity::open311 {

enum class Format { kJson, kXml };

// "services.json" → {"services", kJson}; nullopt without a known extension.
struct Resource {
  std::string name;
  Format format = Format::kXml;
};
std::optional<Resource> split_format(std::string_view segment);

// "application/json; charset=utf-8" | "text/xml; charset=utf-8" (the spec's).
std::string_view content_type(Format f);

class Node {
 public:
  enum class Kind { kNull, kBool, kInteger, kNumber, kString, kObject, kList };

  Node() = default;  // null: <name/> in XML, null in JSON
  static Node boolean(bool b);
  static Node integer(int64_t i);
  static Node number(double d);
  static Node string(std::string s);
  static Node optional_string(const std::optional<std::string>& s);
  static Node object();
  static Node list(std::string item_name);  // items render as <item_name> in XML

  Node& add(std::string key, Node value);  // REQUIRES: an object
  Node& push(Node item);                   // REQUIRES: a list

  Kind kind() const { return kind_; }
  bool bool_value() const { return bool_; }
  int64_t integer_value() const { return integer_; }
  double number_value() const { return number_; }
  const std::string& text() const { return text_; }  // string, or a list's item name
  const std::vector<std::pair<std::string, Node>>& fields() const { return fields_; }
  const std::vector<Node>& items() const { return items_; }

 private:
  explicit Node(Kind kind, std::string text = {}) : kind_(kind), text_(std::move(text)) {}

  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  int64_t integer_ = 0;
  double number_ = 0;
  std::string text_;
  std::vector<std::pair<std::string, Node>> fields_;
  std::vector<Node> items_;
};

// `root` is the outermost element's name (XML only).
std::string to_xml(std::string_view root, const Node& n);
std::string to_json(const Node& n);

// 200 (or `status`) with the document in `format`.
http::Response respond(Format format, std::string_view root, const Node& n, int status = 200);

// The spec's error array with one entry per description, each with `code`
// equal to the HTTP status.
http::Response error_response(Format format, int status,
                              const std::vector<std::string>& descriptions);

}  // namespace warmcity::open311
