// FacilityService::relocate_all(): the stored area ids of every facility
// derived again after the areas changed (see facility_service.h,
// "Relocation").
#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

#include "facilities/facility_service.h"

namespace warmcity::facilities {

namespace {

// Facilities per write job: one job reads, locates and updates this many.
constexpr int64_t kRelocateChunk = 2000;

struct Placed {
  int64_t id = 0;
  double lat = 0;
  double lon = 0;
  std::optional<int64_t> subdistrict_id, community_id, grid_id;
};

}  // namespace

void FacilityService::relocate_all() {
  {
    std::lock_guard lock(relocate_mu_);
    if (relocating_) {  // the run in progress starts again once it ends
      relocate_again_ = true;
      return;
    }
    relocating_ = true;
  }
  relocate_chunk(0, 0);
}

void FacilityService::relocate_chunk(int64_t after, size_t moved_before) {
  struct Chunk {
    int64_t next = -1;  // the last id read; -1 when this chunk was the last
    size_t moved = 0;   // facilities whose areas changed
  };
  auto chunk = std::make_shared<Chunk>();
  db_.submit(
      [this, after, chunk](store::Connection& c) -> Status {
        auto read = c.prepare(
            "SELECT id, lat, lon, subdistrict_id, community_id, grid_id FROM facilities "
            "WHERE id > ? ORDER BY id LIMIT ?");
        if (!read.ok()) return read.status();
        read->bind(1, after).bind(2, kRelocateChunk);
        Result<std::vector<Placed>> rows = store::collect<Placed>(*read, [](store::Statement& s) {
          return Placed{s.column_int64(0),     s.column_double(1),    s.column_double(2),
                        s.column_int64_opt(3), s.column_int64_opt(4), s.column_int64_opt(5)};
        });
        if (!rows.ok()) return rows.status();
        for (const Placed& p : *rows) {
          Facility f;
          f.lat = p.lat;
          f.lon = p.lon;
          derive_area(f);
          if (f.subdistrict_id == p.subdistrict_id && f.community_id == p.community_id &&
              f.grid_id == p.grid_id) {
            continue;
          }
          auto write = c.prepare(
              "UPDATE facilities SET subdistrict_id = ?, community_id = ?, grid_id = ? "
              "WHERE id = ?");
          if (!write.ok()) return write.status();
          write->bind(1, f.subdistrict_id).bind(2, f.community_id).bind(3, f.grid_id).bind(4, p.id);
          if (Status s = write->run(); !s.ok()) return s;
          ++chunk->moved;
        }
        if (static_cast<int64_t>(rows->size()) == kRelocateChunk) chunk->next = rows->back().id;
        return Status::Ok();
      },
      [this, chunk, moved_before](const Status& s) {
        const size_t total = moved_before + chunk->moved;
        if (s.ok() && chunk->next >= 0) return relocate_chunk(chunk->next, total);
        if (!s.ok()) {
          spdlog::warn("facilities: re-deriving areas stopped: {}", s.message());
        } else if (total > 0) {
          spdlog::info("facilities: {} facilities now lie in other areas", total);
        }
        bool again = false;
        {
          std::lock_guard lock(relocate_mu_);
          again = relocate_again_ && s.ok();
          relocate_again_ = false;
          relocating_ = again;
        }
        if (again) relocate_chunk(0, 0);
      });
}

}  // namespace warmcity::facilities
