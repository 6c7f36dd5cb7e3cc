// The photos the door relies on (docs/afterschool.md): a pickup adult's and
// a child's, which staff compare with the face before them. Written once
// for PickupService and ChildService, each of which keeps one.
//
// A photo is checked by the body's reader (family_photo, pickup_adult.h),
// saved by photos::PhotoStore::save on the writer thread inside the write
// job that names it (save() gives the row's "<sha256>.<ext>"), and read back
// on this object's own slow-work thread, never an I/O thread's nor the
// writer's (send()). That thread also reads the bodies that carry a photo
// (post_slow). The photo store is shared and content-addressed: a photo a
// row stops naming (removed, erased) stays as a file named by no row.
// Thread-safe; the destructor drops queued work (the server has stopped).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "core/work_pool.h"
#include "photos/photo_store.h"

namespace warmcity::afterschool {

// A stored photo as the photo routes answer it.
struct FamilyPhoto {
  std::string media_type;
  std::string bytes;
};
using PickupPhoto = FamilyPhoto;

class FamilyPhotos {
 public:
  explicit FamilyPhotos(photos::PhotoStore store);
  // Without a store (the demo's ChildService, which adds children without
  // photos): save() refuses every photo (kUnavailable), send() has none.
  FamilyPhotos();
  ~FamilyPhotos();
  FamilyPhotos(const FamilyPhotos&) = delete;
  FamilyPhotos& operator=(const FamilyPhotos&) = delete;

  // Saves a checked photo; the file name a row keeps. Blocking: call it in
  // the write job that names the photo.
  Result<std::string> save(const photos::CheckedPhoto& p) const;
  // Reads the photo named `file` on the slow-work thread and hands it to
  // `done` there (kUnavailable at once when that queue is full).
  void send(std::string file, std::function<void(Result<FamilyPhoto>)> done);
  // Runs `task` on the slow-work thread; false when its queue is full
  // (answer 503).
  [[nodiscard]] bool post_slow(std::function<void()> task) {
    return slow_->try_post(std::move(task));
  }

 private:
  std::optional<photos::PhotoStore> store_;
  std::unique_ptr<core::WorkPool> slow_;
};

}  // namespace warmcity::afterschool
