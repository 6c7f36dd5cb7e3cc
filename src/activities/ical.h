// iCalendar text (RFC 5545) of the activities' calendar feeds
// (docs/activities.md "Calendars"). Pure: no clock, no database — the same
// events give the same bytes, so a regenerated feed is byte-identical (and
// its ETag unchanged) when nothing in it changed.
//
// Lines end in CRLF and are folded at 75 octets (a continuation line starts
// with one space), never inside a UTF-8 character; TEXT values escape \ ; ,
// and newlines. Times: DTSTART/DTEND in district time with
// TZID=Asia/Shanghai and its VTIMEZONE (+0800, no daylight saving), DTSTAMP
// in UTC.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warmcity::activities {

struct IcalEvent {
  int64_t occurrence_id = 0;  // UID occurrence-{id}@warmcity
  int64_t starts_at = 0;      // unix seconds
  int64_t ends_at = 0;
  int64_t stamp = 0;     // DTSTAMP: the occurrence's updated_at
  int64_t sequence = 0;  // SEQUENCE: the occurrence's revision
  bool cancelled = false;
  std::string summary;
  std::string location;
  std::string url;          // absolute; also the DESCRIPTION's last line
  std::string description;  // without the URL
};

// The whole VCALENDAR; `name` is its X-WR-CALNAME.
std::string render_ical(std::string_view name, const std::vector<IcalEvent>& events);

// One content line ("NAME;PARAM=x:value"), folded, with its CRLF.
std::string fold_ical_line(std::string_view line);

// A TEXT value: \ ; , escaped, a newline (CRLF, CR or LF) as \n.
std::string escape_ical_text(std::string_view text);

// "20261206T080000": district time, for TZID=Asia/Shanghai.
std::string ical_local_time(int64_t unix_seconds);
// "20261206T000000Z".
std::string ical_utc_time(int64_t unix_seconds);

}  // namespace warmcity::activities
