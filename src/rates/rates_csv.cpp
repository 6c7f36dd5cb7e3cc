#include "rates/rates_csv.h"

#include <charconv>
#include <optional>

#include "core/csv.h"

namespace warmcity::rates {

namespace {

// Two decimals, as printf's "%.2f" rounds them (both round the exact binary
// value); std::to_chars is several times faster, and a city's grid table has
// 15,000 rows of eight such figures.
std::string fixed(const std::optional<double>& v, double scale) {
  if (!v) return "";
  char buf[64];
  const auto end = std::to_chars(buf, buf + sizeof buf, *v * scale, std::chars_format::fixed, 2);
  return std::string(buf, end.ptr);
}

std::vector<std::string> cells(const Row& r, const std::string& name) {
  return {r.rank ? std::to_string(*r.rank) : "",
          r.id ? std::to_string(*r.id) : "",
          core::csv_defused(name),
          std::to_string(r.valid_callbacks),
          std::to_string(r.contacted),
          std::to_string(r.solved),
          std::to_string(r.satisfied),
          std::to_string(r.basically_satisfied),
          std::to_string(r.dissatisfied),
          fixed(r.response_rate, 100),
          fixed(r.resolution_rate, 100),
          fixed(r.satisfaction_rate, 100),
          fixed(r.composite, 100),
          std::to_string(r.submitted),
          fixed(r.mean_response_hours, 1),
          fixed(r.mean_resolution_hours, 1),
          std::to_string(r.response_overdue),
          std::to_string(r.resolution_overdue)};
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_record(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(cells[i]);
  }
  return out + "\r\n";
}

std::string rates_csv(const std::vector<Row>& rows, const Row& total) {
  std::string out = "\xEF\xBB\xBF";
  out += csv_record({"排名/rank", "编号/id", "名称/name", "有效回访/valid_callbacks",
                     "已联系/contacted", "已解决/solved", "满意/satisfied",
                     "基本满意/basically_satisfied", "不满意/dissatisfied", "响应率%/response_rate",
                     "解决率%/resolution_rate", "满意率%/satisfaction_rate", "综合得分%/composite",
                     "受理量/submitted", "平均响应小时/mean_response_hours",
                     "平均办结小时/mean_resolution_hours", "响应超期/response_overdue",
                     "办结超期/resolution_overdue"});
  for (const Row& r : rows) out += csv_record(cells(r, r.name));
  out += csv_record(cells(total, "合计 (total)"));
  return out;
}

}  // namespace warmcity::rates
