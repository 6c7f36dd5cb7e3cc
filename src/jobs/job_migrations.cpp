// The job posts' tables (module "jobs", after "accounts" and "areas"), in the
// SQL both engines run. Records are kept (the HR-market regulation asks for
// two years): nothing here is ever deleted, an expired or withdrawn post only
// leaves the public list.
//
// job_publishers: the organisations (kind department) whose users publish
//   and review posts, set by admins.
// job_employers: employers a publisher verified (name, the 18-character
//   unified social credit code, address), who and when.
// job_posts: one post with the fields the regulation asks for — employer,
//   headcount, conditions, duties, place (and the area it is in, for the
//   filter), pay as a range in fen per month, hours, contact, the last day it
//   is valid (a district day, YYYY-MM-DD). status: 'pending' (waiting for a
//   reviewer, also after every edit), 'published', 'rejected' (back to its
//   author with the note), 'withdrawn' (by its publisher, or by a complaint
//   upheld; final). flags: the discriminatory requirements found in its text
//   for the reviewer, as JSON ([{field, term, kind}], '[]' when none).
//   published_at is set when a reviewer approves it.
// job_post_events: the append-only history of each post — who created,
//   edited, approved, rejected or withdrew it, when, and the note.
// job_post_grams: the search index, the same on both engines: every gram
//   (one or two characters, job_grams.h) of a post's searchable text, once.
// job_complaints: a complaint on a post from anyone (signed in or not): the
//   reason, the text, a phone to call back (personal data: masked in lists),
//   the caller's address prefix (the public-write limit counts by it); then
//   handled once by a publisher's user: the outcome and the note.
#include "jobs/job_tables.h"

namespace warmcity::jobs {

std::vector<store::Migration> job_migrations() {
  return {{"jobs", 1, R"SQL(
    CREATE TABLE job_publishers (
      organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
      added_at BIGINT NOT NULL,
      added_by BIGINT NOT NULL
    ) {{without_rowid}};
    CREATE TABLE job_employers (
      id {{id}},
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      credit_code TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
      address TEXT NOT NULL DEFAULT '',
      verified_by_org BIGINT NOT NULL REFERENCES organisations(id),
      verified_by BIGINT NOT NULL,
      verified_at BIGINT NOT NULL
    );
    {{check_domains:job_employers}};
    CREATE TABLE job_posts (
      id {{id}},
      publisher_org_id BIGINT NOT NULL REFERENCES organisations(id),
      employer_id BIGINT NOT NULL REFERENCES job_employers(id),
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
      headcount BIGINT NOT NULL CHECK (headcount BETWEEN 1 AND 10000),
      conditions TEXT NOT NULL,
      duties TEXT NOT NULL,
      place TEXT NOT NULL,
      area_id BIGINT REFERENCES areas(id),
      pay_min_fen BIGINT NOT NULL CHECK (pay_min_fen > 0),
      pay_max_fen BIGINT NOT NULL,
      hours TEXT NOT NULL,
      contact_name TEXT NOT NULL,
      contact_phone TEXT NOT NULL,
      valid_until TEXT NOT NULL CHECK (length(valid_until) = 10),
      status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected', 'withdrawn')),
      flags TEXT NOT NULL DEFAULT '[]' {{json_check:flags}},
      review_note TEXT NOT NULL DEFAULT '',
      created_by BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      published_at BIGINT,
      reviewed_by BIGINT,
      CHECK (pay_max_fen >= pay_min_fen)
    );
    CREATE INDEX job_posts_public ON job_posts(status, published_at, id);
    CREATE INDEX job_posts_publisher ON job_posts(publisher_org_id, status, id);
    CREATE INDEX job_posts_area ON job_posts(area_id);
    {{check_domains:job_posts}};
    CREATE TABLE job_post_events (
      id {{id}},
      post_id BIGINT NOT NULL REFERENCES job_posts(id),
      kind TEXT NOT NULL
        CHECK (kind IN ('created', 'edited', 'approved', 'rejected', 'withdrawn')),
      at BIGINT NOT NULL,
      by_user BIGINT NOT NULL,
      note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX job_post_events_post ON job_post_events(post_id);
    {{check_domains:job_post_events}};
    {{append_only:job_post_events}};
    CREATE TABLE job_post_grams (
      gram TEXT NOT NULL,
      post_id BIGINT NOT NULL REFERENCES job_posts(id),
      PRIMARY KEY (gram, post_id)
    ) {{without_rowid}};
    CREATE INDEX job_post_grams_post ON job_post_grams(post_id);
    CREATE TABLE job_complaints (
      id {{id}},
      post_id BIGINT NOT NULL REFERENCES job_posts(id),
      reason TEXT NOT NULL
        CHECK (reason IN ('discrimination', 'false_info', 'fee_charged', 'expired', 'other')),
      text TEXT NOT NULL DEFAULT '',
      phone TEXT,
      from_user BIGINT,
      from_prefix TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
      outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'post_withdrawn', 'no_action')),
      outcome_note TEXT NOT NULL DEFAULT '',
      handled_by BIGINT,
      handled_at BIGINT
    );
    CREATE INDEX job_complaints_post ON job_complaints(post_id, status);
    CREATE INDEX job_complaints_status ON job_complaints(status, id);
    CREATE INDEX job_complaints_prefix ON job_complaints(from_prefix, created_at);
    {{check_domains:job_complaints}};
  )SQL"}};
}

}  // namespace warmcity::jobs
