// XmlWriter: the one place warmcity writes XML (Open311 GeoReport v2 answers).
//
// Why our own: the build carries no XML library (the Debian packages in
// DESIGN.md have none, and adding libxml2 for output alone is not worth a
// dependency), and Open311 needs very little: a declaration, nested elements
// with text, no attributes, no namespaces. This writer does that and the one
// thing that must be right, escaping:
//   - `&`, `<`, `>`, `"` and `'` become entities in text;
//   - characters XML 1.0 forbids (C0 controls other than TAB, LF, CR; U+FFFE,
//     U+FFFF) are dropped, and bytes that are not valid UTF-8 become U+FFFD,
//     so the output is always well-formed UTF-8 whatever the stored text holds.
// Element names are the caller's constants. REQUIRES: they are XML names
// (ASCII letters, digits, '_', '-', not starting with a digit).
// Not thread-safe; one writer per document.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace warmcity::open311 {

// `text` made safe as XML character data (the rules above).
std::string xml_escape(std::string_view text);

class XmlWriter {
 public:
  XmlWriter();  // starts with <?xml version="1.0" encoding="UTF-8"?>

  void open(std::string_view name);  // <name>
  void close();                      // </name> of the innermost open element
  void text_element(std::string_view name, std::string_view text);  // <name>text</name>
  void empty_element(std::string_view name);                        // <name/>

  // Closes whatever is still open and returns the document.
  std::string finish();

 private:
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace warmcity::open311
