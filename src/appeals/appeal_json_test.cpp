// The JSON of events and of the tracking page: an unpublished note reaches
// staff only; a published one, and a reply's, everyone who sees the event.
#include "appeals/appeal_json.h"

#include <gtest/gtest.h>

namespace warmcity::appeals {
namespace {

Event event(std::string action, std::string note, bool note_public) {
  Event e;
  e.id = 1;
  e.appeal_id = 9;
  e.at = 1'780'000'000;
  e.actor_user_id = 3;
  e.actor_role = "worker";
  e.action = std::move(action);
  e.to_state = State::kAccepted;
  e.note = std::move(note);
  e.is_public = true;
  e.note_public = note_public;
  return e;
}

TEST(EventJson, StaffReadEveryNoteTheReporterOnlyPublishedOnes) {
  const Event internal = event("accept", "先打电话核实", false);
  nlohmann::ordered_json staff = event_json(internal, true);
  EXPECT_EQ(staff["note"], "先打电话核实");
  EXPECT_EQ(staff["note_public"], false);
  EXPECT_EQ(staff["actor_user_id"], 3);
  nlohmann::ordered_json reporter = event_json(internal, false);
  EXPECT_EQ(reporter["note"], "");
  EXPECT_TRUE(reporter["actor_user_id"].is_null());
  EXPECT_EQ(event_json(event("dispatch", "已派住建局", true), false)["note"], "已派住建局");
}

TEST(TrackJson, TheTimelineCarriesOnlyPublishedNotes) {
  Appeal a;
  a.tracking_code = "ABCD2345";
  a.state = State::kReplied;
  Event reply = event("reply", "已修好", true);
  reply.to_state = State::kReplied;
  reply.detail_json = R"({"outcome":"solved"})";
  nlohmann::ordered_json page = track_json(
      a, nullptr, {event("accept", "内部备注", false), event("dispatch", "已派单", true), reply});
  ASSERT_EQ(page["timeline"].size(), 3u);
  EXPECT_EQ(page["timeline"][0]["note"], "");
  EXPECT_EQ(page["timeline"][1]["note"], "已派单");
  EXPECT_EQ(page["timeline"][2]["note"], "已修好");
  ASSERT_EQ(page["replies"].size(), 1u);
  EXPECT_EQ(page["replies"][0]["text"], "已修好");
  EXPECT_EQ(dump(page).find("内部备注"), std::string::npos);
}

}  // namespace
}  // namespace warmcity::appeals
