// PhotoStore: photos (an appeal's, an errand's receipt) as files named by
// the SHA-256 of their (already stripped) bytes, in a directory outside the
// database (default: beside the database file, "<db>-photos/").
//
// save() writes "<dir>/<sha256>.<ext>" through a temporary file, fsyncs it,
// renames it into place and fsyncs the directory, so the file is durable
// before the caller commits the row that names it. The same photo sent
// twice is stored once. A file whose row then fails to commit stays as an
// unreferenced file (harmless; nothing lists the directory).
// The directory holds at most `quota_bytes` of photos: open() adds up what
// is there, save() counts what it adds and refuses a new photo beyond the
// quota (kStorageFull), so a flood of pictures cannot fill the disk the
// database lives on. A full disk is kStorageFull too; save()'s messages never
// name the server's paths (they reach the client).
// Blocking file I/O: call it off the I/O threads (AppealService and
// ErrandService do, on the writer thread inside the write job that names the
// photo). One store per directory, shared by copies (the quota counts every
// saver's photos). Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "photos/photos.h"

namespace warmcity::photos {

class PhotoStore {
 public:
  static constexpr int64_t kDefaultQuota = int64_t{20} << 30;  // 20 GiB

  // Creates the directory if missing. kUnavailable when it cannot.
  static Result<PhotoStore> open(std::string dir, int64_t quota_bytes = kDefaultQuota);

  // REQUIRES: `bytes` were stripped (photos.h). kUnavailable on an I/O error.
  Result<Photo> save(std::string_view bytes, ImageType type) const;
  // The stored bytes of a photo; kNotFound when there is no such file.
  Result<std::string> read(const Photo& photo) const;

  const std::string& dir() const { return dir_; }
  // Bytes of photos in the directory now.
  int64_t used_bytes() const { return used_->load(); }

 private:
  PhotoStore(std::string dir, int64_t quota, int64_t used)
      : dir_(std::move(dir)), quota_(quota), used_(std::make_shared<std::atomic<int64_t>>(used)) {}
  std::string dir_;
  int64_t quota_;
  std::shared_ptr<std::atomic<int64_t>> used_;  // shared by copies
};

// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace warmcity::photos
