// PickupService: the adults a guardian names to take their children home,
// and their codes (docs/afterschool.md "Pickup adults and their codes").
// HTTP-free.
//
// Who: a resident adds an adult for children they guard (another family's
// child 403, an unknown child 422 child_ids); a guardian of one of its children
// lists, edits, revokes it and asks for a new code; its photo is seen by
// those guardians and by the staff of a programme one of its children is
// actively enrolled in (that read audited: personal_data.read, purpose
// afterschool_pickup_photo). Nobody else: 403; an unknown adult 404.
//
// The code: 6 digits made here, returned once by create and new_code (never
// stored, logged or audited in clear): the row keeps its salt and
// pickup_code_hash. A revoked adult's code is dead at once (revoked_at); a
// new code replaces salt and hash. The photo is kept as pickup_photos.h
// says: saved in the write job that names it, read back on the service's
// own photo thread, never an I/O thread's.
// Every write is one write job with its audit row (pickup_adult.create,
// pickup_adult.update, pickup_adult.revoke, pickup_adult.new_code).
// Lifetime: REQUIRES db and audit to outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "accounts/caller.h"
#include "afterschool/child_service.h"
#include "afterschool/pickup_adult.h"
#include "afterschool/pickup_photos.h"
#include "afterschool/pickup_store.h"
#include "photos/photo_store.h"
#include "store/database.h"

namespace warmcity::afterschool {

// An adult with the code made for it (create, new_code).
struct AdultWithCode {
  PickupAdultRow adult;
  std::string code;
};

class PickupService {
 public:
  PickupService(store::Database& db, accounts::AuditLog& audit, photos::PhotoStore photos,
                std::function<int64_t()> now = nullptr);

  int64_t now() const;
  core::LocalDate today() const;

  void create(PickupAdultFields f, Caller by, FamilyDone<AdultWithCode> done);
  Result<std::vector<PickupAdultRow>> mine(const Caller& by);
  // kConflict "revoked" for a revoked adult. child_ids replace the links
  // to the caller's children; links to children they do not guard stay.
  void update(int64_t id, PickupAdultPatch p, Caller by, FamilyDone<PickupAdultRow> done);
  // A revoked adult answers as it is.
  void revoke(int64_t id, Caller by, FamilyDone<PickupAdultRow> done);
  // kConflict "revoked" for a revoked adult.
  void new_code(int64_t id, Caller by, FamilyDone<AdultWithCode> done);
  // kNotFound when the adult has no photo.
  void photo(int64_t id, Caller by, FamilyDone<PickupPhoto> done);

  // Runs `task` on the service's slow-work thread — reading a body that
  // carries a photo, reading a photo's file — so that no I/O thread waits
  // for it. False when that queue is full: answer 503.
  [[nodiscard]] bool post_slow(std::function<void()> task) {
    return photos_.post_slow(std::move(task));
  }

 private:
  store::Database& db_;
  accounts::AuditLog& audit_;
  std::function<int64_t()> now_;
  FamilyPhotos photos_;  // saved, read back; bodies decoded on its thread
};

}  // namespace warmcity::afterschool
