// The pure parts: vocabularies, caller-ID forms, who sees what, and the
// request reader's checks.
#include <gtest/gtest.h>

#include "core/time.h"
#include "eldercare/elder.h"
#include "eldercare/elder_access.h"
#include "eldercare/elder_input.h"
#include "eldercare/elder_json.h"

namespace warmcity::eldercare {
namespace {

TEST(Elder, Vocabularies) {
  EXPECT_TRUE(is_category("living_alone"));
  EXPECT_TRUE(is_category("lost_only_child"));
  EXPECT_FALSE(is_category("独居"));
  EXPECT_EQ(category_codes().size(), 8u);
  EXPECT_TRUE(is_risk_tier("priority"));
  EXPECT_FALSE(is_risk_tier("urgent"));
  EXPECT_TRUE(is_consent_basis("legal_duty"));
  EXPECT_FALSE(is_health_consent_basis("legal_duty"));
  EXPECT_TRUE(is_close_reason("died"));
  EXPECT_FALSE(is_close_reason("gone"));
}

TEST(Elder, BirthDates) {
  EXPECT_EQ(birth_date_days("1970-01-02"), 1);
  EXPECT_EQ(birth_date_days("1969-12-31"), -1);
  EXPECT_TRUE(birth_date_days("1900-02-28"));
  EXPECT_FALSE(birth_date_days("1899-12-31"));
  EXPECT_FALSE(birth_date_days("1941-02-29"));
  EXPECT_FALSE(birth_date_days("1941-2-28x"));
  EXPECT_FALSE(birth_date_days("1941/02/28"));
}

TEST(Elder, CallerIdForms) {
  EXPECT_EQ(caller_id_form("13812345678"), "13812345678");
  EXPECT_EQ(caller_id_form("+86 138 1234 5678"), "13812345678");
  EXPECT_EQ(caller_id_form("008613812345678"), "13812345678");
  EXPECT_EQ(caller_id_form("8613812345678"), "13812345678");
  EXPECT_EQ(caller_id_form("0358-8221234"), "03588221234");
  EXPECT_EQ(caller_id_form("(0358) 822 1234"), "03588221234");
  EXPECT_EQ(caller_id_form("+86 358 8221234"), "03588221234");  // the trunk 0 dropped
  EXPECT_EQ(caller_id_form("0086 358 8221234"), "03588221234");
  EXPECT_EQ(caller_id_form("+86 10 12345678"), "01012345678");
  EXPECT_EQ(caller_id_form("+86 0358 8221234"), "03588221234");
  EXPECT_EQ(caller_id_form("1381234567"), std::nullopt);
  EXPECT_EQ(caller_id_form("phone"), std::nullopt);
  EXPECT_EQ(caller_id_form("138+12345678"), std::nullopt);
  EXPECT_EQ(caller_id_form(""), std::nullopt);
}

Elder in_grid() {
  Elder e;
  e.grid_id = 30;
  e.community_id = 20;
  e.subdistrict_id = 10;
  return e;
}

TEST(ElderAccess, ByRoleAndArea) {
  const Elder e = in_grid();
  EXPECT_EQ(view_of(e, {1, "admin", {}, ""}), View::kFull);
  EXPECT_EQ(view_of(e, {2, "worker", {30}, ""}), View::kFull);      // her grid
  EXPECT_EQ(view_of(e, {2, "worker", {20}, ""}), View::kFull);      // her community
  EXPECT_EQ(view_of(e, {2, "worker", {10}, ""}), View::kMasked);    // her sub-district
  EXPECT_EQ(view_of(e, {2, "worker", {}, ""}), View::kMasked);      // the district
  EXPECT_EQ(view_of(e, {2, "worker", {21, 31}, ""}), View::kNone);  // elsewhere
  EXPECT_EQ(view_of(e, {3, "volunteer", {30}, ""}), View::kNone);
  EXPECT_EQ(view_of(e, {4, "resident", {}, ""}), View::kNone);
  EXPECT_EQ(view_of(e, {5, "department", {}, ""}), View::kNone);
  // Her team's two members see her whole but change nothing unless they are
  // workers of her grid or community.
  Elder paired = e;
  paired.team_members = {6, 7};
  EXPECT_EQ(view_of(paired, {6, "worker", {21}, ""}), View::kFull);
  EXPECT_EQ(view_of(paired, {7, "volunteer", {}, ""}), View::kFull);
  EXPECT_FALSE(may_change(paired, {6, "worker", {21}, ""}));
  EXPECT_FALSE(may_change(paired, {7, "volunteer", {}, ""}));
  EXPECT_TRUE(may_change(paired, {6, "worker", {30}, ""}));
  EXPECT_TRUE(may_change(e, {1, "admin", {}, ""}));
  EXPECT_TRUE(may_change(e, {2, "worker", {20}, ""}));
  EXPECT_FALSE(may_change(e, {2, "worker", {10}, ""}));  // masked: reads only
  EXPECT_FALSE(may_change(e, {2, "worker", {}, ""}));
  EXPECT_EQ(listable_areas({1, "admin", {}, ""}), std::nullopt);
  EXPECT_EQ(listable_areas({2, "worker", {}, ""}), std::nullopt);
  EXPECT_EQ(listable_areas({2, "worker", {20}, ""}), std::vector<int64_t>({20}));
  EXPECT_EQ(listable_areas({3, "keeper", {20}, ""}), std::vector<int64_t>{});
}

TEST(ElderJson, MaskedHidesPersonalAndHealthDetails) {
  Elder e = in_grid();
  e.name = "张桂兰";
  e.phones = {"13812345678", "0358-8221234"};
  e.address = "交通路 12 号 3 单元";
  e.lat = 37.5;
  e.lon = 111.1;
  e.birth_date = "1941-03-08";
  e.emergency_contacts = {{"王建国", "儿子", "13900001111"}};
  e.needs = Needs{"低盐", "拄拐", "左耳弱", {"硝苯地平"}};
  e.health_consent = Consent{"consent", "由女儿王丽代签", 1, 0};
  e.consent = Consent{"guardian_consent", "监护人王丽 13700002222", 1, 0};
  e.closed = true;
  e.closed_reason = "died";
  e.closed_note = "脑梗，县医院";
  const std::string masked = dump(elder_json(e, View::kMasked));
  for (const char* secret :
       {"张桂兰", "13812345678", "8221234", "交通路", "03-08", "王建国", "13900001111", "低盐",
        "硝苯地平", "37.5", "王丽", "13700002222", "脑梗"}) {
    EXPECT_EQ(masked.find(secret), std::string::npos) << secret << " in " << masked;
  }
  EXPECT_NE(masked.find("\"name\":\"张**\""), std::string::npos) << masked;
  EXPECT_NE(masked.find("138****5678"), std::string::npos) << masked;
  EXPECT_NE(masked.find("1941-**-**"), std::string::npos) << masked;
  EXPECT_NE(masked.find("\"health_consent\":null"), std::string::npos) << masked;
  const std::string full = dump(elder_json(e, View::kFull));
  EXPECT_NE(full.find("硝苯地平"), std::string::npos);
  EXPECT_NE(full.find("交通路"), std::string::npos);
}

TEST(ElderJson, ChangesNameOnlyWhatDiffers) {
  Elder a = in_grid();
  a.name = "张桂兰";
  Elder b = a;
  EXPECT_EQ(changes_of(a, b).history, "");
  EXPECT_TRUE(changes_of(a, b).fields.empty());
  b.name = "张桂芝";
  b.updated_at = 99;
  EXPECT_EQ(changes_of(a, b).history, R"({"fields":{"name":{"old":"张桂兰","new":"张桂芝"}}})");
  EXPECT_EQ(changes_of(a, b).fields, std::vector<std::string>{"name"});
}

TEST(ElderJson, ChangesNeverCopyHealthDetails) {
  Elder a = in_grid();
  a.needs = Needs{"低盐", "拄拐", "左耳弱", {"硝苯地平"}};
  a.health_consent = Consent{"consent", "", 1, 0};
  Elder b = a;
  b.needs.reset();  // consent withdrawn: the details go
  b.health_consent.reset();
  const Changes c = changes_of(a, b);
  EXPECT_EQ(c.history.find("硝苯地平"), std::string::npos) << c.history;
  EXPECT_EQ(c.history.find("低盐"), std::string::npos) << c.history;
  EXPECT_NE(c.history.find(R"("needs":{"changed":true})"), std::string::npos) << c.history;
  EXPECT_EQ(c.fields, (std::vector<std::string>{"needs", "health_consent"}));
}

const int64_t kToday = core::days_from_civil({2026, 5, 1});

TEST(ElderInputTest, ReadsAWholeRecord) {
  Result<ElderInput> in = read_elder_input(R"({
    "name": "张桂兰", "phones": ["13812345678"], "address": "交通路 12 号",
    "lat": 37.51, "lon": 111.105, "birth_date": "1941-03-08",
    "categories": ["living_alone", "disabled", "living_alone"], "risk_tier": "high",
    "emergency_contacts": [{"name": "王建国", "relation": "儿子", "phone": "13900001111"}],
    "needs": {"diet": "低盐", "medicines": ["硝苯地平"]},
    "consent": {"basis": "consent", "note": "本人口头同意"},
    "health_consent": {"basis": "guardian_consent"}})",
                                           false, kToday);
  ASSERT_TRUE(in.ok()) << in.status().message() << " "
                       << (in.ok() ? ""
                                   : in.status().field_errors()[0].field + ": " +
                                         in.status().field_errors()[0].message);
  EXPECT_EQ(in->categories->size(), 2u);  // repeats dropped
  ASSERT_TRUE(in->needs && *in->needs);
  EXPECT_EQ((*in->needs)->medicines, std::vector<std::string>{"硝苯地平"});
  EXPECT_EQ((*in->health_consent)->basis, "guardian_consent");
}

// The field names of the errors of a refused body.
std::vector<std::string> fields_of(const std::string& body) {
  Result<ElderInput> in = read_elder_input(body, false, kToday);
  std::vector<std::string> out;
  if (in.ok()) return out;
  for (const FieldError& e : in.status().field_errors()) out.push_back(e.field);
  return out;
}

TEST(ElderInputTest, RefusesBadFieldsAllAtOnce) {
  EXPECT_EQ(read_elder_input("[1]", false, kToday).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(read_elder_input("{", false, kToday).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(fields_of(R"({"phones": ["12345"], "lat": "north", "lon": 111,
                          "birth_date": "2030-01-01", "risk_tier": "urgent", "colour": 1})"),
            (std::vector<std::string>{"lat", "birth_date", "risk_tier", "phones[0]", "colour"}));
  EXPECT_EQ(fields_of(R"({"categories": ["独居"]})"), std::vector<std::string>{"categories"});
  EXPECT_EQ(fields_of(R"({"lat": 37.5})"), std::vector<std::string>{"lon"});
  EXPECT_EQ(fields_of(R"({"health_consent": {"basis": "legal_duty"}})"),
            std::vector<std::string>{"health_consent.basis"});
  EXPECT_EQ(fields_of(R"({"emergency_contacts": [{"name": "王", "phone": "x", "age": 3}]})"),
            (std::vector<std::string>{"emergency_contacts[0].phone", "emergency_contacts[0].age"}));
  EXPECT_EQ(fields_of(R"({"needs": {"diet": 3, "pills": []}})"),
            (std::vector<std::string>{"needs.diet", "needs.pills"}));
  EXPECT_EQ(fields_of(R"({"phones": ["13812345678", "13812345678"]})"),
            std::vector<std::string>{"phones[1]"});
}

TEST(ElderInputTest, NullErasesNeedsAndWithdrawsHealthConsent) {
  Result<ElderInput> in =
      read_elder_input(R"({"needs": null, "health_consent": null})", false, kToday);
  ASSERT_TRUE(in.ok());
  ASSERT_TRUE(in->needs.has_value());
  EXPECT_FALSE(in->needs->has_value());
  ASSERT_TRUE(in->health_consent.has_value());
  EXPECT_FALSE(in->health_consent->has_value());
}

TEST(ElderInputTest, Close) {
  EXPECT_EQ(read_close_input(R"({"reason": "died", "note": "家属告知"})")->reason, "died");
  EXPECT_EQ(read_close_input(R"({"reason": "gone"})").status().code(), Code::kUnprocessable);
  EXPECT_EQ(read_close_input(R"({})").status().code(), Code::kUnprocessable);
}

}  // namespace
}  // namespace warmcity::eldercare
