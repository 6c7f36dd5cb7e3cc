#include "appeals/counts_json.h"

#include <optional>
#include <string>
#include <string_view>

#include "core/json_text.h"

namespace warmcity::appeals {

namespace {

// `"name":` after a comma unless it opens its object.
void key(std::string& out, std::string_view name) {
  if (out.back() != '{') out += ',';
  out += '"';
  out += name;
  out += "\":";
}

void member(std::string& out, std::string_view name, std::string_view text) {
  key(out, name);
  core::append_json_string(out, text);
}

void member(std::string& out, std::string_view name, std::optional<int64_t> n) {
  key(out, name);
  out += n ? std::to_string(*n) : "null";
}

// A category's field, null when the category is gone.
void member(std::string& out, std::string_view name, const Category* c,
            const std::string Category::*field) {
  if (c) return member(out, name, c->*field);
  key(out, name);
  out += "null";
}

bool same_group(const CountCell& a, const CountCell& b) { return a.id == b.id && a.key == b.key; }

// The group's own fields: what names it.
void group_fields(std::string& out, CountBy by, const CountCell& first,
                  const CategoryOf& category) {
  switch (by) {
    case CountBy::kCategory: {
      const Category* c = category(first.id.value_or(0));
      member(out, "category_id", first.id.value_or(0));
      member(out, "category", c, &Category::code);
      member(out, "name_zh", c, &Category::name_zh);
      member(out, "name_en", c, &Category::name_en);
      break;
    }
    case CountBy::kChannel:
      member(out, "channel", first.key);
      break;
    default:
      member(out, "area_id", first.id);
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
  member(out, "month", header.month);
  member(out, "by", count_by_name(by));
  member(out, "from", header.from);
  member(out, "until", header.until);
  member(out, "total", total);
  key(out, "items");
  out += '[';
  for (size_t i = 0; i < cells.size();) {
    if (i > 0) out += ',';
    out += '{';
    if (by == CountBy::kState) {
      member(out, "state", state_name(cells[i].state));
      member(out, "count", cells[i].count);
      out += '}';
      ++i;
      continue;
    }
    size_t end = i;
    int64_t count = 0;
    while (end < cells.size() && same_group(cells[i], cells[end])) count += cells[end++].count;
    group_fields(out, by, cells[i], category);
    member(out, "count", count);
    key(out, "by_state");
    out += '{';
    for (size_t j = i; j < end; ++j) member(out, state_name(cells[j].state), cells[j].count);
    out += "}}";
    i = end;
  }
  out += "]}";
  return out;
}

}  // namespace warmcity::appeals
