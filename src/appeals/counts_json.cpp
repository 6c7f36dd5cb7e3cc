#include "appeals/counts_json.h"

#include <string_view>

#include "core/json_text.h"

namespace warmcity::appeals {

namespace {

void key(std::string& out, std::string_view name) {
  out += '"';
  out += name;
  out += "\":";
}

void number(std::string& out, int64_t n) { out += std::to_string(n); }

void text_or_null(std::string& out, const Category* c, const std::string Category::*field) {
  if (c) {
    core::append_json_string(out, c->*field);
  } else {
    out += "null";
  }
}

bool same_group(const CountCell& a, const CountCell& b) { return a.id == b.id && a.key == b.key; }

// The group's own fields: what names it.
void group_fields(std::string& out, CountBy by, const CountCell& first,
                  const CategoryOf& category) {
  switch (by) {
    case CountBy::kCategory: {
      const Category* c = category(first.id.value_or(0));
      key(out, "category_id");
      number(out, first.id.value_or(0));
      out += ',';
      key(out, "category");
      text_or_null(out, c, &Category::code);
      out += ',';
      key(out, "name_zh");
      text_or_null(out, c, &Category::name_zh);
      out += ',';
      key(out, "name_en");
      text_or_null(out, c, &Category::name_en);
      break;
    }
    case CountBy::kChannel:
      key(out, "channel");
      core::append_json_string(out, first.key);
      break;
    default:
      key(out, "area_id");
      if (first.id) {
        number(out, *first.id);
      } else {
        out += "null";
      }
  }
}

}  // namespace

std::string counts_json(const CountsHeader& header, CountBy by, const std::vector<CountCell>& cells,
                        const CategoryOf& category) {
  int64_t total = 0;
  for (const CountCell& c : cells) total += c.count;
  std::string out;
  out.reserve(160 + cells.size() * 48);
  out += '{';
  key(out, "month");
  core::append_json_string(out, header.month);
  out += ',';
  key(out, "by");
  core::append_json_string(out, count_by_name(by));
  out += ',';
  key(out, "from");
  core::append_json_string(out, header.from);
  out += ',';
  key(out, "until");
  core::append_json_string(out, header.until);
  out += ',';
  key(out, "total");
  number(out, total);
  out += ',';
  key(out, "items");
  out += '[';
  for (size_t i = 0; i < cells.size();) {
    if (i > 0) out += ',';
    out += '{';
    if (by == CountBy::kState) {
      key(out, "state");
      core::append_json_string(out, state_name(cells[i].state));
      out += ',';
      key(out, "count");
      number(out, cells[i].count);
      out += '}';
      ++i;
      continue;
    }
    size_t end = i;
    int64_t count = 0;
    while (end < cells.size() && same_group(cells[i], cells[end])) count += cells[end++].count;
    group_fields(out, by, cells[i], category);
    out += ',';
    key(out, "count");
    number(out, count);
    out += ',';
    key(out, "by_state");
    out += '{';
    for (size_t j = i; j < end; ++j) {
      if (j > i) out += ',';
      key(out, state_name(cells[j].state));
      number(out, cells[j].count);
    }
    out += "}}";
    i = end;
  }
  out += "]}";
  return out;
}

}  // namespace warmcity::appeals
