// The hours ledger's bodies and views (record_json.h): every bad field
// named, unknown fields refused, a correction's fields named inside an
// answer, the record view's shape.
#include "volunteers/record_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace warmcity::volunteers {
namespace {

std::vector<std::string> fields_of(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& e : s.field_errors()) out.push_back(e.field);
  return out;
}

TEST(RecordJsonTest, AManualRecordsFieldsAreChecked) {
  nlohmann::json ok = {{"volunteer_id", 3},
                       {"organiser_org_id", 2},
                       {"service_date", "2026-05-30"},
                       {"content", "清理小广告"},
                       {"minutes", 120}};
  Result<RecordInput> in = read_record_input(ok);
  ASSERT_TRUE(in.ok()) << in.status().message();
  EXPECT_EQ(in->place, "");
  EXPECT_EQ(in->minutes, 120);
  nlohmann::json bad = ok;
  bad["minutes"] = -5;  // negative only in a correction
  bad["service_date"] = "2026-5-30";
  bad["volunteer_id"] = "3";
  bad["place"] = std::string(201, 'x');
  bad["colour"] = "red";
  Result<RecordInput> refused = read_record_input(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kUnprocessable);
  std::vector<std::string> f = fields_of(refused.status());
  for (const char* want : {"volunteer_id", "service_date", "place", "minutes", "colour"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
  bad = ok;
  bad["minutes"] = 1441;
  EXPECT_EQ(fields_of(read_record_input(bad).status()), std::vector<std::string>{"minutes"});
  bad = ok;
  bad["service_date"] = "2026-02-30";
  EXPECT_EQ(fields_of(read_record_input(bad).status()), std::vector<std::string>{"service_date"});
  bad = ok;
  bad.erase("content");
  EXPECT_EQ(fields_of(read_record_input(bad).status()), std::vector<std::string>{"content"});
}

TEST(RecordJsonTest, ACorrectionChangesSomethingAndSaysWhy) {
  EXPECT_TRUE(read_correction({{"minutes", -30}, {"reason", "记错"}}).ok());
  EXPECT_EQ(fields_of(read_correction({{"minutes", 0}, {"reason", "记错"}}).status()),
            std::vector<std::string>{"minutes"});
  EXPECT_EQ(fields_of(read_correction({{"minutes", -1441}, {"reason", ""}}).status()),
            (std::vector<std::string>{"minutes", "reason"}));
  EXPECT_EQ(fields_of(read_correction({{"minutes", 1.5}, {"reason", "x"}}).status()),
            std::vector<std::string>{"minutes"});
}

TEST(RecordJsonTest, AnAnswersCorrectionIsNamedInside) {
  Result<DisputeAnswer> plain = read_dispute_answer({{"answer", "已核实"}});
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->correction);
  EXPECT_FALSE(read_dispute_answer({{"answer", "已核实"}, {"correction", nullptr}})->correction);
  Result<DisputeAnswer> with = read_dispute_answer(
      {{"answer", "补记"}, {"correction", {{"minutes", 60}, {"reason", "漏记"}}}});
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(with->correction->minutes, 60);
  Result<DisputeAnswer> bad =
      read_dispute_answer({{"answer", ""}, {"correction", {{"minutes", 0}, {"why", "x"}}}});
  EXPECT_EQ(fields_of(bad.status()),
            (std::vector<std::string>{"answer", "correction.minutes", "correction.reason",
                                      "correction.why"}));
  EXPECT_EQ(fields_of(read_dispute_answer({{"answer", "x"}, {"correction", 60}}).status()),
            std::vector<std::string>{"correction"});
  EXPECT_EQ(fields_of(read_dispute_text({{"text", std::string(501, 'x')}}).status()),
            std::vector<std::string>{"text"});
  EXPECT_TRUE(read_empty_body(nlohmann::json::object()).ok());
  EXPECT_EQ(fields_of(read_empty_body({{"state", "confirmed"}})),
            std::vector<std::string>{"state"});
}

TEST(RecordJsonTest, TheRecordView) {
  Record r;
  r.id = 5;
  r.volunteer_id = 3;
  r.organiser_name = "社区";
  r.service_date = "2026-05-30";
  r.content = "代购/代办服务";
  r.minutes = 45;
  r.source = "errand";
  r.source_id = 7;
  r.state = "confirmed";
  r.confirmed_by = 9;
  r.confirmed_at = 1'780'000'000;
  r.created_at = 1'780'000'000;
  r.corrections = {6};
  r.volunteer_no = "V12345678";
  r.volunteer_name = "王翠萍";
  nlohmann::ordered_json j = record_json(r);
  EXPECT_EQ(
      j.dump(),
      "{\"id\":5,\"volunteer_id\":3,\"volunteer\":{\"id\":3,\"volunteer_no\":\"V12345678\","
      "\"name\":\"王翠萍\"},\"organiser\":{\"id\":null,\"name\":\"社区\"},"
      "\"service_date\":\"2026-05-30\",\"place\":\"\",\"content\":\"代购/代办服务\","
      "\"minutes\":45,\"source\":\"errand\",\"source_id\":7,\"state\":\"confirmed\","
      "\"confirmed_by\":9,\"confirmed_at\":\"2026-05-29T04:26:40+08:00\",\"corrects_id\":null,"
      "\"reason\":null,\"created_by\":null,\"created_at\":\"2026-05-29T04:26:40+08:00\","
      "\"corrections\":[6],\"dispute\":null}");
  r.dispute = DisputeRef{2, "open", "少记了半小时", std::nullopt, std::nullopt};
  EXPECT_EQ(record_json(r)["dispute"].dump(),
            "{\"id\":2,\"state\":\"open\",\"text\":\"少记了半小时\",\"answer\":null,"
            "\"answered_at\":null}");
  r.dispute = DisputeRef{2, "answered", "少记了半小时", "已补记", 1'780'000'000};
  EXPECT_EQ(record_json(r)["dispute"]["answer"], "已补记");
  EXPECT_EQ(record_json(r)["dispute"]["answered_at"], "2026-05-29T04:26:40+08:00");
}

}  // namespace
}  // namespace warmcity::volunteers
