// Pickup adults and their codes (pickup_service.h), on SQLite and on
// PostgreSQL: the code shown once and stored only as pickup_code_hash; only
// a guardian of the adult's children edits, revokes or renews it (revoke
// kills the code, a new code the old); the photo saved and read back by the
// guardians and, audited, by the staff of the children's programmes; and
// what forget_guardian does when a guardian deletes their account.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "afterschool/family_test_world.h"
#include "afterschool/forget.h"
#include "photos/photos.h"

namespace warmcity::afterschool {
namespace {

std::string pickup_from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// A 1×1 PNG.
const std::string kPickupPng = pickup_from_hex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082");

class FamilyPickupService : public FamilyWorld {
 protected:
  // Whether `code` is the adult's current code, as the check-out asks.
  bool code_is(int64_t adult, const std::string& code) {
    const std::string id = std::to_string(adult);
    const std::string salt = text("SELECT code_salt FROM pickup_adults WHERE id = " + id);
    return text("SELECT code_hash FROM pickup_adults WHERE id = " + id) ==
           pickup_code_hash(salt, adult, code);
  }
  Result<PickupAdultRow> revoke(int64_t id, const Caller& by) {
    return family_wait<PickupAdultRow>([&](auto d) { pickups_->revoke(id, by, d); });
  }
  Result<AdultWithCode> new_code(int64_t id, const Caller& by) {
    return family_wait<AdultWithCode>([&](auto d) { pickups_->new_code(id, by, d); });
  }
  Result<PickupAdultRow> update(int64_t id, PickupAdultPatch p, const Caller& by) {
    return family_wait<PickupAdultRow>([&](auto d) { pickups_->update(id, p, by, d); });
  }
  Result<PickupPhoto> photo(int64_t id, const Caller& by) {
    return family_wait<PickupPhoto>([&](auto d) { pickups_->photo(id, by, d); });
  }
  static PickupAdultFields with_photo(PickupAdultFields f) {
    Result<photos::CheckedPhoto> p = photos::check_photo(kPickupPng);
    EXPECT_TRUE(p.ok()) << p.status().message();
    if (p.ok()) f.photo = std::move(*p);
    return f;
  }
};

TEST_F(FamilyPickupService, TheCodeIsShownOnceAndStoredOnlyAsItsHash) {
  const int64_t a = made_child();
  Result<AdultWithCode> made = add_adult(mother(), adult({a}));
  ASSERT_TRUE(made.ok()) << made.status().message();
  ASSERT_EQ(made->code.size(), 6u);
  EXPECT_TRUE(accounts::is_code_shaped(made->code));
  const PickupAdultRow& row = made->adult;
  EXPECT_EQ(row.name, "张奶奶");
  EXPECT_EQ(row.birth_date, "1958-04-02");
  EXPECT_EQ(row.owner_user_id, 10);
  EXPECT_EQ(row.child_ids, std::vector<int64_t>{a});
  EXPECT_EQ(row.code_set_at, kFamilyNow);
  EXPECT_FALSE(row.revoked_at);
  EXPECT_FALSE(row.photo_file);
  EXPECT_TRUE(adult_active(row, "2026-09-14"));
  EXPECT_TRUE(code_is(row.id, made->code));
  const std::string id = std::to_string(row.id);
  EXPECT_EQ(text("SELECT code_hash FROM pickup_adults WHERE id = " + id).size(), 64u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_adults WHERE code_hash LIKE '%" + made->code +
                  "%' OR code_salt LIKE '%" + made->code + "%'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pickup_adult.create' AND "
                  "subject_id = '" +
                  id + "'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%" + made->code + "%'"), 0);
  Result<std::vector<PickupAdultRow>> mine = pickups_->mine(mother());
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].id, row.id);
}

TEST_F(FamilyPickupService, OnlyTheChildrensGuardiansNameAnAdult) {
  const int64_t a = made_child();
  const int64_t theirs = made_child(other_mother(), child("刘小刚", "2018-01-01"));
  Result<AdultWithCode> not_mine = add_adult(mother(), adult({a, theirs}));
  EXPECT_EQ(not_mine.status().code(), Code::kPermissionDenied) << not_mine.status().message();
  EXPECT_EQ(first_field(add_adult(mother(), adult({a + 1000})).status()), "child_ids");
  EXPECT_EQ(add_adult(staff1(), adult({a})).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(add_adult(admin(), adult({a})).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(add_adult(anonymous(), adult({a})).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_adults"), 0);
  EXPECT_EQ(pickups_->mine(staff1()).status().code(), Code::kPermissionDenied);
}

TEST_F(FamilyPickupService, EveryGuardianOfItsChildrenSeesItAndNobodyElse) {
  const int64_t a = made_child();
  Result<AdultWithCode> made = add_adult(mother(), adult({a}));
  ASSERT_TRUE(made.ok());
  Result<std::vector<PickupAdultRow>> fathers = pickups_->mine(father());
  ASSERT_TRUE(fathers.ok());
  EXPECT_TRUE(fathers->empty());
  ASSERT_TRUE(family_wait<std::vector<GuardianRow>>([&](auto d) {
                children_->add_guardian(a, GuardianInvite{"13900000011", "父亲"}, mother(), d);
              }).ok());
  fathers = pickups_->mine(father());
  ASSERT_TRUE(fathers.ok());
  ASSERT_EQ(fathers->size(), 1u);
  Result<std::vector<PickupAdultRow>> theirs = pickups_->mine(other_mother());
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->empty());
}

TEST_F(FamilyPickupService, RevokingKillsTheCodeAtOnce) {
  const int64_t a = made_child();
  Result<AdultWithCode> made = add_adult(mother(), adult({a}));
  ASSERT_TRUE(made.ok());
  const int64_t id = made->adult.id;
  EXPECT_EQ(revoke(id, other_mother()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(revoke(id, staff1()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(revoke(id, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(revoke(id + 100, mother()).status().code(), Code::kNotFound);
  Result<PickupAdultRow> r = revoke(id, mother());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->revoked_at, kFamilyNow);
  EXPECT_FALSE(adult_active(*r, "2026-09-14"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_adults WHERE revoked_at IS NOT NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pickup_adult.revoke'"), 1);
  Result<AdultWithCode> renewed = new_code(id, mother());
  EXPECT_EQ(renewed.status().code(), Code::kConflict);
  EXPECT_EQ(renewed.status().message().rfind("revoked", 0), 0u);
  PickupAdultPatch p;
  p.name = "王奶奶";
  EXPECT_EQ(update(id, p, mother()).status().code(), Code::kConflict);
  now_ = kFamilyNow + 60;
  Result<PickupAdultRow> again = revoke(id, mother());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->revoked_at, kFamilyNow);  // once
}

TEST_F(FamilyPickupService, ANewCodeKillsTheOld) {
  const int64_t a = made_child();
  Result<AdultWithCode> made = add_adult(mother(), adult({a}));
  ASSERT_TRUE(made.ok());
  const int64_t id = made->adult.id;
  const std::string old_salt =
      text("SELECT code_salt FROM pickup_adults WHERE id = " + std::to_string(id));
  now_ = kFamilyNow + 3600;
  Result<AdultWithCode> renewed = new_code(id, mother());
  ASSERT_TRUE(renewed.ok()) << renewed.status().message();
  EXPECT_TRUE(accounts::is_code_shaped(renewed->code));
  EXPECT_EQ(renewed->adult.code_set_at, kFamilyNow + 3600);
  EXPECT_TRUE(code_is(id, renewed->code));
  if (renewed->code != made->code) {
    EXPECT_FALSE(code_is(id, made->code));
  }
  EXPECT_NE(text("SELECT code_salt FROM pickup_adults WHERE id = " + std::to_string(id)), old_salt);
  EXPECT_EQ(new_code(id, other_mother()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(new_code(id + 100, mother()).status().code(), Code::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pickup_adult.new_code'"), 1);
}

TEST_F(FamilyPickupService, GuardiansEditAnAdult) {
  const int64_t a = made_child();
  const int64_t b = made_child(mother(), child("张小红", "2019-05-01"));
  const int64_t theirs = made_child(other_mother(), child("刘小刚", "2018-01-01"));
  Result<AdultWithCode> made = add_adult(mother(), adult({a}));
  ASSERT_TRUE(made.ok());
  const int64_t id = made->adult.id;
  PickupAdultPatch p;
  p.phone = "13800000009";
  p.valid_until.emplace(core::LocalDate{2026, 12, 31});
  p.child_ids = std::vector<int64_t>{a, b};
  Result<PickupAdultRow> r = update(id, p, mother());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->phone, "13800000009");
  EXPECT_EQ(r->valid_until, "2026-12-31");
  EXPECT_EQ(r->child_ids, (std::vector<int64_t>{a, b}));
  EXPECT_EQ(r->name, "张奶奶");
  EXPECT_TRUE(code_is(id, made->code));  // an edit keeps the code
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pickup_adult.update'"), 1);
  EXPECT_FALSE(adult_active(*r, "2027-01-01"));  // past valid_until
  PickupAdultPatch bad;
  bad.child_ids = std::vector<int64_t>{a, theirs};
  EXPECT_EQ(update(id, bad, mother()).status().code(), Code::kPermissionDenied);
  bad.child_ids = std::vector<int64_t>{a, theirs + 1000};
  EXPECT_EQ(first_field(update(id, bad, mother()).status()), "child_ids");
  EXPECT_EQ(update(id, p, other_mother()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(update(id, p, admin()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(update(id + 100, p, mother()).status().code(), Code::kNotFound);
  // A link to a child the editor does not guard stays: the father guards
  // only b; he moves the adult from b to nothing of his, a stays linked.
  ASSERT_TRUE(exec("INSERT INTO child_guardians (child_id, user_id, relation, added_by, added_at) "
                   "VALUES (" +
                   std::to_string(b) +
                   ", 11, '父亲', 10, 0); DELETE FROM child_guardians WHERE "
                   "user_id = 10 AND child_id = " +
                   std::to_string(b))
                  .ok());
  PickupAdultPatch fathers;
  fathers.child_ids = std::vector<int64_t>{b};
  fathers.relation = "外婆";
  Result<PickupAdultRow> kept = update(id, fathers, father());
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(kept->child_ids, (std::vector<int64_t>{a, b}));
  PickupAdultPatch open;
  open.valid_until.emplace(std::nullopt);
  Result<PickupAdultRow> unlimited = update(id, open, mother());
  ASSERT_TRUE(unlimited.ok());
  EXPECT_FALSE(unlimited->valid_until);
  EXPECT_EQ(unlimited->child_ids, (std::vector<int64_t>{a, b}));
}

TEST_F(FamilyPickupService, ThePhotoIsSeenByGuardiansAndAuditedByTheProgrammesStaff) {
  const int64_t a = made_child();
  Result<AdultWithCode> made = add_adult(mother(), with_photo(adult({a})));
  ASSERT_TRUE(made.ok()) << made.status().message();
  const int64_t id = made->adult.id;
  ASSERT_TRUE(made->adult.photo_file);
  EXPECT_EQ(*made->adult.photo_file, photos::sha256_hex(kPickupPng) + ".png");
  Result<PickupPhoto> seen = photo(id, mother());
  ASSERT_TRUE(seen.ok()) << seen.status().message();
  EXPECT_EQ(seen->media_type, "image/png");
  EXPECT_EQ(seen->bytes, kPickupPng);
  const std::string audited =
      "SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
      "subject_type = 'pickup_adult' AND detail LIKE '%afterschool_pickup_photo%'";
  EXPECT_EQ(count(audited), 0);
  EXPECT_EQ(photo(id, staff1()).status().code(), Code::kPermissionDenied);  // not enrolled yet
  ASSERT_TRUE(enrol(a, 1).ok());
  Result<PickupPhoto> staff = photo(id, staff1());
  ASSERT_TRUE(staff.ok()) << staff.status().message();
  EXPECT_EQ(staff->bytes, kPickupPng);
  EXPECT_EQ(count(audited), 1);
  for (const Caller& by : {staff2(), admin(), organiser(), other_mother()})
    EXPECT_EQ(photo(id, by).status().code(), Code::kPermissionDenied) << by.user_id;
  EXPECT_EQ(photo(id, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(photo(id + 100, mother()).status().code(), Code::kNotFound);
  Result<AdultWithCode> plain = add_adult(mother(), adult({a}, "张爷爷"));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(photo(plain->adult.id, mother()).status().code(), Code::kNotFound);
  EXPECT_EQ(photo(plain->adult.id, staff1()).status().code(), Code::kNotFound);
  PickupAdultPatch drop;
  drop.photo.emplace(std::nullopt);
  Result<PickupAdultRow> dropped = update(id, drop, mother());
  ASSERT_TRUE(dropped.ok());
  EXPECT_FALSE(dropped->photo_file);
  EXPECT_EQ(photo(id, mother()).status().code(), Code::kNotFound);
}

TEST_F(FamilyPickupService, ForgettingTheLastGuardianErasesTheChild) {
  const int64_t alone = made_child();                                          // mother only
  const int64_t shared = made_child(mother(), child("张小红", "2019-05-01"));  // and father
  ASSERT_TRUE(family_wait<std::vector<GuardianRow>>([&](auto d) {
                children_->add_guardian(shared, GuardianInvite{"13900000011", "父亲"}, mother(), d);
              }).ok());
  const int64_t theirs = made_child(other_mother(), child("刘小刚", "2018-01-01"));
  ASSERT_TRUE(enrol(alone, 1).ok());
  ASSERT_TRUE(enrol(shared, 2).ok());
  ASSERT_TRUE(enrol(theirs, 1, other_mother()).ok());
  Result<AdultWithCode> only_alone = add_adult(mother(), adult({alone}));
  Result<AdultWithCode> both = add_adult(mother(), adult({alone, shared}, "张爷爷"));
  ASSERT_TRUE(only_alone.ok() && both.ok());
  ASSERT_TRUE(exec("INSERT INTO afterschool_attendance (programme_id, child_id, day, "
                   "checked_in_at, checked_in_by, brought_by, checked_out_at, checked_out_by, "
                   "pickup_method, pickup_adult_id, pickup_name, pickup_relation) VALUES (1, " +
                   std::to_string(alone) + ", '2026-09-11', 1, 3, 'from_school', 2, 3, 'code', " +
                   std::to_string(only_alone->adult.id) + ", '张奶奶', '奶奶')")
                  .ok());
  ASSERT_TRUE(exec("INSERT INTO pickup_proxies (child_id, day, name, phone, requested_by, "
                   "created_at) VALUES (" +
                   std::to_string(alone) + ", '2026-09-12', '邻居李', '13900000099', 10, 1)")
                  .ok());
  now_ = kFamilyNow + 100;
  ASSERT_TRUE(
      db_->write([](store::Connection& c) { return forget_guardian(c, 10, kFamilyNow + 100); })
          .ok());
  const std::string sa = std::to_string(alone);
  EXPECT_EQ(count("SELECT COUNT(*) FROM child_guardians WHERE user_id = 10"), 0);
  EXPECT_EQ(text("SELECT name FROM children WHERE id = " + sa), "（已删除）");
  EXPECT_EQ(count("SELECT COUNT(*) FROM children WHERE id = " + sa +
                  " AND school = '' AND grade = '' AND health_notes IS NULL AND birth_date IS NULL "
                  "AND erased_at = " +
                  std::to_string(kFamilyNow + 100)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM child_pickup_adults WHERE child_id = " + sa), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_enrolments WHERE child_id = " + sa +
                  " AND status = 'withdrawn'"),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM afterschool_attendance WHERE child_id = " + sa +
            " AND pickup_method = 'code' AND pickup_adult_id IS NULL AND pickup_name IS NULL"),
      1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_proxies WHERE child_id = " + sa), 0);
  // The shared child keeps its father, its data, its enrolment and the adult linked to it.
  Result<ChildRecord> kept = read_child(shared, father());
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(kept->child.name, "张小红");
  ASSERT_EQ(kept->guardians.size(), 1u);
  EXPECT_EQ(kept->guardians[0].user_id, 11);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_enrolments WHERE child_id = " +
                  std::to_string(shared) + " AND status = 'active'"),
            1);
  // The adult of the erased child only is deleted; the one still linked is not.
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_adults WHERE id = " +
                  std::to_string(only_alone->adult.id)),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_adults WHERE revoked_at IS NULL AND id = " +
                  std::to_string(both->adult.id)),
            1);
  // Nobody reads the erased child; another family is untouched.
  EXPECT_EQ(read_child(alone, staff1()).status().code(), Code::kNotFound);
  EXPECT_EQ(text("SELECT name FROM children WHERE id = " + std::to_string(theirs)), "刘小刚");
  // The capacity it held is free again.
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_enrolments WHERE programme_id = 1 AND "
                  "status = 'active'"),
            1);
  // Forgetting someone who guards nothing changes nothing.
  EXPECT_TRUE(db_->write([](store::Connection& c) { return forget_guardian(c, 13); }).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM children WHERE erased_at IS NOT NULL"), 1);
}

}  // namespace
}  // namespace warmcity::afterschool
