#include "eldercare/family_store.h"

#include "eldercare/eldercare.h"

namespace warmcity::eldercare {

std::vector<store::Migration> family_migrations() {
  return {{"elder_family", 1, R"SQL(
    CREATE TABLE elder_family (
      id {{id}},
      elder_id BIGINT NOT NULL REFERENCES elders(id),
      user_id BIGINT NOT NULL,
      relation TEXT NOT NULL,
      consent_basis TEXT NOT NULL CHECK (consent_basis IN ('consent', 'guardian_consent')),
      consent_note TEXT NOT NULL DEFAULT '',
      recorded_by BIGINT NOT NULL,
      recorded_at BIGINT NOT NULL,
      unlinked_at BIGINT,
      unlinked_by BIGINT
    );
    CREATE UNIQUE INDEX elder_family_open ON elder_family(elder_id, user_id)
      WHERE unlinked_at IS NULL;
    CREATE INDEX elder_family_user ON elder_family(user_id, elder_id);
    CREATE TABLE elder_family_errands (
      errand_id BIGINT PRIMARY KEY REFERENCES errands(id),
      link_id BIGINT NOT NULL REFERENCES elder_family(id)
    );
  )SQL"}};
}

namespace {

constexpr const char* kLinkColumns =
    "id, elder_id, user_id, relation, consent_basis, consent_note, recorded_by, recorded_at, "
    "unlinked_at, unlinked_by";

FamilyLink read_link(const store::Statement& r) {
  FamilyLink l;
  l.id = r.column_int64(0);
  l.elder_id = r.column_int64(1);
  l.user_id = r.column_int64(2);
  l.relation = r.column_text(3);
  l.consent_basis = r.column_text(4);
  l.consent_note = r.column_text(5);
  l.recorded_by = r.column_int64(6);
  l.recorded_at = r.column_int64(7);
  l.unlinked_at = r.column_int64_opt(8);
  l.unlinked_by = r.column_int64_opt(9);
  return l;
}

Result<std::vector<FamilyLink>> links_where(store::Connection& c, const std::string& where,
                                            int64_t id) {
  auto s = c.prepare(std::string("SELECT ") + kLinkColumns + " FROM elder_family WHERE " + where +
                     " ORDER BY id");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  return store::collect<FamilyLink>(*s, read_link);
}

}  // namespace

Status insert_family_link(store::Connection& c, FamilyLink& l) {
  Result<std::optional<FamilyLink>> held = open_family_link(c, l.elder_id, l.user_id);
  if (!held.ok()) return held.status();
  if (*held) return Status::Conflict("this account is linked to her already");
  auto s = c.prepare(
      "INSERT INTO elder_family (elder_id, user_id, relation, consent_basis, consent_note, "
      "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, l.elder_id).bind(2, l.user_id).bind(3, l.relation).bind(4, l.consent_basis);
  s->bind(5, l.consent_note).bind(6, l.recorded_by).bind(7, l.recorded_at);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  l.id = *id;
  return Status::Ok();
}

Result<bool> end_family_link(store::Connection& c, int64_t elder_id, int64_t link_id, int64_t at,
                             int64_t by) {
  auto s = c.prepare(
      "UPDATE elder_family SET unlinked_at = ?, unlinked_by = ? "
      "WHERE id = ? AND elder_id = ? AND unlinked_at IS NULL RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, at).bind(2, by).bind(3, link_id).bind(4, elder_id);
  return s->step();
}

Result<std::vector<FamilyLink>> family_links_of_elder(store::Connection& c, int64_t elder_id,
                                                      bool all) {
  return links_where(c, all ? "elder_id = ?" : "elder_id = ? AND unlinked_at IS NULL", elder_id);
}

Result<std::vector<FamilyLink>> family_links_of_user(store::Connection& c, int64_t user_id) {
  return links_where(c, "user_id = ? AND unlinked_at IS NULL", user_id);
}

Result<std::optional<FamilyLink>> open_family_link(store::Connection& c, int64_t elder_id,
                                                   int64_t user_id) {
  auto s = c.prepare(std::string("SELECT ") + kLinkColumns +
                     " FROM elder_family WHERE elder_id = ? AND user_id = ? AND unlinked_at IS "
                     "NULL");
  if (!s.ok()) return s.status();
  s->bind(1, elder_id).bind(2, user_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<FamilyLink>();
  return std::optional<FamilyLink>(read_link(*s));
}

Status insert_family_errand(store::Connection& c, int64_t errand_id, int64_t link_id) {
  auto s = c.prepare("INSERT INTO elder_family_errands (errand_id, link_id) VALUES (?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, errand_id).bind(2, link_id);
  return s->run();
}

Result<bool> is_family_errand(store::Connection& c, int64_t errand_id) {
  auto s = c.prepare("SELECT 1 FROM elder_family_errands WHERE errand_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, errand_id);
  return s->step();
}

}  // namespace warmcity::eldercare
