#include "appeals/appeal_json.h"

#include <cmath>

#include "appeals/deadlines.h"
#include "core/phone.h"
#include "core/time.h"

namespace warmcity::appeals {

namespace {

using nlohmann::ordered_json;

ordered_json time_or_null(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

template <class T>
ordered_json or_null(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json stored(const std::string& text) {
  ordered_json v = ordered_json::parse(text, nullptr, false);
  return v.is_discarded() ? ordered_json::object() : v;
}

ordered_json category_ref(const Appeal& a, const Category* c) {
  if (!c) return {{"id", a.category_id}};
  return {{"code", c->code}, {"name_zh", c->name_zh}, {"name_en", c->name_en}};
}

std::string urgency_name(const Appeal& a, int64_t now) {
  if (!a.due_at) return "none";
  switch (urgency_at(make_clock(*a.clock_start, *a.due_at), now)) {
    case Urgency::kOverdue:
      return "overdue";
    case Urgency::kNearlyDue:
      return "nearly_due";
    case Urgency::kNone:
      return "none";
  }
  return "none";
}

}  // namespace

std::string dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json category_json(const Category& c) {
  return {{"code", c.code},
          {"name_zh", c.name_zh},
          {"name_en", c.name_en},
          {"group", c.group},
          {"department_org_id", or_null(c.department_org_id)},
          {"response_hours", c.response_hours},
          {"resolution_days", c.resolution_days},
          {"attributes", stored(attributes_to_json(c.attributes))},
          {"active", c.active},
          {"created_at", core::format_rfc3339(c.created_at)},
          {"updated_at", core::format_rfc3339(c.updated_at)}};
}

namespace {

// Why the system took a step, as a key ("dissatisfied_callback"), or null.
// Reopens by the system before the key existed carry a bilingual note: they
// get the key too, and their note is not repeated.
ordered_json system_reason(const Event& e) {
  if (e.actor_role != "system" || e.action != "reopen") return nullptr;
  return "dissatisfied_callback";
}

std::string note_of(const Event& e) { return system_reason(e).is_null() ? e.note : std::string(); }

// The note as a reader outside the staff sees it: only a published one.
std::string public_note_of(const Event& e) { return e.note_public ? note_of(e) : std::string(); }

}  // namespace

ordered_json event_json(const Event& e, bool with_actor) {
  return {{"id", e.id},
          {"at", core::format_rfc3339(e.at)},
          {"actor_user_id", with_actor ? or_null(e.actor_user_id) : nullptr},
          {"actor_role", e.actor_role},
          {"action", e.action},
          {"from_state", e.from_state ? ordered_json(state_name(*e.from_state)) : nullptr},
          {"to_state", e.to_state ? ordered_json(state_name(*e.to_state)) : nullptr},
          {"note", with_actor ? note_of(e) : public_note_of(e)},
          {"reason", system_reason(e)},
          {"public", e.is_public},
          {"note_public", e.note_public},
          {"detail", stored(e.detail_json)}};
}

ordered_json appeal_json(const Appeal& a, const Category* category, ContactView view,
                         const std::vector<Step>& allowed, int64_t now,
                         const std::optional<Contact>& full_contact) {
  ordered_json contact = nullptr;
  if (full_contact) {
    contact = {{"name", full_contact->name}, {"phone", full_contact->phone}, {"masked", false}};
  } else if (a.contact && view == ContactView::kFull) {
    contact = {{"name", a.contact->name}, {"phone", a.contact->phone}, {"masked", false}};
  } else if (a.contact && view == ContactView::kMasked) {
    contact = {{"name", core::mask_name(a.contact->name)},
               {"phone", core::mask_phone(a.contact->phone)},
               {"masked", true}};
  }
  ordered_json photos = ordered_json::array();
  for (size_t i = 0; i < a.photos.size(); ++i) {
    photos.push_back(
        {{"sha256", a.photos[i].sha256},
         {"media_type", a.photos[i].media_type},
         {"bytes", a.photos[i].bytes},
         {"url", "/api/v1/appeals/" + std::to_string(a.id) + "/photos/" + std::to_string(i + 1)}});
  }
  ordered_json steps = ordered_json::array();
  for (Step s : allowed) steps.push_back(step_name(s));
  ordered_json callback = nullptr;
  if (a.satisfaction) {
    callback = {{"contacted", or_null(a.callback_contacted)},
                {"solved", or_null(a.callback_solved)},
                {"satisfaction", satisfaction_name(*a.satisfaction)}};
  }
  return {{"id", a.id},
          {"tracking_code", a.tracking_code},
          {"category", category_ref(a, category)},
          {"channel", channel_name(a.channel)},
          {"state", state_name(a.state)},
          {"description", a.description},
          {"attributes", stored(a.attributes_json)},
          {"location",
           {{"lat", or_null(a.lat)},
            {"lon", or_null(a.lon)},
            {"address", or_null(a.address)},
            {"subdistrict_id", or_null(a.subdistrict_id)},
            {"community_id", or_null(a.community_id)},
            {"grid_id", or_null(a.grid_id)}}},
          {"photos", std::move(photos)},
          {"anonymous", a.anonymous},
          {"contact", std::move(contact)},
          {"assigned_org_id", or_null(a.assigned_org_id)},
          {"assigned_area_id", or_null(a.assigned_area_id)},
          {"submitted_at", core::format_rfc3339(a.submitted_at)},
          {"response_due", core::format_rfc3339(a.response_due)},
          {"resolution_due", core::format_rfc3339(a.resolution_due)},
          {"accepted_at", time_or_null(a.accepted_at)},
          {"replied_at", time_or_null(a.replied_at)},
          {"closed_at", time_or_null(a.closed_at)},
          {"reply_outcome", or_null(a.reply_outcome)},
          {"callback", std::move(callback)},
          {"merged_into", or_null(a.merged_into)},
          {"followers", a.followers},
          {"reopen_count", a.reopen_count},
          {"due_at", time_or_null(a.due_at)},
          {"urgency", urgency_name(a, now)},
          {"allowed_steps", std::move(steps)}};
}

ordered_json photo_json(const Appeal& a, size_t i) {
  return {{"sha256", a.photos[i].sha256},
          {"media_type", a.photos[i].media_type},
          {"bytes", a.photos[i].bytes},
          {"url", "/api/v1/appeals/" + std::to_string(a.id) + "/photos/" + std::to_string(i + 1)}};
}

ordered_json receipt_json(const Appeal& a, const std::string& category_code) {
  ordered_json photos = ordered_json::array();
  for (size_t i = 0; i < a.photos.size(); ++i) photos.push_back(photo_json(a, i));
  return {{"id", a.id},
          {"tracking_code", a.tracking_code},
          {"category", category_code},
          {"state", state_name(a.state)},
          {"anonymous", a.anonymous},
          {"submitted_at", core::format_rfc3339(a.submitted_at)},
          {"response_due", core::format_rfc3339(a.response_due)},
          {"resolution_due", core::format_rfc3339(a.resolution_due)},
          {"photos", std::move(photos)},
          {"photo_token", a.photo_token},
          {"photo_upload_url", "/api/v1/appeals/" + std::to_string(a.id) + "/photos"},
          {"track_url", "/api/v1/appeals/track/" + a.tracking_code}};
}

ordered_json track_json(const Appeal& a, const Category* category,
                        const std::vector<Event>& public_events) {
  ordered_json timeline = ordered_json::array();
  ordered_json replies = ordered_json::array();
  for (const Event& e : public_events) {
    timeline.push_back({{"at", core::format_rfc3339(e.at)},
                        {"action", e.action},
                        {"state", e.to_state ? ordered_json(state_name(*e.to_state)) : nullptr},
                        {"note", public_note_of(e)},
                        {"reason", system_reason(e)}});
    if (e.action == "reply") {
      ordered_json detail = stored(e.detail_json);
      replies.push_back({{"at", core::format_rfc3339(e.at)},
                         {"outcome", detail.value("outcome", "")},
                         {"text", e.note}});
    }
  }
  return {{"tracking_code", a.tracking_code},
          {"category", category_ref(a, category)},
          {"state", state_name(a.state)},
          {"description", a.description},
          {"submitted_at", core::format_rfc3339(a.submitted_at)},
          {"resolution_due", core::format_rfc3339(a.resolution_due)},
          {"closed_at", time_or_null(a.closed_at)},
          {"followers", a.followers},
          {"replies", std::move(replies)},
          {"timeline", std::move(timeline)}};
}

ordered_json similar_json(const Similar& s) {
  const Appeal& a = s.appeal;
  return {{"id", a.id},
          {"tracking_code", a.tracking_code},
          {"state", state_name(a.state)},
          {"description", a.description},
          {"submitted_at", core::format_rfc3339(a.submitted_at)},
          {"distance_m", std::round(s.distance_m)},
          {"followers", a.followers}};
}

}  // namespace warmcity::appeals
