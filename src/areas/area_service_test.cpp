#include "areas/area_service.h"

#include <gtest/gtest.h>

#include <future>

#include "accounts/accounts.h"
#include "areas/test_shapes.h"
#include "store/test_util.h"

namespace warmcity::areas {
namespace {

using nlohmann::json;
using testing_util::collection;
using testing_util::feature;
using testing_util::square;

class AreaServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    open();
    ASSERT_TRUE(service_);
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  void open() {
    std::vector<store::Migration> m = accounts::migrations();
    for (auto& x : migrations()) m.push_back(x);
    auto db = store::Database::open({dir_.file("areas.db")}, m);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto service = AreaService::open(*db_);
    ASSERT_TRUE(service.ok()) << service.status().message();
    service_ = std::move(*service);
  }

  template <class T, class Call>
  Result<T> wait(Call call) {
    std::promise<Result<T>> p;
    call([&p](Result<T> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  Result<AreaRecord> create(Level level, std::string name, std::optional<int64_t> parent,
                            const json& g) {
    NewArea a{level, std::move(name), std::nullopt, parent, *read_geometry(g, "boundary")};
    return wait<AreaRecord>([&](auto done) { service_->create(std::move(a), by_, done); });
  }

  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<AreaService> service_;
  Editor by_{0, "127.0.0.1"};
};

TEST_F(AreaServiceTest, CreateChecksParentsAndLocateSeesTheCommit) {
  auto sub = create(Level::kSubdistrict, "滨河", std::nullopt, square(111, 37, 112, 38));
  ASSERT_TRUE(sub.ok()) << sub.status().message();
  auto com = create(Level::kCommunity, "生态园", sub->id, square(111, 37, 111.5, 37.5));
  ASSERT_TRUE(com.ok()) << com.status().message();
  EXPECT_EQ(service_->snapshot()->locate(37.2, 111.2).community->id, com->id);

  auto orphan = create(Level::kGrid, "网格", std::nullopt, square(0, 0, 1, 1));
  EXPECT_EQ(orphan.status().code(), Code::kUnprocessable);
  auto wrong = create(Level::kGrid, "网格", sub->id, square(0, 0, 1, 1));
  EXPECT_EQ(wrong.status().field_errors()[0].message, "must name a community");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'area.create'"), 2);

  auto busy = wait<AreaRecord>([&](auto done) { service_->remove(sub->id, by_, done); });
  EXPECT_EQ(busy.status().code(), Code::kConflict);
  auto gone = wait<AreaRecord>([&](auto done) { service_->remove(com->id, by_, done); });
  ASSERT_TRUE(gone.ok()) << gone.status().message();
  EXPECT_FALSE(service_->snapshot()->locate(37.2, 111.2).community);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'area.delete'"), 1);
}

// The list's optional filters (none, level, parent) and the reads by id and code.
TEST_F(AreaServiceTest, ReadsListByLevelAndParentAndFindByCode) {
  auto sub = create(Level::kSubdistrict, "滨河", std::nullopt, square(111, 37, 112, 38));
  ASSERT_TRUE(sub.ok()) << sub.status().message();
  auto a = create(Level::kCommunity, "生态园", sub->id, square(111, 37, 111.5, 37.5));
  auto b = create(Level::kCommunity, "凤凰", sub->id, square(111.5, 37, 112, 37.5));
  ASSERT_TRUE(a.ok() && b.ok());
  auto ids = [this](AreaQuery q) {
    std::vector<int64_t> out;
    auto rows = service_->list(q);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    if (rows.ok()) {
      for (const AreaRecord& r : *rows) {
        EXPECT_EQ(r.boundary, "");  // lists leave the boundary out
        out.push_back(r.id);
      }
    }
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{b->id, a->id, sub->id}));
  EXPECT_EQ(ids({Level::kCommunity, std::nullopt, std::nullopt, 50}),
            (std::vector<int64_t>{b->id, a->id}));
  EXPECT_EQ(ids({std::nullopt, sub->id, std::nullopt, 50}), (std::vector<int64_t>{b->id, a->id}));
  EXPECT_EQ(ids({Level::kSubdistrict, sub->id, std::nullopt, 50}), std::vector<int64_t>{});
  EXPECT_EQ(ids({std::nullopt, std::nullopt, b->id, 50}), (std::vector<int64_t>{a->id, sub->id}));
  ASSERT_EQ(service_->all()->size(), 3u);
  EXPECT_NE(service_->get(a->id)->boundary, "");
  EXPECT_EQ(service_->get(999).status().code(), Code::kNotFound);

  AreaPatch p;
  p.code = std::optional<std::string>("140702001");
  ASSERT_TRUE(wait<AreaRecord>([&](auto done) { service_->update(a->id, p, by_, done); }).ok());
  auto found = service_->find_code("140702001");
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->first, a->id);
  EXPECT_EQ((*found)->second, Level::kCommunity);
  EXPECT_FALSE(*service_->find_code("nothing"));
  auto level = service_->stored_codes()("140702001");
  ASSERT_TRUE(level.ok() && *level);
  EXPECT_EQ(**level, Level::kCommunity);
}

TEST_F(AreaServiceTest, UpdateMovesTheBoundaryAndAReopenedServiceKnowsIt) {
  auto sub = create(Level::kSubdistrict, "凤山", std::nullopt, square(0, 0, 1, 1));
  ASSERT_TRUE(sub.ok());
  AreaPatch p;
  p.name = "凤山街道";
  p.geometry = *read_geometry(square(5, 5, 6, 6), "boundary");
  auto moved = wait<AreaRecord>([&](auto done) { service_->update(sub->id, p, by_, done); });
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_FALSE(service_->snapshot()->locate(0.5, 0.5).subdistrict);
  EXPECT_EQ(service_->snapshot()->locate(5.5, 5.5).subdistrict->name, "凤山街道");

  db_->stop();
  service_.reset();
  db_.reset();
  open();
  EXPECT_EQ(service_->snapshot()->locate(5.5, 5.5).subdistrict->name, "凤山街道");
}

TEST_F(AreaServiceTest, ReparentingMovesACommunityAndItsGridsToAnotherSubdistrict) {
  auto binhe = create(Level::kSubdistrict, "滨河", std::nullopt, square(0, 0, 2, 2));
  auto fengshan = create(Level::kSubdistrict, "凤山", std::nullopt, square(2, 0, 4, 2));
  ASSERT_TRUE(binhe.ok() && fengshan.ok());
  auto com = create(Level::kCommunity, "交通路", binhe->id, square(0.5, 0.5, 1.5, 1.5));
  ASSERT_TRUE(com.ok());
  auto grid = create(Level::kGrid, "一网格", com->id, square(0.5, 0.5, 1, 1));
  ASSERT_TRUE(grid.ok());
  EXPECT_EQ(service_->snapshot()->locate(0.7, 0.7).subdistrict->id, binhe->id);

  AreaPatch wrong_level;
  wrong_level.parent_id = grid->id;
  auto refused =
      wait<AreaRecord>([&](auto done) { service_->update(com->id, wrong_level, by_, done); });
  EXPECT_EQ(refused.status().code(), Code::kUnprocessable);
  EXPECT_EQ(refused.status().field_errors()[0].field, "parent_id");
  AreaPatch missing;
  missing.parent_id = 9999;
  auto unknown =
      wait<AreaRecord>([&](auto done) { service_->update(com->id, missing, by_, done); });
  EXPECT_EQ(unknown.status().code(), Code::kUnprocessable);

  AreaPatch p;
  p.parent_id = fengshan->id;
  auto moved = wait<AreaRecord>([&](auto done) { service_->update(com->id, p, by_, done); });
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_EQ(moved->parent_id, fengshan->id);
  // The grid follows its community: locate walks up the parents.
  Location at = service_->snapshot()->locate(0.7, 0.7);
  EXPECT_EQ(at.grid->id, grid->id);
  EXPECT_EQ(at.subdistrict->id, fengshan->id);
  EXPECT_EQ(count("SELECT parent_id FROM areas WHERE id = " + std::to_string(com->id)),
            fengshan->id);
}

TEST_F(AreaServiceTest, ImportWritesAllGoodFeaturesInOneJob) {
  CodeLookup none = [](const std::string&) -> Result<std::optional<Level>> {
    return std::optional<Level>();
  };
  auto plan =
      plan_import(collection({
                                 feature("subdistrict", "滨河", "BH", "", square(0, 0, 10, 10)),
                                 feature("community", "生态园", "STY", "BH", square(0, 0, 5, 5)),
                                 feature("grid", "坏", "G", "NOPE", square(0, 0, 1, 1)),
                             })
                      .dump(),
                  none);
  ASSERT_TRUE(plan.ok());
  auto out = wait<ImportOutcome>([&](auto done) { service_->import(*plan, by_, done); });
  ASSERT_TRUE(out.ok()) << out.status().message();
  ASSERT_EQ(out->created.size(), 2u);
  EXPECT_EQ(out->created[1].parent_id, out->created[0].id);
  ASSERT_EQ(out->skipped.size(), 1u);
  EXPECT_EQ(out->skipped[0].index, 2u);
  EXPECT_EQ(service_->snapshot()->locate(1, 1).community->name, "生态园");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'area.import'"), 1);

  // Planned before the first import committed: the code is taken now, so
  // the whole second import is refused and writes nothing.
  auto again = wait<ImportOutcome>([&](auto done) { service_->import(*plan, by_, done); });
  EXPECT_EQ(again.status().code(), Code::kConflict);
  EXPECT_EQ(count("SELECT count(*) FROM areas"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'area.import'"), 1);
}

}  // namespace
}  // namespace warmcity::areas
