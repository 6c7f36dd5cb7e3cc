// The door's photos (pickup_photos.h).
#include "afterschool/pickup_photos.h"

#include <utility>

namespace warmcity::afterschool {

namespace {

// The stored photo named by "<sha256>.<ext>".
photos::Photo family_photo_of(const std::string& file) {
  photos::Photo p;
  const size_t dot = file.find('.');
  p.sha256 = file.substr(0, dot);
  const std::string ext = dot == std::string::npos ? "" : file.substr(dot + 1);
  for (photos::ImageType t :
       {photos::ImageType::kJpeg, photos::ImageType::kPng, photos::ImageType::kWebp})
    if (photos::extension(t) == ext) p.media_type = std::string(photos::media_type(t));
  return p;
}

}  // namespace

FamilyPhotos::FamilyPhotos(photos::PhotoStore store)
    : store_(std::move(store)), slow_(std::make_unique<core::WorkPool>(1)) {}

FamilyPhotos::FamilyPhotos() : slow_(std::make_unique<core::WorkPool>(1)) {}

FamilyPhotos::~FamilyPhotos() { slow_->shutdown(); }

Result<std::string> FamilyPhotos::save(const photos::CheckedPhoto& p) const {
  if (!store_) return Status::Unavailable("photos are not kept here");
  Result<photos::Photo> saved = store_->save(p.bytes, p.type);
  if (!saved.ok()) return saved.status();
  return saved->sha256 + "." + std::string(photos::extension(p.type));
}

void FamilyPhotos::send(std::string file, std::function<void(Result<FamilyPhoto>)> done) {
  if (!store_) return done(Status::NotFound("no photo"));
  auto shared = std::make_shared<std::function<void(Result<FamilyPhoto>)>>(std::move(done));
  const bool queued = slow_->try_post([this, file = std::move(file), shared] {
    const photos::Photo p = family_photo_of(file);
    Result<std::string> bytes = store_->read(p);
    if (!bytes.ok()) return (*shared)(bytes.status());
    (*shared)(FamilyPhoto{p.media_type, std::move(*bytes)});
  });
  if (!queued)
    (*shared)(Status::Unavailable("too many photos are being read at once; try again shortly"));
}

}  // namespace warmcity::afterschool
