// iCalendar text (ical.h).
#include "activities/ical.h"

#include <cstdio>

#include "core/time.h"

namespace warmcity::activities {

namespace {

constexpr size_t kIcalLineOctets = 75;

std::string ical_time(int64_t unix_seconds, bool utc) {
  const int64_t shifted = unix_seconds + (utc ? 0 : int64_t{core::kDistrictOffsetMinutes} * 60);
  int64_t days = shifted / 86400;
  int64_t secs = shifted % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  const core::LocalDate d = core::civil_from_days(days);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d%s", d.year, d.month, d.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60), utc ? "Z" : "");
  return buf;
}

void ical_add(std::string& out, std::string_view line) { out += fold_ical_line(line); }

}  // namespace

std::string ical_local_time(int64_t unix_seconds) { return ical_time(unix_seconds, false); }
std::string ical_utc_time(int64_t unix_seconds) { return ical_time(unix_seconds, true); }

std::string escape_ical_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        // Other control characters (and DEL) are not allowed in TEXT (RFC 5545 3.3.11).
        if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\t') || ch == 0x7F) {
          out += ' ';
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string fold_ical_line(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  size_t room = kIcalLineOctets;  // octets left on the current physical line
  size_t i = 0;
  while (i < line.size()) {
    // The octets of the UTF-8 character at i (a stray continuation byte alone).
    const auto lead = static_cast<unsigned char>(line[i]);
    size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + n > line.size()) n = line.size() - i;
    if (n > room) {
      out += "\r\n ";
      room = kIcalLineOctets - 1;
    }
    out.append(line.substr(i, n));
    room -= n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string render_ical(std::string_view name, const std::vector<IcalEvent>& events) {
  std::string out;
  ical_add(out, "BEGIN:VCALENDAR");
  ical_add(out, "VERSION:2.0");
  ical_add(out, "PRODID:-//warmcity//activities//ZH");
  ical_add(out, "CALSCALE:GREGORIAN");
  ical_add(out, "METHOD:PUBLISH");
  ical_add(out, "X-WR-CALNAME:" + escape_ical_text(name));
  ical_add(out, "X-WR-TIMEZONE:Asia/Shanghai");
  ical_add(out, "BEGIN:VTIMEZONE");
  ical_add(out, "TZID:Asia/Shanghai");
  ical_add(out, "BEGIN:STANDARD");
  ical_add(out, "DTSTART:19700101T000000");
  ical_add(out, "TZOFFSETFROM:+0800");
  ical_add(out, "TZOFFSETTO:+0800");
  ical_add(out, "TZNAME:CST");
  ical_add(out, "END:STANDARD");
  ical_add(out, "END:VTIMEZONE");
  for (const IcalEvent& e : events) {
    ical_add(out, "BEGIN:VEVENT");
    ical_add(out, "UID:occurrence-" + std::to_string(e.occurrence_id) + "@warmcity");
    ical_add(out, "DTSTAMP:" + ical_utc_time(e.stamp));
    ical_add(out, "DTSTART;TZID=Asia/Shanghai:" + ical_local_time(e.starts_at));
    ical_add(out, "DTEND;TZID=Asia/Shanghai:" + ical_local_time(e.ends_at));
    ical_add(out, "SEQUENCE:" + std::to_string(e.sequence));
    ical_add(out, std::string("STATUS:") + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
    ical_add(out, "SUMMARY:" + escape_ical_text(e.summary));
    if (!e.location.empty()) ical_add(out, "LOCATION:" + escape_ical_text(e.location));
    // A URI value is not TEXT: no escaping (the URL is ours, ASCII only).
    if (!e.url.empty()) ical_add(out, "URL:" + e.url);
    std::string description = e.description;
    if (!e.url.empty()) description += (description.empty() ? "" : "\n\n") + e.url;
    if (!description.empty()) ical_add(out, "DESCRIPTION:" + escape_ical_text(description));
    ical_add(out, "END:VEVENT");
  }
  ical_add(out, "END:VCALENDAR");
  return out;
}

}  // namespace warmcity::activities
