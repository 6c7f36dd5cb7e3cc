// The subsidy rules' SQL (subsidy_store.h), in the dialect both engines run.
#include "canteens/subsidy_store.h"

#include <utility>

namespace warmcity::canteens {

namespace {

constexpr const char* kVersionColumns =
    "id, effective_from, precedence, cap_per_day_fen, cap_per_month_fen, note, created_at, "
    "created_by, updated_at, updated_by";

SubsidyRules read_version(const store::Statement& s) {
  SubsidyRules r;
  r.id = s.column_int64(0);
  if (Result<core::LocalDate> d = core::parse_date(s.column_text(1)); d.ok()) r.effective_from = *d;
  r.precedence = parse_precedence(s.column_text(2)).value_or(Precedence::kHighest);
  r.cap_per_day_fen = s.column_int64_opt(3);
  r.cap_per_month_fen = s.column_int64_opt(4);
  r.note = s.column_text(5);
  r.created_at = s.column_int64(6);
  r.created_by = s.column_int64(7);
  r.updated_at = s.column_int64(8);
  r.updated_by = s.column_int64(9);
  return r;
}

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

template <class T, class Code>
std::string join_codes(const std::vector<T>& items, Code code) {
  std::string out;
  for (const T& i : items) {
    if (!out.empty()) out += ',';
    out += code(i);
  }
  return out;
}

// The tiers of `versions` (by id), read into them in list order.
Status read_tiers(store::Connection& c, std::vector<SubsidyRules>& versions) {
  for (SubsidyRules& v : versions) {
    auto s = c.prepare(
        "SELECT name, age_min, age_max, statuses, meals, amount_fen FROM canteen_subsidy_tiers "
        "WHERE version_id = ?1 ORDER BY position");
    if (!s.ok()) return s.status();
    s->bind(1, v.id);
    Result<std::vector<SubsidyTier>> tiers =
        store::collect<SubsidyTier>(*s, [](const store::Statement& row) {
          SubsidyTier t;
          t.name = row.column_text(0);
          if (auto a = row.column_int64_opt(1)) t.age_min = static_cast<int>(*a);
          if (auto a = row.column_int64_opt(2)) t.age_max = static_cast<int>(*a);
          t.statuses = split_codes(row.column_text(3));
          for (const std::string& m : split_codes(row.column_text(4))) {
            if (auto meal = parse_meal(m)) t.meals.push_back(*meal);
          }
          t.amount_fen = row.column_int64(5);
          return t;
        });
    if (!tiers.ok()) return tiers.status();
    v.tiers = std::move(*tiers);
  }
  return Status::Ok();
}

Result<std::vector<SubsidyRules>> versions_where(store::Connection& c, const std::string& where,
                                                 const std::string& bound) {
  auto s = c.prepare(std::string("SELECT ") + kVersionColumns + " FROM canteen_subsidy_versions " +
                     where);
  if (!s.ok()) return s.status();
  if (!bound.empty()) s->bind(1, bound);
  Result<std::vector<SubsidyRules>> rows = store::collect<SubsidyRules>(*s, read_version);
  if (!rows.ok()) return rows.status();
  if (Status st = read_tiers(c, *rows); !st.ok()) return st;
  return rows;
}

Status insert_tiers(store::Connection& c, const SubsidyRules& r) {
  for (size_t i = 0; i < r.tiers.size(); ++i) {
    const SubsidyTier& t = r.tiers[i];
    auto s = c.prepare(
        "INSERT INTO canteen_subsidy_tiers (version_id, position, name, age_min, age_max, "
        "statuses, meals, amount_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!s.ok()) return s.status();
    s->bind(1, r.id).bind(2, static_cast<int64_t>(i)).bind(3, t.name);
    s->bind(4, t.age_min).bind(5, t.age_max);
    s->bind(6, join_codes(t.statuses, [](const std::string& x) { return x; }));
    s->bind(7, join_codes(t.meals, [](Meal m) { return std::string(meal_code(m)); }));
    s->bind(8, t.amount_fen);
    if (Status st = s->run(); !st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<SubsidyRules>> list_subsidy_versions(store::Connection& c) {
  return versions_where(c, "ORDER BY effective_from DESC", "");
}

Result<SubsidyRules> get_subsidy_version(store::Connection& c, int64_t id) {
  auto s = c.prepare(std::string("SELECT ") + kVersionColumns +
                     " FROM canteen_subsidy_versions WHERE id = ?1");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<std::vector<SubsidyRules>> rows = store::collect<SubsidyRules>(*s, read_version);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("no subsidy rule version " + std::to_string(id));
  if (Status st = read_tiers(c, *rows); !st.ok()) return st;
  return std::move(rows->front());
}

Result<std::optional<SubsidyRules>> subsidy_version_on(store::Connection& c, core::LocalDate day) {
  Result<std::vector<SubsidyRules>> rows = versions_where(
      c, "WHERE effective_from <= ?1 ORDER BY effective_from DESC LIMIT 1", core::format_date(day));
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SubsidyRules>();
  return std::optional<SubsidyRules>(std::move(rows->front()));
}

Result<std::optional<int64_t>> subsidy_version_from(store::Connection& c, core::LocalDate day) {
  auto s = c.prepare("SELECT id FROM canteen_subsidy_versions WHERE effective_from = ?1");
  if (!s.ok()) return s.status();
  s->bind(1, core::format_date(day));
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(s->column_int64(0));
}

Status insert_subsidy_version(store::Connection& c, SubsidyRules& r) {
  auto s = c.prepare(
      "INSERT INTO canteen_subsidy_versions (effective_from, precedence, cap_per_day_fen, "
      "cap_per_month_fen, note, created_at, created_by, updated_at, updated_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, core::format_date(r.effective_from)).bind(2, precedence_code(r.precedence));
  s->bind(3, r.cap_per_day_fen).bind(4, r.cap_per_month_fen).bind(5, r.note);
  s->bind(6, r.created_at).bind(7, r.created_by).bind(8, r.updated_at).bind(9, r.updated_by);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  r.id = *id;
  return insert_tiers(c, r);
}

Status replace_subsidy_version(store::Connection& c, const SubsidyRules& r) {
  auto s = c.prepare(
      "UPDATE canteen_subsidy_versions SET effective_from = ?2, precedence = ?3, "
      "cap_per_day_fen = ?4, cap_per_month_fen = ?5, note = ?6, updated_at = ?7, updated_by = ?8 "
      "WHERE id = ?1");
  if (!s.ok()) return s.status();
  s->bind(1, r.id).bind(2, core::format_date(r.effective_from));
  s->bind(3, precedence_code(r.precedence)).bind(4, r.cap_per_day_fen);
  s->bind(5, r.cap_per_month_fen).bind(6, r.note).bind(7, r.updated_at).bind(8, r.updated_by);
  if (Status st = s->run(); !st.ok()) return st;
  auto d = c.prepare("DELETE FROM canteen_subsidy_tiers WHERE version_id = ?1");
  if (!d.ok()) return d.status();
  d->bind(1, r.id);
  if (Status st = d->run(); !st.ok()) return st;
  return insert_tiers(c, r);
}

}  // namespace warmcity::canteens
