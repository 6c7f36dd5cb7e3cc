// SQL for job posts (job_store.h).
#include "jobs/job_store.h"

#include <algorithm>

#include "core/text_grams.h"
#include "jobs/post_status.h"
#include "store/sql_list.h"

namespace warmcity::jobs {
namespace {

constexpr char kPostColumns[] =
    "SELECT p.id, p.employer_id, p.title, p.headcount, p.conditions, p.duties, p.place, "
    "p.area_id, p.pay_min_fen, p.pay_max_fen, p.hours, p.contact_name, p.contact_phone, "
    "p.valid_until, p.publisher_org_id, o.name, e.name, a.name, p.status, p.flags, "
    "p.review_note, p.created_by, COALESCE(u.display_name, ''), p.created_at, p.updated_at, "
    "p.published_at, "
    "(SELECT ev.by_user FROM job_post_events ev WHERE ev.post_id = p.id "
    " AND ev.kind IN ('created', 'edited') ORDER BY ev.id DESC LIMIT 1), "
    "(SELECT COUNT(*) FROM job_complaints jc WHERE jc.post_id = p.id AND jc.status = 'open') "
    "FROM job_posts p JOIN organisations o ON o.id = p.publisher_org_id "
    "JOIN job_employers e ON e.id = p.employer_id LEFT JOIN areas a ON a.id = p.area_id "
    "LEFT JOIN users u ON u.id = p.created_by ";

PostRecord read_post_row(store::Statement& s) {
  PostRecord r;
  r.id = s.column_int64(0);
  r.fields.employer_id = s.column_int64(1);
  r.fields.title = s.column_text(2);
  r.fields.headcount = s.column_int64(3);
  r.fields.conditions = s.column_text(4);
  r.fields.duties = s.column_text(5);
  r.fields.place = s.column_text(6);
  r.fields.area_id = s.column_int64_opt(7);
  r.fields.pay_min_fen = s.column_int64(8);
  r.fields.pay_max_fen = s.column_int64(9);
  r.fields.hours = s.column_text(10);
  r.fields.contact_name = s.column_text(11);
  r.fields.contact_phone = s.column_text(12);
  r.fields.valid_until = s.column_text(13);
  r.publisher_org_id = s.column_int64(14);
  r.fields.publisher_org_id = r.publisher_org_id;
  r.publisher_name = s.column_text(15);
  r.employer_name = s.column_text(16);
  r.area_name = s.column_text_opt(17);
  r.status = s.column_text(18);
  r.flags_json = s.column_text(19);
  r.review_note = s.column_text(20);
  r.created_by = s.column_int64(21);
  r.created_by_name = s.column_text(22);
  r.created_at = s.column_int64(23);
  r.updated_at = s.column_int64(24);
  r.published_at = s.column_int64_opt(25);
  r.last_editor = s.column_int64_opt(26);
  r.complaints_open = s.column_int64(27);
  return r;
}

// Binds in order, text or integer.
struct Binds {
  std::vector<std::string> texts;
  std::vector<int64_t> ints;
  std::vector<bool> is_text;
  void text(std::string v) {
    texts.push_back(std::move(v));
    is_text.push_back(true);
  }
  void integer(int64_t v) {
    ints.push_back(v);
    is_text.push_back(false);
  }
  // Onto `q`'s placeholders 1, 2, … in the order they were added.
  void apply(store::Statement& q) const {
    size_t ti = 0, ii = 0;
    for (size_t k = 0; k < is_text.size(); ++k) {
      if (is_text[k]) {
        q.bind(static_cast<int>(k + 1), texts[ti++]);
      } else {
        q.bind(static_cast<int>(k + 1), ints[ii++]);
      }
    }
  }
};

Result<std::vector<PostRecord>> run_posts(store::Connection& c, const std::string& sql,
                                          const Binds& b) {
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  b.apply(*q);
  return store::collect<PostRecord>(*q, read_post_row);
}

constexpr size_t kGramsPerInsert = 64;

Status insert_grams(store::Connection& c, int64_t post_id, const std::vector<std::string>& grams) {
  for (size_t at = 0; at < grams.size(); at += kGramsPerInsert) {
    const size_t n = std::min(kGramsPerInsert, grams.size() - at);
    const size_t padded = store::padded_length(n);
    std::string sql = "INSERT INTO job_post_grams (gram, post_id) VALUES ";
    for (size_t k = 0; k < padded; ++k) sql += k == 0 ? "(?, ?)" : ", (?, ?)";
    sql += " ON CONFLICT DO NOTHING";
    auto q = c.prepare(sql);
    if (!q.ok()) return q.status();
    for (size_t k = 0; k < padded; ++k) {
      const std::string& g = grams[at + std::min(k, n - 1)];
      q->bind(static_cast<int>(2 * k + 1), g).bind(static_cast<int>(2 * k + 2), post_id);
    }
    Status s = q->run();
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> insert_post(store::Connection& c, const NewPost& p) {
  const PostFields& f = p.fields;
  auto q = c.prepare(
      "INSERT INTO job_posts (publisher_org_id, employer_id, title, headcount, conditions, "
      "duties, place, area_id, pay_min_fen, pay_max_fen, hours, contact_name, contact_phone, "
      "valid_until, status, flags, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, p.publisher_org_id).bind(2, f.employer_id).bind(3, f.title).bind(4, f.headcount);
  q->bind(5, f.conditions).bind(6, f.duties).bind(7, f.place).bind(8, f.area_id);
  q->bind(9, f.pay_min_fen).bind(10, f.pay_max_fen).bind(11, f.hours).bind(12, f.contact_name);
  q->bind(13, f.contact_phone).bind(14, f.valid_until).bind(15, p.flags_json);
  q->bind(16, p.created_by).bind(17, p.at).bind(18, p.at);
  Result<int64_t> id = q->returning_id();
  if (!id.ok()) return id;
  auto ev = c.prepare(
      "INSERT INTO job_post_events (post_id, kind, at, by_user, note) VALUES (?, 'created', ?, ?, "
      "'')");
  if (!ev.ok()) return ev.status();
  ev->bind(1, *id).bind(2, p.at).bind(3, p.created_by);
  Status s = ev->run();
  if (!s.ok()) return s;
  s = rebuild_grams(c, *id);
  if (!s.ok()) return s;
  return id;
}

Status update_post(store::Connection& c, int64_t id, const PostFields& f,
                   const std::string& flags_json, int64_t by, int64_t at) {
  Status moved = change_post_status(c, {id, "pending", "edited", by, at, ""});
  if (!moved.ok()) return moved;
  auto q = c.prepare(
      "UPDATE job_posts SET employer_id = ?, title = ?, headcount = ?, conditions = ?, "
      "duties = ?, place = ?, area_id = ?, pay_min_fen = ?, pay_max_fen = ?, hours = ?, "
      "contact_name = ?, contact_phone = ?, valid_until = ?, flags = ?, review_note = '' "
      "WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, f.employer_id).bind(2, f.title).bind(3, f.headcount).bind(4, f.conditions);
  q->bind(5, f.duties).bind(6, f.place).bind(7, f.area_id).bind(8, f.pay_min_fen);
  q->bind(9, f.pay_max_fen).bind(10, f.hours).bind(11, f.contact_name);
  q->bind(12, f.contact_phone).bind(13, f.valid_until).bind(14, flags_json).bind(15, id);
  Status s = q->run();
  if (!s.ok()) return s;
  return rebuild_grams(c, id);
}

Status rebuild_grams(store::Connection& c, int64_t post_id) {
  auto q = c.prepare(
      "SELECT p.title, e.name, p.duties, p.conditions, p.place FROM job_posts p "
      "JOIN job_employers e ON e.id = p.employer_id WHERE p.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, post_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no job post " + std::to_string(post_id));
  PostFields f;
  f.title = q->column_text(0);
  const std::string employer = q->column_text(1);
  f.duties = q->column_text(2);
  f.conditions = q->column_text(3);
  f.place = q->column_text(4);
  const std::vector<std::string> grams = core::text_grams(searchable_text(f, employer));
  auto del = c.prepare("DELETE FROM job_post_grams WHERE post_id = ?");
  if (!del.ok()) return del.status();
  del->bind(1, post_id);
  Status s = del->run();
  if (!s.ok()) return s;
  return insert_grams(c, post_id, grams);
}

Result<std::optional<PostRecord>> get_post(store::Connection& c, int64_t id) {
  Binds b;
  b.integer(id);
  auto rows = run_posts(c, std::string(kPostColumns) + "WHERE p.id = ?", b);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<PostRecord>{};
  return std::optional<PostRecord>(std::move(rows->front()));
}

Result<std::vector<PostEvent>> post_history(store::Connection& c, int64_t id) {
  auto q = c.prepare(
      "SELECT ev.kind, ev.at, COALESCE(u.display_name, ''), ev.note FROM job_post_events ev "
      "LEFT JOIN users u ON u.id = ev.by_user WHERE ev.post_id = ? ORDER BY ev.id");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  return store::collect<PostEvent>(*q, [](store::Statement& s) {
    return PostEvent{s.column_text(0), s.column_int64(1), s.column_text(2), s.column_text(3)};
  });
}

namespace {

// A gram's postings, counted up to kDenseGram: past it the gram is "dense"
// (员, 工 — in a fifth of 100,000 posts) and a post is better tested for it
// than its posts listed.
constexpr int64_t kDenseGram = 20000;

// The walk newest first (public_posts) covers at most as many posts of the
// public order as the grams in fewer than kDenseGram posts have postings
// (a walked post costs an index step and a look-up in the rarest gram's
// posts, the posts in that list a probe of each other gram too; the listing
// reads every posting into temporary trees), and at least kLeastWalk posts.
constexpr int64_t kLeastWalk = 1000;
// The walk goes in windows of the public order, the first this long, each
// next twice the last. Each window reads the rarest gram's list once more,
// and a window costs its length only when its matches are fewer than a page
// (the walk stops at a page), so the first is long enough for a page of a
// query that matches one post in 200.
constexpr int64_t kFirstWindow = 4000;

Result<int64_t> gram_postings(store::Connection& c, const std::string& gram) {
  auto q = c.prepare(
      "SELECT COUNT(*) FROM (SELECT 1 FROM job_post_grams WHERE gram = ? LIMIT ?) AS capped");
  if (!q.ok()) return q.status();
  q->bind(1, gram).bind(2, kDenseGram);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  return *row ? q->column_int64(0) : 0;
}

// One post the filters and grams let through: its key and the text that
// confirms it (searchable_text), without the columns only an answer needs.
struct Candidate {
  int64_t id = 0;
  int64_t published_at = 0;
  std::string text;
};

// The full rows of `ids`, in the order of `ids`.
Result<std::vector<PostRecord>> posts_in_order(store::Connection& c,
                                               const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::vector<PostRecord>{};
  const size_t n = store::padded_length(ids.size());
  Binds b;
  for (size_t k = 0; k < n; ++k) b.integer(ids[std::min(k, ids.size() - 1)]);
  auto rows =
      run_posts(c, std::string(kPostColumns) + "WHERE p.id IN (" + store::placeholders(n) + ")", b);
  if (!rows.ok()) return rows.status();
  std::vector<PostRecord> out;
  for (int64_t id : ids) {
    for (PostRecord& r : *rows) {
      if (r.id == id) out.push_back(std::move(r));
    }
  }
  return out;
}

// " AND (published_at, id) before `k`" in the public order (newest first).
// The first, redundant term is a range on published_at that SQLite can start
// or end its scan of job_posts_public at: it cannot tell from the OR alone,
// whose two published_at are two placeholders.
void search_before(std::string& sql, Binds& b, const PostKey& k) {
  sql += " AND p.published_at <= ? AND (p.published_at < ? OR (p.published_at = ? AND p.id < ?))";
  b.integer(k.at);
  b.integer(k.at);
  b.integer(k.at);
  b.integer(k.id);
}

// The key of the `n`th published post (1-based) after `after` in the public
// order, from the index job_posts_public alone; none when fewer are left.
Result<std::optional<PostKey>> search_walk_end(store::Connection& c, std::optional<PostKey> after,
                                               std::optional<int64_t> since, int64_t n) {
  std::string sql = "SELECT p.published_at, p.id FROM job_posts p WHERE p.status = 'published'";
  Binds b;
  if (since) {
    sql += " AND p.published_at >= ?";
    b.integer(*since);
  }
  if (after) search_before(sql, b, *after);
  sql += " ORDER BY p.published_at DESC, p.id DESC LIMIT 1 OFFSET ?";
  b.integer(n - 1);
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  b.apply(*q);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<PostKey>{};
  return std::optional<PostKey>(PostKey{q->column_int64(0), q->column_int64(1)});
}

}  // namespace

Result<std::vector<PostRecord>> public_posts(store::Connection& c, const PublicQuery& pq) {
  const std::vector<std::string> query = core::query_grams(pq.q);
  const std::vector<std::string> terms = core::query_terms(pq.q);
  const bool searching = !query.empty();
  // The query's grams, rarest first (a probe that fails ends a post's test
  // soonest), each with its postings counted up to kDenseGram.
  std::vector<std::pair<int64_t, std::string>> grams;
  int64_t listed_postings = 0;
  for (const std::string& g : query) {
    Result<int64_t> n = gram_postings(c, g);
    if (!n.ok()) return n.status();
    if (*n == 0) return std::vector<PostRecord>{};
    grams.emplace_back(*n, g);
    if (*n < kDenseGram) listed_postings += *n;
  }
  std::sort(grams.begin(), grams.end());
  // Two ways to the candidates, both in the public order, paged by its key:
  // - the walk: the published posts newest first, each looked up in the
  //   rarest gram's posts (read once into a temporary list) and, if there,
  //   tested for every other gram on the primary key (gram, post_id),
  //   stopping after a page; cheap while matches are common among the newest
  //   posts, but a query whose matches are few would walk every post;
  // - the listing: the posts of the grams in fewer than kDenseGram posts
  //   intersected in the gram index alone (every posting of those grams
  //   read), the dense grams tested on each post.
  // A search walks windows of the public order after the cursor, up to
  // listed_postings posts in all (no bound when every gram is dense: there
  // is nothing to list), and lists from where the walk ended only if the
  // page is not full by then.
  bool walking = searching;
  int64_t walk_left = std::max(kLeastWalk, listed_postings);
  int64_t window = kFirstWindow;
  bool bounded = walking && listed_postings > 0;
  std::optional<PostKey> walk_end;  // the window's last post, inclusive
  std::optional<PostKey> after = pq.after;
  std::vector<int64_t> confirmed;
  // Candidates come in batches, each confirmed on its text; a batch that
  // confirms too few is followed by one twice as long.
  int batch = pq.limit + 1;
  while (true) {
    if (walking && bounded && !walk_end) {
      const int64_t n = std::min(window, walk_left);
      auto end = search_walk_end(c, after, pq.since, n);
      if (!end.ok()) return end.status();
      walk_end = *end;
      walk_left -= n;
      window *= 2;
      if (!walk_end) bounded = false;  // the window reaches the last post
    }
    std::string sql =
        "SELECT p.id, p.published_at, p.title, p.conditions, p.duties, p.place, e.name "
        "FROM job_posts p JOIN job_employers e ON e.id = p.employer_id "
        "WHERE p.status = 'published' AND p.valid_until >= ?";
    Binds b;
    b.text(pq.today);
    if (pq.area_id) {
      sql +=
          " AND p.area_id IN (SELECT ar.id FROM areas ar WHERE ar.id = ? OR ar.parent_id = ? "
          "OR ar.parent_id IN (SELECT ap.id FROM areas ap WHERE ap.parent_id = ?))";
      for (int k = 0; k < 3; ++k) b.integer(*pq.area_id);
    }
    if (pq.pay_min_fen) {
      sql += " AND p.pay_max_fen >= ?";
      b.integer(*pq.pay_min_fen);
    }
    if (pq.since) {
      sql += " AND p.published_at >= ?";
      b.integer(*pq.since);
    }
    if (after) search_before(sql, b, *after);
    if (walking && walk_end) {
      sql +=
          " AND p.published_at >= ? AND (p.published_at > ? OR (p.published_at = ? AND p.id >= "
          "?))";
      b.integer(walk_end->at);
      b.integer(walk_end->at);
      b.integer(walk_end->at);
      b.integer(walk_end->id);
    }
    // Walking: the rarest listed gram as a list; listing: all listed grams.
    size_t as_list = 0;
    for (const auto& [postings, g] : grams) {
      if (postings >= kDenseGram || (walking && as_list == 1)) break;
      sql += as_list == 0 ? " AND p.id IN (" : " INTERSECT ";
      sql += "SELECT r.post_id FROM job_post_grams r WHERE r.gram = ?";
      b.text(g);
      ++as_list;
    }
    if (as_list > 0) sql += ")";
    for (size_t k = as_list; k < grams.size(); ++k) {
      sql += " AND EXISTS (SELECT 1 FROM job_post_grams g WHERE g.gram = ? AND g.post_id = p.id)";
      b.text(grams[k].second);
    }
    sql += " ORDER BY p.published_at DESC, p.id DESC LIMIT ?";
    b.integer(batch);
    auto q = c.prepare(sql);
    if (!q.ok()) return q.status();
    b.apply(*q);
    Result<std::vector<Candidate>> rows = store::collect<Candidate>(*q, [](const store::Statement&
                                                                               r) {
      PostFields f;
      f.title = r.column_text(2);
      f.conditions = r.column_text(3);
      f.duties = r.column_text(4);
      f.place = r.column_text(5);
      return Candidate{r.column_int64(0), r.column_int64(1), searchable_text(f, r.column_text(6))};
    });
    if (!rows.ok()) return rows.status();
    for (const Candidate& cand : *rows) {
      if (searching && !core::text_contains(cand.text, terms)) continue;
      confirmed.push_back(cand.id);
      if (static_cast<int>(confirmed.size()) > pq.limit) return posts_in_order(c, confirmed);
    }
    if (!searching) return posts_in_order(c, confirmed);
    if (static_cast<int>(rows->size()) == batch) {
      after = PostKey{rows->back().published_at, rows->back().id};
      batch = std::min(2 * batch, 400);
    } else if (walking && walk_end) {
      // The window's posts are done: the next window, or the listing once
      // the walk has covered its share, goes on after its last one.
      after = walk_end;
      walk_end.reset();
      if (walk_left <= 0) walking = false;
    } else {
      return posts_in_order(c, confirmed);
    }
  }
}

Result<std::vector<PostRecord>> staff_posts(store::Connection& c, const StaffQuery& sq) {
  std::string sql = kPostColumns;
  Binds b;
  if (sq.status == "expired") {
    sql += "WHERE p.status = 'published' AND p.valid_until < ?";
    b.text(sq.today);
  } else if (sq.status == "published") {
    sql += "WHERE p.status = 'published' AND p.valid_until >= ?";
    b.text(sq.today);
  } else {
    sql += "WHERE p.status = ?";
    b.text(sq.status);
  }
  if (!sq.publisher_orgs.empty()) {
    const size_t n = store::padded_length(sq.publisher_orgs.size());
    sql += " AND p.publisher_org_id IN (" + store::placeholders(n) + ")";
    for (size_t k = 0; k < n; ++k) {
      b.integer(sq.publisher_orgs[std::min(k, sq.publisher_orgs.size() - 1)]);
    }
  }
  if (sq.before_id) {
    sql += " AND p.id < ?";
    b.integer(*sq.before_id);
  }
  sql += " ORDER BY p.id DESC LIMIT ?";
  b.integer(sq.limit + 1);
  return run_posts(c, sql, b);
}

Result<std::vector<PostRecord>> review_queue(store::Connection& c, std::optional<PostKey> after,
                                             int limit) {
  std::string sql = std::string(kPostColumns) + "WHERE p.status = 'pending'";
  Binds b;
  if (after) {
    sql += " AND (p.updated_at > ? OR (p.updated_at = ? AND p.id > ?))";
    b.integer(after->at);
    b.integer(after->at);
    b.integer(after->id);
  }
  sql += " ORDER BY p.updated_at, p.id LIMIT ?";
  b.integer(limit + 1);
  return run_posts(c, sql, b);
}

namespace {
Result<bool> job_row_exists(store::Connection& c, const char* sql, int64_t id) {
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  q->bind(1, id);
  return q->step();
}
}  // namespace

Result<bool> area_exists(store::Connection& c, int64_t area_id) {
  return job_row_exists(c, "SELECT 1 FROM areas WHERE id = ?", area_id);
}

Result<bool> employer_exists(store::Connection& c, int64_t employer_id) {
  return job_row_exists(c, "SELECT 1 FROM job_employers WHERE id = ?", employer_id);
}

Result<std::string> organisation_name(store::Connection& c, int64_t org_id) {
  auto q = c.prepare("SELECT name FROM organisations WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, org_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  return *row ? q->column_text(0) : std::string();
}

}  // namespace warmcity::jobs
