#include "facilities/nearby_answer.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include "core/json_text.h"
#include "core/opening_hours.h"
#include "core/time.h"

namespace warmcity::facilities {

namespace {

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

// The shortest text that reads back as `v`; ".0" added to whole numbers as
// nlohmann::json writes them.
void append_double(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string_view text(buf, static_cast<size_t>(end - buf));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void append_time_or_null(std::string& out, const std::optional<int64_t>& t) {
  if (!t) {
    out += "null";
    return;
  }
  out.push_back('"');
  core::append_rfc3339(out, *t);
  out.push_back('"');
}

// `json`: already JSON-escaped, without quotes; empty is null.
void append_string_or_null(std::string& out, std::string_view json) {
  if (json.empty()) {
    out += "null";
    return;
  }
  out.push_back('"');
  out += json;
  out.push_back('"');
}

void append_int_or_null(std::string& out, const std::optional<int64_t>& v) {
  if (v) {
    append_int(out, *v);
  } else {
    out += "null";
  }
}

// `offers`: the amenity that makes a substitute serve (NoneOpen); empty: none.
void append_item(std::string& out, const Hit& h, const OccupancyBoard& board, int64_t now,
                 std::string_view offers = {}) {
  const Layer& l = *h.layer;
  const uint32_t i = h.row;
  out += "{\"id\":";
  append_int(out, h.id);
  out += ",\"kind\":\"";
  out += kind_name(l.kind(i));
  out += "\",\"name\":\"";
  out += l.name_json(i);
  out += "\",\"address\":\"";
  out += l.address_json(i);
  out += "\",\"contact_phone\":";
  append_string_or_null(out, l.phone_json(i));
  out += ",\"opening_hours\":";
  const core::OpeningHours* hours = l.hours(i);
  if (hours) {
    out.push_back('"');
    core::append_json_escaped(out, hours->source());
    out.push_back('"');
  } else {
    out += "null";
  }
  out += ",\"lat\":";
  append_double(out, l.lat(i));
  out += ",\"lon\":";
  append_double(out, l.lon(i));
  out += ",\"distance_m\":";
  append_int(out, std::llround(h.distance_m));
  out += ",\"state\":\"";
  out += core::state_name(h.state);
  out += "\",\"next_change\":";
  append_time_or_null(out, h.next_change);
  out += ",\"amenities\":";
  out += l.amenities_json(i);
  if (l.kind(i) == Kind::kParking) {
    const FreeSpaces free = free_spaces_at(board.get(h.id), now);
    out += ",\"free_spaces\":";
    append_int_or_null(out, free.free_spaces);
    out += ",\"free_spaces_at\":";
    append_time_or_null(out, free.at);
    out += ",\"free_spaces_age_s\":";
    append_int_or_null(out, free.age_s);
  }
  if (!offers.empty()) {
    out += ",\"offers\":\"";
    out += offers;  // an amenity name: [a-z_]
    out.push_back('"');
  }
  out.push_back('}');
}

void append_none_open(std::string& out, const NoneOpen& none, const OccupancyBoard& board,
                      int64_t now) {
  out += ",\"none_open\":{\"next_open\":";
  if (none.next_open) {
    none.next_open->layer->prefetch_text(none.next_open->row);
    append_item(out, *none.next_open, board, now);
  } else {
    out += "null";
  }
  out += ",\"instead\":[";
  for (size_t k = 0; k < none.instead.size(); ++k) {
    if (k > 0) out.push_back(',');
    append_item(out, none.instead[k].hit, board, now, none.instead[k].offers);
  }
  out += "]}";
}

}  // namespace

std::string nearby_answer(const std::vector<Hit>& hits, int64_t at, const OccupancyBoard& board,
                          int64_t now, const NoneOpen* none_open) {
  std::string out;
  out.reserve(64 + hits.size() * 512);
  for (const Hit& h : hits) h.layer->prefetch_text(h.row);  // rows far apart: load them together
  out += "{\"at\":";
  append_time_or_null(out, at);
  out += ",\"items\":[";
  for (size_t k = 0; k < hits.size(); ++k) {
    if (k > 0) out.push_back(',');
    append_item(out, hits[k], board, now);
  }
  out.push_back(']');
  if (none_open) append_none_open(out, *none_open, board, now);
  out.push_back('}');
  return out;
}

}  // namespace warmcity::facilities
