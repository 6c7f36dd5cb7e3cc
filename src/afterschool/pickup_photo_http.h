// The HTTP side of the door's photos (pickup_photos.h), written once for
// the pickup adults' routes (pickup_routes.cpp) and the children's
// (child_routes.cpp): a body that may carry a photo read off the I/O thread
// when it is large, and a stored photo answered. Include only in route
// translation units.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>

#include "afterschool/child_json.h"
#include "afterschool/pickup_photos.h"
#include "http/problem.h"
#include "http/router.h"
#include "photos/photo_text.h"

namespace warmcity::afterschool {

// Bodies up to this size are read on the I/O thread; larger ones (a photo)
// on the service's slow-work thread.
inline constexpr size_t kFamilyBodyReadInline = 16 * 1024;
// The body limit of a route whose body may carry a photo.
inline constexpr size_t kFamilyPhotoBodyLimit = photos::kMaxPhotoTextBytes + 4096;

// Runs `work` here for a small body, else through `post_slow` (the
// service's; 503 when its queue is full).
template <class Service>
void family_read_body(Service& service, size_t size, const http::Reply& reply,
                      std::function<void()> work) {
  if (size <= kFamilyBodyReadInline) return work();
  if (!service.post_slow(std::move(work))) {
    http::Response busy =
        http::problem(503, "too many photos are being read at once; try again shortly");
    busy.set_header("Retry-After", "5");
    reply(std::move(busy));
  }
}

// The answer of a photo read: the image, kept by no cache (a person's face).
inline std::function<void(Result<FamilyPhoto>)> family_photo_answer(http::Reply reply) {
  return [reply = std::move(reply)](Result<FamilyPhoto> r) {
    if (!r.ok()) return reply(family_problem(r.status()));
    http::Response out;
    out.content_type = r->media_type;
    out.body = std::move(r->bytes);
    out.set_header("Cache-Control", "private, no-store");
    reply(std::move(out));
  };
}

}  // namespace warmcity::afterschool
