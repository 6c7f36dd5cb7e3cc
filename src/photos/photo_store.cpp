#include "photos/photo_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace warmcity::photos {

namespace {

// A full disk (or quota) is kStorageFull (507); other failures kUnavailable.
Status io_error(const std::string& what, const std::string& path) {
  const int err = errno;
  std::string message = what + " " + path + ": " + std::strerror(err);
  if (err == ENOSPC || err == EDQUOT) return Status::StorageFull(std::move(message));
  return Status::Unavailable(std::move(message));
}

// A failed save as the client hears it: what happened, never the server's path.
Status for_client(const Status& failed) {
  if (failed.code() == Code::kStorageFull) {
    return Status::StorageFull(
        "there is no space left to store the photo; send it without the photo and tell the "
        "staff");
  }
  return Status::Unavailable("the photo could not be stored; try again shortly");
}

std::string extension_of(const Photo& p) {
  if (p.media_type == "image/png") return "png";
  if (p.media_type == "image/webp") return "webp";
  return "jpg";
}

Status fsync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) return io_error("cannot open", path);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return io_error("cannot fsync", path);
  return Status::Ok();
}

Status write_all(const std::string& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot create", path);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return io_error("cannot write", path);
    }
    done += static_cast<size_t>(n);
  }
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return io_error("cannot fsync", path);
  return Status::Ok();
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Result<PhotoStore> PhotoStore::open(std::string dir, int64_t quota_bytes) {
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return io_error("cannot create photo directory", dir);
  }
  DIR* d = ::opendir(dir.c_str());
  if (!d) return io_error("cannot list photo directory", dir);
  int64_t used = 0;
  while (const dirent* e = ::readdir(d)) {
    struct stat st {};
    if (e->d_name[0] != '.' && ::fstatat(::dirfd(d), e->d_name, &st, 0) == 0 &&
        S_ISREG(st.st_mode)) {
      used += st.st_size;
    }
  }
  ::closedir(d);
  return PhotoStore(std::move(dir), quota_bytes, used);
}

Result<Photo> PhotoStore::save(std::string_view bytes, ImageType type) const {
  Photo p{sha256_hex(bytes), std::string(media_type(type)), static_cast<int64_t>(bytes.size())};
  const std::string path = dir_ + "/" + p.sha256 + "." + std::string(extension(type));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && st.st_size == p.bytes) return p;  // stored before
  // Reserve first, so that racing saves cannot pass the quota together.
  if (used_->fetch_add(p.bytes) + p.bytes > quota_) {
    used_->fetch_sub(p.bytes);
    return Status::StorageFull(
        "the photo storage is full; send it without the photo and tell the staff");
  }
  // A name of its own: two servers sharing the directory (docs/scaling.md)
  // may save the same photo at once, and one must never truncate the file
  // the other is renaming.
  char nonce[17];
  const uint64_t r = randombytes_random() | (uint64_t{randombytes_random()} << 32);
  std::snprintf(nonce, sizeof nonce, "%016llx", static_cast<unsigned long long>(r));
  const std::string tmp = path + "." + std::to_string(::getpid()) + "." + nonce + ".tmp";
  if (Status s = write_all(tmp, bytes); !s.ok()) {
    used_->fetch_sub(p.bytes);
    ::unlink(tmp.c_str());
    return for_client(s);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status failed = io_error("cannot rename", tmp);
    used_->fetch_sub(p.bytes);
    ::unlink(tmp.c_str());
    return for_client(failed);
  }
  if (Status s = fsync_path(dir_, O_RDONLY | O_DIRECTORY | O_CLOEXEC); !s.ok()) {
    return for_client(s);
  }
  return p;
}

Result<std::string> PhotoStore::read(const Photo& photo) const {
  const std::string path = dir_ + "/" + photo.sha256 + "." + extension_of(photo);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("no stored photo " + photo.sha256);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace warmcity::photos
