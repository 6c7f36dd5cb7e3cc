// Family members (family_service.h, ErrandService's family side): linked by
// those who may change her record, with her consent; a linked resident asks
// for an errand and follows it in the family view; every other resident and
// every unlinked one is refused; unlinking ends it.
#include <gtest/gtest.h>

#include "eldercare/family_test_world.h"

namespace warmcity::eldercare {
namespace {

using test_world::ErrandWorld;
using test_world::wait;

class FamilyTest : public ErrandWorld {
 protected:
  Result<FamilyLink> link(int64_t elder_id, int64_t user_id, const Caller& by) {
    FamilyInput in{user_id, "女儿", {"consent", "本人电话同意"}};
    return wait<FamilyLink>([&](auto d) { family_->link(elder_id, in, by, d); });
  }
  Result<std::vector<FamilyElder>> mine(const Caller& by) {
    return wait<std::vector<FamilyElder>>([&](auto d) { family_->my_elders(by, d); });
  }
  Result<std::vector<ErrandView>> list(int64_t elder_id, const Caller& by) {
    ErrandQuery q;
    q.elder_id = elder_id;
    Result<ErrandPage> page = wait<ErrandPage>([&](auto d) { errands_->list(q, by, d); });
    if (!page.ok()) return page.status();
    return std::move(page->items);
  }
};

TEST_F(FamilyTest, LinkedWithHerConsentByThoseWhoMayChangeHerRecord) {
  const int64_t id = paired_elder();
  EXPECT_EQ(link(id, 6, volunteer_).status().code(), Code::kPermissionDenied);  // her team
  EXPECT_EQ(link(id, 6, masked_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(link(id, 5, grid_worker_).status().code(), Code::kUnprocessable);   // not a resident
  EXPECT_EQ(link(id, 99, grid_worker_).status().code(), Code::kUnprocessable);  // no account
  EXPECT_EQ(link(999, 6, grid_worker_).status().code(), Code::kNotFound);
  Result<FamilyLink> l = link(id, 6, grid_worker_);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->recorded_by, grid_worker_.user_id);
  EXPECT_EQ(l->recorded_at, now_);
  EXPECT_EQ(l->consent_basis, "consent");
  EXPECT_EQ(link(id, 6, admin_).status().code(), Code::kConflict);  // linked already
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'elder.family_link'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM elder_events WHERE action = 'family_link'"), 1);

  Result<FamilyLink> ended =
      wait<FamilyLink>([&](auto d) { family_->unlink(id, l->id, grid_worker_, d); });
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->unlinked_by, grid_worker_.user_id);
  EXPECT_EQ(wait<FamilyLink>([&](auto d) { family_->unlink(id, l->id, grid_worker_, d); })
                .status()
                .code(),
            Code::kNotFound);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'elder.family_unlink'"), 1);
  EXPECT_TRUE(mine(daughter_)->empty());
  EXPECT_TRUE(link(id, 6, grid_worker_).ok());  // linked again: a new row, the old one kept
  EXPECT_EQ(count("SELECT count(*) FROM elder_family"), 2);
}

TEST_F(FamilyTest, ALinkedFamilyMemberAsksForAnErrandAndFollowsIt) {
  const int64_t id = paired_elder();
  ASSERT_TRUE(link(id, 6, grid_worker_).ok());
  EXPECT_EQ(create(id, stranger_).status().code(), Code::kPermissionDenied);
  // An unknown elder is refused as one not hers: a resident learns no ids.
  EXPECT_EQ(create(999, daughter_).status().code(), Code::kPermissionDenied);
  Result<Errand> e = create(id, daughter_);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_TRUE(e->from_family);
  EXPECT_EQ(e->received_by, daughter_.user_id);
  EXPECT_EQ(e->team_id, team_id_);  // the team on duty for her
  EXPECT_EQ(e->state, ErrandState::kAssigned);

  // The team sees where it came from.
  Result<ErrandDetail> staff =
      wait<ErrandDetail>([&](auto d) { errands_->read(e->id, volunteer_, d); });
  ASSERT_TRUE(staff.ok());
  EXPECT_TRUE(staff->view.errand.from_family);

  Result<ErrandDetail> r = wait<ErrandDetail>([&](auto d) { errands_->read(e->id, daughter_, d); });
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->view.family);
  EXPECT_EQ(r->view.team_phone, "13903580001");
  EXPECT_TRUE(r->history.empty());
  EXPECT_EQ(
      wait<ErrandDetail>([&](auto d) { errands_->read(e->id, stranger_, d); }).status().code(),
      Code::kPermissionDenied);
  Result<std::vector<ErrandView>> l = list(id, daughter_);
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->size(), 1u);
  EXPECT_EQ(list(id, stranger_).status().code(), Code::kPermissionDenied);
  ErrandQuery none;  // no elder_id
  EXPECT_EQ(wait<ErrandPage>([&](auto d) { errands_->list(none, daughter_, d); }).status().code(),
            Code::kPermissionDenied);
  // No step for her.
  EXPECT_EQ(step(e->id, take(ErrandStep::kCancel), daughter_).status().code(),
            Code::kPermissionDenied);

  Result<std::vector<FamilyElder>> elders = mine(daughter_);
  ASSERT_TRUE(elders.ok());
  ASSERT_EQ(elders->size(), 1u);
  EXPECT_EQ((*elders)[0].name, "张桂兰");
  EXPECT_EQ((*elders)[0].team_phone, "13903580001");
  ASSERT_EQ((*elders)[0].open_errands.size(), 1u);
  EXPECT_TRUE(mine(stranger_)->empty());
  EXPECT_EQ(mine(grid_worker_).status().code(), Code::kPermissionDenied);
  EXPECT_GE(count("SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "actor_user_id = 6 AND detail LIKE '%family%'"),
            3);
}

}  // namespace
}  // namespace warmcity::eldercare
