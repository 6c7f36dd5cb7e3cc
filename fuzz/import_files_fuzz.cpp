// Fuzz target: the file imports. The first byte chooses the reader, the rest
// is the file:
//   0  facilities CSV, encoding detected (UTF-8 or GB18030, core/text_encoding)
//   1  facilities CSV, named GB18030
//   2  facilities GeoJSON FeatureCollection
//   3  areas GeoJSON FeatureCollection (src/areas/area_import.cpp)
//   4  text decoding and CSV alone: decoded text is valid UTF-8 and decodes
//      to itself as UTF-8; CSV records written out (core::append_csv_record)
//      read back to the same fields
// Invariants of a plan: every row is either valid or invalid, errors are
// in line order and no more than reported, lines lie within the file.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "areas/area_import.h"
#include "core/csv.h"
#include "core/text_encoding.h"
#include "core/utf8.h"
#include "facilities/facility_import.h"
#include "fuzz_check.h"

namespace {

namespace core = warmcity::core;
namespace facilities = warmcity::facilities;
namespace areas = warmcity::areas;

// Organisation 1 exists, every other id does not.
warmcity::Result<std::vector<int64_t>> missing_organisations(const std::vector<int64_t>& ids) {
  std::vector<int64_t> out;
  for (int64_t id : ids)
    if (id != 1) out.push_back(id);
  return out;
}

// One subdistrict "LS" exists.
warmcity::Result<std::optional<areas::Level>> existing_code(const std::string& code) {
  if (code == "LS") return std::optional<areas::Level>(areas::Level::kSubdistrict);
  return std::optional<areas::Level>();
}

void facilities_file(std::string_view body, facilities::ImportFormat format,
                     std::optional<core::TextEncoding> encoding) {
  facilities::ImportOptions options;
  options.format = format;
  options.encoding = encoding;
  size_t progress_calls = 0;
  options.progress = [&](size_t checked, size_t total) {
    FUZZ_CHECK(checked <= total);
    ++progress_calls;
  };
  auto plan = facilities::plan_import(body, options, missing_organisations);
  if (!plan.ok()) return;
  FUZZ_CHECK(plan->errors.size() <= facilities::kMaxReportedImportErrors);
  FUZZ_CHECK(plan->errors.size() <= plan->error_count);
  if (plan->unreadable) {
    FUZZ_CHECK(plan->valid.empty());
    FUZZ_CHECK(!plan->errors.empty());
    return;
  }
  FUZZ_CHECK(plan->valid.size() + plan->invalid_rows == plan->rows);
  FUZZ_CHECK((plan->invalid_rows == 0) == (plan->error_count == 0));
  for (size_t i = 1; i < plan->errors.size(); ++i) {
    FUZZ_CHECK(plan->errors[i - 1].line <= plan->errors[i].line);
  }
  for (size_t i = 1; i < plan->valid.size(); ++i) {
    FUZZ_CHECK(plan->valid[i - 1].line < plan->valid[i].line);
  }
  for (const auto& row : plan->valid) {
    FUZZ_CHECK(!row.facility.name.empty());
    FUZZ_CHECK(core::utf8_length(row.facility.name).has_value());
  }
  if (plan->rows > 0) FUZZ_CHECK(progress_calls > 0);
}

void areas_file(std::string_view body) {
  auto plan = areas::plan_import(body, existing_code);
  if (!plan.ok()) return;
  size_t last = 0;
  bool first = true;
  for (const auto& f : plan->features) {
    FUZZ_CHECK(first || f.index > last);
    FUZZ_CHECK(!f.name.empty());
    first = false;
    last = f.index;
  }
  for (const auto& s : plan->invalid) FUZZ_CHECK(!s.errors.empty());
  if (!plan->invalid.empty()) {
    auto problem = areas::import_problem(*plan);
    FUZZ_CHECK(!problem.ok());
    FUZZ_CHECK(!problem.field_errors().empty());
  }
}

void text_and_csv(std::string_view bytes) {
  auto decoded = core::decode_text(bytes, std::nullopt);
  if (!decoded.ok()) return;
  FUZZ_CHECK(core::utf8_length(decoded->text).has_value());
  auto again = core::decode_text(decoded->text, core::TextEncoding::kUtf8);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->text == decoded->text);

  auto records = core::read_csv(decoded->text);
  if (!records.ok()) return;
  std::string written;
  std::vector<std::vector<std::string>> kept;
  for (const auto& r : *records) {
    FUZZ_CHECK(r.line >= 1);
    // A record of one empty field is a blank line when written: dropped.
    if (r.fields.size() == 1 && r.fields[0].empty()) continue;
    core::append_csv_record(written, r.fields);
    kept.push_back(r.fields);
  }
  auto reread = core::read_csv(written);
  FUZZ_CHECK(reread.ok());
  FUZZ_CHECK(reread->size() == kept.size());
  for (size_t i = 0; i < kept.size(); ++i) FUZZ_CHECK((*reread)[i].fields == kept[i]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 256 * 1024) return 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      facilities_file(body, facilities::ImportFormat::kCsv, std::nullopt);
      break;
    case 1:
      facilities_file(body, facilities::ImportFormat::kCsv, core::TextEncoding::kGb18030);
      break;
    case 2:
      facilities_file(body, facilities::ImportFormat::kGeoJson, std::nullopt);
      break;
    case 3:
      areas_file(body);
      break;
    default:
      text_and_csv(body);
      break;
  }
  return 0;
}
