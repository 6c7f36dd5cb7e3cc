// The JSON shapes of categories, appeals, events and the public tracking
// page. Include only in route translation units (it pulls in nlohmann/json).
//
// Personal data: the contact appears only as the ContactView allows (masked:
// name and phone per core::mask_name and core::mask_phone); the tracking
// page (track_json) carries no contact, reporter, actor or assignment field
// at all, and only public events, with only their published notes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "appeals/appeal.h"
#include "appeals/appeal_service.h"
#include "appeals/category.h"

namespace warmcity::appeals {

nlohmann::ordered_json category_json(const Category& c);
// `with_actor` false: the reporter's view — the actor's user id is null and
// a note shows only when published (note_public).
nlohmann::ordered_json event_json(const Event& e, bool with_actor);
// The staff / reporter view. `full_contact` replaces the view with the
// revealed contact.
nlohmann::ordered_json appeal_json(const Appeal& a, const Category* category, ContactView view,
                                   const std::vector<Step>& allowed, int64_t now,
                                   const std::optional<Contact>& full_contact = std::nullopt);
nlohmann::ordered_json track_json(const Appeal& a, const Category* category,
                                  const std::vector<Event>& public_events);
// The answer to a submission: small, because it is built on the writer
// thread after the commit (id, tracking code, state, deadlines, photos).
// Photo i (0-based) of `a`: sha256, media_type, bytes, url.
nlohmann::ordered_json photo_json(const Appeal& a, size_t i);
// The answer to a submission, with the photo_token for its photos.
nlohmann::ordered_json receipt_json(const Appeal& a, const std::string& category_code);
// One entry of the similar-appeals list.
nlohmann::ordered_json similar_json(const Similar& s);

std::string dump(const nlohmann::ordered_json& body);

}  // namespace warmcity::appeals
