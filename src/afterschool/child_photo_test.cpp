// A child's photo (child_service.h, docs/afterschool.md "Children and
// guardians"), on SQLite and on PostgreSQL: given with the child or by an
// edit, replaced, removed; read by its guardians and, audited, by the staff
// of a programme it is actively enrolled in, never by admins, the
// organiser, another programme's staff or another family; gone from the
// record when the child is erased.
#include <gtest/gtest.h>

#include <string>

#include "afterschool/family_test_world.h"
#include "afterschool/forget.h"
#include "photos/photos.h"

namespace warmcity::afterschool {
namespace {

std::string child_photo_from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// A 1×1 PNG.
const std::string kChildPng = child_photo_from_hex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082");

class FamilyChildPhoto : public FamilyWorld {
 protected:
  Result<FamilyPhoto> photo(int64_t id, const Caller& by) {
    return family_wait<FamilyPhoto>([&](auto d) { children_->photo(id, by, d); });
  }
  Result<ChildRecord> update(int64_t id, ChildPatch p, const Caller& by) {
    return family_wait<ChildRecord>([&](auto d) { children_->update(id, p, by, d); });
  }
  static photos::CheckedPhoto png() {
    Result<photos::CheckedPhoto> p = photos::check_photo(kChildPng);
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? *p : photos::CheckedPhoto{};
  }
  static ChildFields with_photo(ChildFields f) {
    f.photo = png();
    return f;
  }
  // The staff reads of the child's photo audited.
  int64_t photo_reads(int64_t child) {
    return count(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
        "subject_type = 'child' AND subject_id = '" +
        std::to_string(child) + "' AND detail LIKE '%afterschool_child_photo%'");
  }
};

TEST_F(FamilyChildPhoto, AChildMadeWithAPhotoShowsItToItsGuardians) {
  Result<ChildRecord> made = add_child(mother(), with_photo(child()));
  ASSERT_TRUE(made.ok()) << made.status().message();
  ASSERT_TRUE(made->child.photo_file);
  EXPECT_EQ(*made->child.photo_file, photos::sha256_hex(kChildPng) + ".png");
  const int64_t id = made->child.id;
  Result<FamilyPhoto> seen = photo(id, mother());
  ASSERT_TRUE(seen.ok()) << seen.status().message();
  EXPECT_EQ(seen->media_type, "image/png");
  EXPECT_EQ(seen->bytes, kChildPng);
  EXPECT_EQ(photo_reads(id), 0);  // a guardian's read is not audited
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'child.create' AND "
                  "detail LIKE '%\"has_photo\":true%'"),
            1);
}

TEST_F(FamilyChildPhoto, TheProgrammesStaffReadItAuditedAndNobodyElse) {
  const int64_t id = made_child(mother(), with_photo(child()));
  EXPECT_EQ(photo(id, staff1()).status().code(), Code::kPermissionDenied);  // not enrolled yet
  ASSERT_TRUE(enrol(id, 1).ok());
  Result<FamilyPhoto> staff = photo(id, staff1());
  ASSERT_TRUE(staff.ok()) << staff.status().message();
  EXPECT_EQ(staff->bytes, kChildPng);
  EXPECT_EQ(photo_reads(id), 1);
  for (const Caller& by : {staff2(), admin(), organiser(), other_mother()})
    EXPECT_EQ(photo(id, by).status().code(), Code::kPermissionDenied) << by.user_id;
  EXPECT_EQ(photo(id, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(photo(id + 100, mother()).status().code(), Code::kNotFound);
  EXPECT_EQ(photo_reads(id), 1);
}

TEST_F(FamilyChildPhoto, WithoutAPhotoTheReadIs404ForEveryReader) {
  const int64_t id = made_child();
  ASSERT_TRUE(enrol(id, 1).ok());
  EXPECT_EQ(photo(id, mother()).status().code(), Code::kNotFound);
  EXPECT_EQ(photo(id, staff1()).status().code(), Code::kNotFound);
  EXPECT_EQ(photo_reads(id), 0);  // nothing was read
}

TEST_F(FamilyChildPhoto, GuardiansGiveReplaceAndRemoveIt) {
  const int64_t id = made_child();
  ChildPatch give;
  give.photo.emplace(png());
  Result<ChildRecord> given = update(id, give, mother());
  ASSERT_TRUE(given.ok()) << given.status().message();
  EXPECT_TRUE(given->child.photo_file);
  EXPECT_EQ(given->child.name, "张小明");  // nothing else changed
  EXPECT_EQ(photo(id, mother()).value().bytes, kChildPng);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'child.update' AND "
                  "detail LIKE '%photo%'"),
            1);
  EXPECT_EQ(update(id, give, other_mother()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(update(id, give, staff1()).status().code(), Code::kPermissionDenied);
  ChildPatch drop;
  drop.photo.emplace(std::nullopt);
  Result<ChildRecord> dropped = update(id, drop, mother());
  ASSERT_TRUE(dropped.ok()) << dropped.status().message();
  EXPECT_FALSE(dropped->child.photo_file);
  EXPECT_EQ(count("SELECT COUNT(*) FROM children WHERE photo_sha IS NOT NULL"), 0);
  EXPECT_EQ(photo(id, mother()).status().code(), Code::kNotFound);
  ChildPatch notes;
  notes.grade = "四年级";
  ASSERT_TRUE(update(id, give, mother()).ok());
  Result<ChildRecord> kept = update(id, notes, mother());  // an edit without photo keeps it
  ASSERT_TRUE(kept.ok());
  EXPECT_TRUE(kept->child.photo_file);
}

TEST_F(FamilyChildPhoto, AnErasedChildKeepsNoPhoto) {
  const int64_t id = made_child(mother(), with_photo(child()));
  ASSERT_TRUE(enrol(id, 1).ok());
  ASSERT_TRUE(
      db_->write([](store::Connection& c) { return forget_guardian(c, 10, kFamilyNow + 100); })
          .ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM children WHERE photo_sha IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM children WHERE erased_at IS NOT NULL"), 1);
  EXPECT_EQ(photo(id, staff1()).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace warmcity::afterschool
