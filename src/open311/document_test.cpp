#include "open311/document.h"

#include <gtest/gtest.h>

namespace warmcity::open311 {
namespace {

Node sample() {
  Node values = Node::list("value");
  values.push(Node::object().add("key", Node::string("a")).add("name", Node::string("甲")));
  return Node::object()
      .add("service_code", Node::string("fire"))
      .add("metadata", Node::boolean(true))
      .add("order", Node::integer(1))
      .add("lat", Node::number(37.5))
      .add("zipcode", Node())
      .add("values", std::move(values));
}

TEST(Document, JsonFollowsTheSparkConvention) {
  EXPECT_EQ(to_json(sample()),
            R"({"service_code":"fire","metadata":true,"order":1,"lat":37.5,"zipcode":null,)"
            R"("values":[{"key":"a","name":"甲"}]})");
}

TEST(Document, XmlNamesListItemsAndWritesNullAsEmpty) {
  EXPECT_EQ(to_xml("service_definition", sample()),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<service_definition>"
            "<service_code>fire</service_code><metadata>true</metadata><order>1</order>"
            "<lat>37.5</lat><zipcode/><values><value><key>a</key><name>甲</name></value></values>"
            "</service_definition>\n");
}

TEST(Document, ErrorsAreArraysInBothFormats) {
  http::Response json = error_response(Format::kJson, 404, {"no such <thing>"});
  EXPECT_EQ(json.status, 404);
  EXPECT_EQ(json.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(json.body, R"([{"code":404,"description":"no such <thing>"}])");
  http::Response xml = error_response(Format::kXml, 400, {"a", "b"});
  EXPECT_EQ(xml.content_type, "text/xml; charset=utf-8");
  EXPECT_NE(xml.body.find("<errors><error><code>400</code><description>a</description></error>"
                          "<error><code>400</code><description>b</description></error></errors>"),
            std::string::npos);
}

TEST(Document, SplitFormat) {
  EXPECT_EQ(split_format("services.json")->name, "services");
  EXPECT_EQ(split_format("ABCD2345.xml")->format, Format::kXml);
  EXPECT_EQ(split_format("a.b.json")->name, "a.b");
  EXPECT_FALSE(split_format("services"));
  EXPECT_FALSE(split_format("services.html"));
  EXPECT_FALSE(split_format(".json"));
}

}  // namespace
}  // namespace warmcity::open311
