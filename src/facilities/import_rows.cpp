// FacilityService::import(): writing an import plan's rows in chunks, one
// audit entry, one snapshot rebuild (see facility_service.h, "Import").
#include <algorithm>
#include <utility>

#include "core/time.h"
#include "facilities/facility_service.h"
#include "facilities/facility_store.h"
#include "store/change_feed.h"

namespace warmcity::facilities {

// One import in progress; shared by its chunk jobs and callbacks, which run
// one after another.
struct FacilityService::ImportRun {
  std::vector<Facility> rows;
  ImportCounts counts;
  Editor by;
  ImportProgress progress;
  ImportDone done;
  size_t next = 0;           // the first row of the next chunk
  std::vector<int64_t> ids;  // written so far (committed)
};

void FacilityService::import(std::vector<Facility> rows, ImportCounts counts, Editor by,
                             ImportProgress progress, ImportDone done) {
  for (Facility& f : rows) {
    if (!by.may_edit(f)) {
      return done(Status::PermissionDenied(
          "a keeper may only import facilities kept by one of their organisations"));
    }
    derive_area(f);
  }
  auto run = std::make_shared<ImportRun>();
  run->rows = std::move(rows);
  run->counts = std::move(counts);
  run->by = std::move(by);
  run->progress = std::move(progress);
  run->done = std::move(done);
  import_chunk(std::move(run));
}

void FacilityService::import_chunk(std::shared_ptr<ImportRun> run) {
  const size_t begin = run->next;
  const size_t end = std::min(run->rows.size(), begin + kImportChunk);
  const bool last = end == run->rows.size();
  auto written = std::make_shared<std::vector<int64_t>>();
  db_.submit(
      [this, run, begin, end, last, written](store::Connection& c) {
        for (size_t i = begin; i < end; ++i) {
          Facility& f = run->rows[i];
          FieldChanges changes;
          if (Status s = record(c, nullptr, f, run->by, changes); !s.ok()) return s;
          written->push_back(f.id);
        }
        if (!last) return Status::Ok();
        // Other instances read the whole import at once, as this one does.
        if (Status s = store::record_change(c, kFacilitiesTopic, 0); !s.ok()) return s;
        const ImportCounts& n = run->counts;
        return audit(c, run->by, "facility.import", "",
                     accounts::AuditDetail()
                         .add("format", n.format)
                         .add("rows", int64_t(n.rows))
                         .add("imported", int64_t(end))
                         .add("skipped", int64_t(n.skipped))
                         .str(),
                     core::now_unix());
      },
      [this, run, end, last, written](const Status& s) {
        if (!s.ok()) {
          // Undo the chunks already committed, then report the failure.
          auto ids = std::make_shared<std::vector<int64_t>>(std::move(run->ids));
          db_.submit(
              [ids](store::Connection& c) {
                if (Status s = delete_new_facilities(c, *ids); !s.ok()) return s;
                return store::record_change(c, kFacilitiesTopic, 0);
              },
              [run, s](const Status&) { run->done(s); });
          return;
        }
        run->ids.insert(run->ids.end(), written->begin(), written->end());
        run->next = end;
        if (run->progress) run->progress(end, run->rows.size());
        if (!last) return import_chunk(run);
        // On failure the old snapshot stays; the change feed reads the import
        // again (its item 0) at its next check.
        (void)reload_snapshot();
        run->done(std::move(run->ids));
      });
}

}  // namespace warmcity::facilities
