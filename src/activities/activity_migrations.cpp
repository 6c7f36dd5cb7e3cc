// The activities' tables (module "activities"), in the SQL both engines run.
// Nothing is deleted: a cancelled activity or occurrence keeps its rows, a
// cancelled sign-up keeps its row and its history (volunteer and activity
// records are kept; the history tells a resident why a place moved on).
//
// activities: what an organiser runs — kind 'activity' or 'job_fair'; title,
//   description; the organiser (an organisation of kind department, community
//   or volunteer_team); where: a venue (a facility of kind venue, whose
//   opening hours the occurrences are checked against) or an address; the
//   community it belongs to (the residents' filter; the venue's when there is
//   one); capacity per occurrence; who may join (age_min/age_max in years,
//   NULL: no limit); how long a place offered from the waitlist waits for
//   its acceptance (offer_window_minutes). The series: the first local date,
//   the start minute of the day (district time), the length, repeat 'none',
//   'weekly' or 'monthly' (the same day of the month; a month without that
//   day has no occurrence), until a last date (repeat_until) or a count
//   (repeat_count) — a series always has one of the two. status 'active' or
//   'cancelled' (the whole series, with cancel_note).
// activity_occurrences: one dated instance; seq numbers them within the
//   activity (1, 2, …; stable, the calendar UID is built from the
//   occurrence's id). starts_at/ends_at in unix seconds (UTC), local_date the
//   district day it starts on. capacity may differ from the activity's (an
//   occurrence edited alone). taken counts the places held: confirmed
//   sign-ups plus places offered and not yet accepted; CHECK keeps it within
//   capacity, so no transaction can over-book. status 'scheduled' or
//   'cancelled' (with cancel_note). revision grows on every change (the
//   calendar's SEQUENCE). detached = 1 once it was edited alone, so a later
//   edit of the series leaves its own time and capacity alone.
// activity_signups: one person on one occurrence — a signed-in resident
//   (user_id) or a caller signed up by staff (by_user set, user_id NULL); the
//   name and mobile phone (personal data: masked in lists, reads audited);
//   status 'confirmed', 'waiting' (in line; the order is the id), 'offered'
//   (a place is held until offer_expires_at), 'cancelled' (by the person or
//   staff, or with the occurrence), 'lapsed' (an offer declined or not
//   accepted in time); code: six digits shown at the door; attendance ''
//   (not taken), 'attended' or 'no_show' — an organiser can set it back to ''
//   (a no-show mark is never permanent). One active sign-up (confirmed,
//   waiting or offered) per phone and occurrence.
// activity_signup_events: the append-only history of each sign-up (joined,
//   waitlisted, offered, accepted, declined, lapsed, cancelled, attended,
//   no_show, cleared), who and when.
// activity_feed_tokens: a signed-in user's secret calendar-feed token (only
//   its SHA-256 is kept), replaced when the user asks for a new link.
#include "activities/activity_tables.h"

namespace warmcity::activities {

std::vector<store::Migration> activity_migrations() {
  return {{"activities", 1, R"SQL(
    CREATE TABLE activities (
      id {{id}},
      kind TEXT NOT NULL DEFAULT 'activity' CHECK (kind IN ('activity', 'job_fair')),
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
      description TEXT NOT NULL DEFAULT '',
      organiser_org_id BIGINT NOT NULL REFERENCES organisations(id),
      venue_id BIGINT REFERENCES facilities(id),
      address TEXT NOT NULL DEFAULT '',
      community_id BIGINT REFERENCES areas(id),
      capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
      age_min BIGINT CHECK (age_min BETWEEN 0 AND 150),
      age_max BIGINT CHECK (age_max BETWEEN 0 AND 150),
      offer_window_minutes BIGINT NOT NULL DEFAULT 120
        CHECK (offer_window_minutes BETWEEN 5 AND 10080),
      first_date TEXT NOT NULL CHECK (length(first_date) = 10),
      start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
      duration_minutes BIGINT NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
      repeat TEXT NOT NULL DEFAULT 'none' CHECK (repeat IN ('none', 'weekly', 'monthly')),
      repeat_until TEXT CHECK (repeat_until IS NULL OR length(repeat_until) = 10),
      repeat_count BIGINT CHECK (repeat_count BETWEEN 1 AND 200),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
      cancel_note TEXT NOT NULL DEFAULT '',
      created_by BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK (venue_id IS NOT NULL OR address <> ''),
      CHECK (age_min IS NULL OR age_max IS NULL OR age_max >= age_min),
      CHECK (repeat = 'none' OR repeat_until IS NOT NULL OR repeat_count IS NOT NULL)
    );
    CREATE INDEX activities_organiser ON activities(organiser_org_id, id);
    CREATE INDEX activities_venue ON activities(venue_id);
    CREATE INDEX activities_community ON activities(community_id);
    {{check_domains:activities}};
    CREATE TABLE activity_occurrences (
      id {{id}},
      activity_id BIGINT NOT NULL REFERENCES activities(id),
      seq BIGINT NOT NULL CHECK (seq >= 1),
      local_date TEXT NOT NULL CHECK (length(local_date) = 10),
      starts_at BIGINT NOT NULL,
      ends_at BIGINT NOT NULL,
      capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
      taken BIGINT NOT NULL DEFAULT 0,
      status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      cancel_note TEXT NOT NULL DEFAULT '',
      revision BIGINT NOT NULL DEFAULT 0,
      detached BIGINT NOT NULL DEFAULT 0 CHECK (detached IN (0, 1)),
      updated_at BIGINT NOT NULL,
      CHECK (ends_at > starts_at),
      CHECK (taken >= 0 AND taken <= capacity),
      UNIQUE (activity_id, seq)
    );
    CREATE INDEX activity_occurrences_time ON activity_occurrences(starts_at, id);
    CREATE INDEX activity_occurrences_activity ON activity_occurrences(activity_id, starts_at);
    {{check_domains:activity_occurrences}};
    CREATE TABLE activity_signups (
      id {{id}},
      occurrence_id BIGINT NOT NULL REFERENCES activity_occurrences(id),
      user_id BIGINT REFERENCES users(id),
      by_user BIGINT,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      phone TEXT NOT NULL CHECK (length(phone) = 11),
      status TEXT NOT NULL
        CHECK (status IN ('confirmed', 'waiting', 'offered', 'cancelled', 'lapsed')),
      offer_expires_at BIGINT,
      code TEXT NOT NULL CHECK (length(code) = 6),
      attendance TEXT NOT NULL DEFAULT '' CHECK (attendance IN ('', 'attended', 'no_show')),
      attendance_at BIGINT,
      attendance_by BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)
    );
    CREATE UNIQUE INDEX activity_signups_one ON activity_signups(occurrence_id, phone)
      WHERE status IN ('confirmed', 'waiting', 'offered');
    CREATE INDEX activity_signups_line ON activity_signups(occurrence_id, status, id);
    CREATE INDEX activity_signups_code ON activity_signups(occurrence_id, code);
    CREATE INDEX activity_signups_user ON activity_signups(user_id, id);
    CREATE INDEX activity_signups_offers ON activity_signups(status, offer_expires_at);
    {{check_domains:activity_signups}};
    CREATE TABLE activity_signup_events (
      id {{id}},
      signup_id BIGINT NOT NULL REFERENCES activity_signups(id),
      kind TEXT NOT NULL CHECK (kind IN ('joined', 'waitlisted', 'offered', 'accepted',
        'declined', 'lapsed', 'cancelled', 'attended', 'no_show', 'cleared')),
      at BIGINT NOT NULL,
      by_user BIGINT,
      note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX activity_signup_events_signup ON activity_signup_events(signup_id);
    {{check_domains:activity_signup_events}};
    {{append_only:activity_signup_events}};
    CREATE TABLE activity_feed_tokens (
      user_id BIGINT PRIMARY KEY REFERENCES users(id),
      token_sha256 TEXT NOT NULL UNIQUE,
      created_at BIGINT NOT NULL
    ) {{without_rowid}};
  )SQL"}};
}

}  // namespace warmcity::activities
