// SQL for job posts (tables job_posts, job_post_events, job_post_grams of
// module "jobs", job_migrations.cpp) in the dialect both engines run. Write
// helpers run inside the caller's write job on its connection; reads on any
// connection.
//
// Search (docs/jobs.md "Search"): the candidates are the posts that have
// every gram of the query (core::query_grams) in job_post_grams, found in the
// public order two ways: first a walk over the published posts newest first,
// in windows after the cursor (4,000 posts, then twice as many each time, up
// to as many posts as the grams in fewer than 20,000 posts have postings),
// each post looked up in the rarest gram's posts and tested for the other
// grams on the primary key (gram, post_id); then, if the page is not full,
// the listing from where the walk ended: those grams' posts intersected in
// the index alone, the denser ones tested on each post. Candidates are read
// with their text only, each confirmed by core::text_contains on its folded
// searchable text, paging on until `limit` posts are confirmed or no
// candidate is left; then the confirmed posts' full rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "jobs/job.h"
#include "store/connection.h"

namespace warmcity::jobs {

// A post to insert: status 'pending' with its 'created' event and its grams.
struct NewPost {
  PostFields fields;
  int64_t publisher_org_id = 0;
  std::string flags_json = "[]";  // flags_json(find_flags(fields))
  int64_t created_by = 0;
  int64_t at = 0;  // unix seconds
};

// One post as stored, with the names the API shows.
struct PostRecord {
  int64_t id = 0;
  PostFields fields;
  int64_t publisher_org_id = 0;
  std::string publisher_name;
  std::string employer_name;
  std::optional<std::string> area_name;
  std::string status;
  std::string flags_json;
  std::string review_note;
  int64_t created_by = 0;
  std::string created_by_name;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> published_at;
  std::optional<int64_t> last_editor;  // who created or last edited it (four eyes)
  int64_t complaints_open = 0;
};

struct PostEvent {
  std::string kind;
  int64_t at = 0;
  std::string by_name;
  std::string note;
};

// Inserts the post (REQUIRES: its employer exists) with its 'created' event
// and its grams; answers its id.
Result<int64_t> insert_post(store::Connection& c, const NewPost& p);

// Replaces the post's fields and flags, moves it back to 'pending' with an
// 'edited' event by `by` at `at`, rebuilds its grams. NotFound / Conflict
// ("the post was withdrawn") as change_post_status.
Status update_post(store::Connection& c, int64_t id, const PostFields& f,
                   const std::string& flags_json, int64_t by, int64_t at);

// Deletes and inserts the post's grams from its stored text.
Status rebuild_grams(store::Connection& c, int64_t post_id);

Result<std::optional<PostRecord>> get_post(store::Connection& c, int64_t id);
Result<std::vector<PostEvent>> post_history(store::Connection& c, int64_t id);

// Keyset position of the public and staff lists (published_at or
// updated_at, then id).
struct PostKey {
  int64_t at = 0;
  int64_t id = 0;
};

struct PublicQuery {
  std::string today;               // YYYY-MM-DD: posts valid until today or later
  std::string q;                   // search terms, "" for none
  std::optional<int64_t> area_id;  // that area or inside it
  std::optional<int64_t> pay_min_fen;
  std::optional<int64_t> since;  // published_at >= (unix seconds)
  std::optional<PostKey> after;  // the cursor
  int limit = 20;
};

// Published, unexpired posts, newest first (published_at desc, id desc).
Result<std::vector<PostRecord>> public_posts(store::Connection& c, const PublicQuery& q);

struct StaffQuery {
  std::string status;  // pending|published|rejected|withdrawn|expired
  std::string today;
  std::vector<int64_t> publisher_orgs;  // empty: all (admins)
  std::optional<int64_t> before_id;
  int limit = 20;
};

// A staff list, newest first (id desc).
Result<std::vector<PostRecord>> staff_posts(store::Connection& c, const StaffQuery& q);

// Every pending post, oldest first (updated_at asc, id asc), after `after`.
Result<std::vector<PostRecord>> review_queue(store::Connection& c, std::optional<PostKey> after,
                                             int limit);

// Whether an area exists.
Result<bool> area_exists(store::Connection& c, int64_t area_id);
// Whether an employer exists.
Result<bool> employer_exists(store::Connection& c, int64_t employer_id);
// An organisation's name ("" when unknown).
Result<std::string> organisation_name(store::Connection& c, int64_t org_id);

}  // namespace warmcity::jobs
