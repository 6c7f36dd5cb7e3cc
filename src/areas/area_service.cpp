#include "areas/area_service.h"

#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "store/change_feed.h"

namespace warmcity::areas {

namespace {

AreaShape shape_of(const AreaRecord& r, std::optional<Geometry> g) {
  return AreaShape{r.id, r.level, r.parent_id, r.name, std::move(g)};
}

accounts::AuditEntry entry(std::string action, int64_t id, std::string detail) {
  accounts::AuditEntry e;
  e.action = std::move(action);
  e.subject_type = "area";
  e.subject_id = id ? std::to_string(id) : "";
  e.detail_json = std::move(detail);
  return e;
}

std::string boundary_text(const Geometry& g) { return geometry_json(g).dump(); }

// A snapshot of every area stored on `c`.
Result<std::shared_ptr<const Snapshot>> load_snapshot(store::Connection& c) {
  auto rows = all_areas(c);
  if (!rows.ok()) return rows.status();
  std::vector<AreaShape> shapes;
  for (const AreaRecord& r : *rows) {
    auto g = parse_stored_geometry(r.boundary);
    if (!g.ok())
      return Status::Internal("area " + std::to_string(r.id) + ": " + g.status().message());
    shapes.push_back(shape_of(r, std::move(g).value()));
  }
  return Snapshot::build(std::move(shapes));
}

}  // namespace

Result<std::unique_ptr<AreaService>> AreaService::open(store::Database& db) {
  Result<std::shared_ptr<const Snapshot>> snapshot = load_snapshot(db.reader());
  if (!snapshot.ok()) return snapshot.status();
  return std::unique_ptr<AreaService>(new AreaService(db, std::move(*snapshot)));
}

Status AreaService::follow(const std::vector<int64_t>&) {
  // Read under the lock: a writer's change swapped in meanwhile is then either in this read or
  // applied after it, never overwritten by an older read.
  std::lock_guard<std::mutex> lock(swap_mutex_);
  Result<std::shared_ptr<const Snapshot>> next = load_snapshot(db_.reader());
  if (!next.ok()) return next.status();
  snapshot_.store(std::move(*next));
  return Status::Ok();
}

Result<std::vector<AreaRecord>> AreaService::list(const AreaQuery& q) const {
  return list_areas(db_.reader(), q);
}

Result<std::vector<AreaRecord>> AreaService::all() const { return all_areas(db_.reader()); }

Result<AreaRecord> AreaService::get(int64_t id) const { return get_area(db_.reader(), id); }

Result<std::optional<std::pair<int64_t, Level>>> AreaService::find_code(
    const std::string& code) const {
  return find_by_code(db_.reader(), code);
}

CodeLookup AreaService::stored_codes() const {
  return [&db = db_](const std::string& code) { return areas::stored_codes(db.reader())(code); };
}

void AreaService::write(Job job, const Editor& by, Changes changes,
                        std::function<void(const Status&)> done) {
  db_.submit(
      [this, job = std::move(job), by](store::Connection& conn) -> Status {
        Result<accounts::AuditEntry> e = job(conn);
        if (!e.ok()) return e.status();
        e->actor_user_id = by.user_id;
        e->client_address = by.client_address;
        if (Status s = store::record_change(conn, kAreasTopic, 0); !s.ok()) return s;
        return audit_.append_job(std::move(e).value())(conn);
      },
      [this, changes = std::move(changes), done = std::move(done)](const Status& s) {
        if (s.ok()) {
          std::vector<AreaShape> put;
          std::vector<int64_t> removed;
          changes(put, removed);
          {
            std::lock_guard<std::mutex> lock(swap_mutex_);
            snapshot_.store(snapshot_.load()->changed(std::move(put), removed));
          }
          if (changed_) changed_();
        }
        done(s);
      });
}

void AreaService::create(NewArea a, Editor by, Done<AreaRecord> done) {
  auto row = std::make_shared<AreaRecord>();
  row->level = a.level;
  row->parent_id = a.parent_id;
  row->name = std::move(a.name);
  row->code = std::move(a.code);
  row->boundary = boundary_text(a.geometry);
  auto geometry = std::make_shared<Geometry>(std::move(a.geometry));
  write(
      [row](store::Connection& c) -> Result<accounts::AuditEntry> {
        if (Status s = check_parent(c, row->level, row->parent_id); !s.ok()) return s;
        if (Status s = check_code_free(c, row->code, 0); !s.ok()) return s;
        if (Status s = insert_area(c, *row); !s.ok()) return s;
        accounts::AuditDetail d;
        d.add("level", level_name(row->level)).add("name", row->name);
        row->code ? d.add("code", *row->code) : d.add_null("code");
        return entry("area.create", row->id, d.str());
      },
      by,
      [row, geometry](std::vector<AreaShape>& put, std::vector<int64_t>&) {
        put.push_back(shape_of(*row, std::move(*geometry)));
      },
      [row, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*row);
      });
}

void AreaService::update(int64_t id, AreaPatch p, Editor by, Done<AreaRecord> done) {
  auto row = std::make_shared<AreaRecord>();
  auto patch = std::make_shared<AreaPatch>(std::move(p));
  std::optional<std::string> boundary;
  if (patch->geometry) boundary = boundary_text(*patch->geometry);
  write(
      [row, patch, id, boundary](store::Connection& c) -> Result<accounts::AuditEntry> {
        auto current = get_area(c, id);
        if (!current.ok()) return current.status();
        *row = std::move(current).value();
        std::vector<std::string> fields;
        if (patch->name) {
          row->name = *patch->name;
          fields.push_back("name");
        }
        if (patch->code) {
          row->code = *patch->code;
          fields.push_back("code");
        }
        if (boundary) {
          row->boundary = *boundary;
          fields.push_back("boundary");
        }
        if (patch->parent_id) {
          row->parent_id = *patch->parent_id;
          fields.push_back("parent_id");
          if (Status s = check_parent(c, row->level, row->parent_id); !s.ok()) return s;
        }
        if (Status s = check_code_free(c, row->code, id); !s.ok()) return s;
        if (Status s = update_area(c, *row); !s.ok()) return s;
        return entry("area.update", id,
                     accounts::AuditDetail().add_strings("fields", fields).str());
      },
      by,
      [row, patch](std::vector<AreaShape>& put, std::vector<int64_t>&) {
        put.push_back(shape_of(*row, std::move(patch->geometry)));
      },
      [row, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*row);
      });
}

void AreaService::remove(int64_t id, Editor by, Done<AreaRecord> done) {
  auto row = std::make_shared<AreaRecord>();
  write(
      [row, id](store::Connection& c) -> Result<accounts::AuditEntry> {
        auto current = get_area(c, id);
        if (!current.ok()) return current.status();
        *row = std::move(current).value();
        if (Status s = delete_area(c, id); !s.ok()) return s;
        return entry("area.delete", id,
                     accounts::AuditDetail()
                         .add("level", level_name(row->level))
                         .add("name", row->name)
                         .str());
      },
      by, [id](std::vector<AreaShape>&, std::vector<int64_t>& removed) { removed.push_back(id); },
      [row, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        row->boundary.clear();
        done(*row);
      });
}

namespace {

// The id of the parent named by `code`: a feature imported earlier in this
// job, else an existing area (which must still exist since planning).
Result<std::optional<int64_t>> parent_id_of(store::Connection& c, const ImportFeature& f,
                                            const std::map<std::string, int64_t>& imported) {
  if (!f.parent_code) return std::optional<int64_t>();
  if (auto it = imported.find(*f.parent_code); it != imported.end()) {
    return std::optional<int64_t>(it->second);
  }
  auto found = find_by_code(c, *f.parent_code);
  if (!found.ok()) return found.status();
  if (!*found) {
    return Status::Conflict("the parent area " + *f.parent_code +
                            " was deleted during the import; nothing was imported");
  }
  return std::optional<int64_t>((*found)->first);
}

}  // namespace

void AreaService::import(ImportPlan plan, Editor by, Done<ImportOutcome> done) {
  auto out = std::make_shared<ImportOutcome>();
  out->skipped = std::move(plan.invalid);
  auto features = std::make_shared<std::vector<ImportFeature>>(std::move(plan.features));
  auto texts = std::make_shared<std::vector<std::string>>();
  for (const ImportFeature& f : *features) texts->push_back(boundary_text(f.geometry));
  write(
      [out, features, texts](store::Connection& c) -> Result<accounts::AuditEntry> {
        out->created.clear();
        std::map<std::string, int64_t> imported;
        for (size_t i = 0; i < features->size(); ++i) {
          const ImportFeature& f = (*features)[i];
          AreaRecord row;
          row.level = f.level;
          row.name = f.name;
          row.code = f.code;
          row.boundary = (*texts)[i];
          auto parent = parent_id_of(c, f, imported);
          if (!parent.ok()) return parent.status();
          row.parent_id = *parent;
          if (Status s = check_parent(c, row.level, row.parent_id); !s.ok()) {
            return Status::Conflict("the parent of features[" + std::to_string(f.index) +
                                    "] changed during the import; nothing was imported");
          }
          if (Status s = check_code_free(c, row.code, 0); !s.ok()) return s;
          if (Status s = insert_area(c, row); !s.ok()) return s;
          if (row.code) imported[*row.code] = row.id;
          row.boundary.clear();
          out->created.push_back(std::move(row));
        }
        return entry("area.import", 0,
                     accounts::AuditDetail()
                         .add("created", static_cast<int64_t>(out->created.size()))
                         .add("skipped", static_cast<int64_t>(out->skipped.size()))
                         .str());
      },
      by,
      [out, features](std::vector<AreaShape>& put, std::vector<int64_t>&) {
        for (size_t i = 0; i < out->created.size(); ++i) {
          put.push_back(shape_of(out->created[i], std::move((*features)[i].geometry)));
        }
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::areas
