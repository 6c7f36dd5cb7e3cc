// Fuzz target: Open311 form bodies (src/open311/form.cpp, submission.cpp)
// and the attribute answers they carry (appeals::check_answers).
//
// The input is an application/x-www-form-urlencoded body. When it parses:
//   - the form written out again (every name and value percent-encoded,
//     attributes in the attribute[CODE][]= form) parses to the same form
//   - read_submission either refuses it with field errors or gives an
//     Open311 appeal in the category; its answers, checked against the
//     category, are refused with field errors or stored as a JSON object.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "appeals/category.h"
#include "fuzz_check.h"
#include "open311/form.h"
#include "open311/submission.h"

namespace {

using warmcity::appeals::Attribute;
using warmcity::appeals::AttributeValue;
using warmcity::appeals::Category;
using warmcity::appeals::Datatype;

const Category& category() {
  static const Category* c = [] {
    auto* cat = new Category();
    cat->code = "roads";
    cat->name_zh = "道路破损";
    cat->name_en = "Damaged road";
    cat->attributes = {
        Attribute{"size", Datatype::kString, true, 1, "多大？", "How big?", {}},
        Attribute{"count", Datatype::kNumber, false, 2, "几处？", "", {}},
        Attribute{"seen", Datatype::kDatetime, false, 3, "何时？", "", {}},
        Attribute{"notes", Datatype::kText, false, 4, "说明", "", {}},
        Attribute{"lane",
                  Datatype::kSingleValueList,
                  false,
                  5,
                  "哪条道？",
                  "",
                  {AttributeValue{"left", "左", "left"}, AttributeValue{"right", "右", ""}}},
        Attribute{"blocks",
                  Datatype::kMultiValueList,
                  false,
                  6,
                  "挡住了什么？",
                  "",
                  {AttributeValue{"fire_lane", "消防通道", ""},
                   AttributeValue{"crossing", "人行横道", ""}}},
    };
    FUZZ_CHECK(warmcity::appeals::check_category(*cat).ok());
    return cat;
  }();
  return *c;
}

std::string encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    out += '%';
    out += kHex[ch >> 4];
    out += kHex[ch & 15];
  }
  return out;
}

std::string write_form(const warmcity::open311::Form& form) {
  std::string out;
  for (const auto& [name, value] : form.fields) {
    out += encode(name) + "=" + encode(value) + "&";
  }
  for (const auto& [code, values] : form.attributes) {
    for (const auto& v : values) out += encode("attribute[" + code + "][]") + "=" + encode(v) + "&";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // the route's body limit
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto form = warmcity::open311::parse_form(body);
  if (!form.ok()) {
    FUZZ_CHECK(!form.status().message().empty());
    return 0;
  }
  auto again = warmcity::open311::parse_form(write_form(*form));
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->fields == form->fields);
  FUZZ_CHECK(again->attributes == form->attributes);

  auto submission = warmcity::open311::read_submission(*form, category());
  if (!submission.ok()) {
    FUZZ_CHECK(!submission.status().field_errors().empty());
    auto renamed = warmcity::open311::with_open311_fields(submission.status());
    FUZZ_CHECK(renamed.field_errors().size() == submission.status().field_errors().size());
    return 0;
  }
  FUZZ_CHECK(submission->appeal.category_code == "roads");
  FUZZ_CHECK(submission->appeal.lat.has_value() == submission->appeal.lon.has_value());
  FUZZ_CHECK(submission->appeal.lat.has_value() || submission->appeal.address.has_value());
  FUZZ_CHECK(submission->appeal.anonymous != submission->appeal.contact.has_value());
  auto answers = warmcity::appeals::check_answers(category(), submission->appeal.answers);
  if (!answers.ok()) {
    FUZZ_CHECK(!answers.status().field_errors().empty());
    return 0;
  }
  auto stored = nlohmann::json::parse(*answers, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(stored.is_object());
  FUZZ_CHECK(stored.size() <= submission->appeal.answers.size());
  return 0;
}
