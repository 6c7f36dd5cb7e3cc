#include "rates/rates.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace warmcity::rates {
namespace {

CallbackFact cb(int64_t dept, bool contacted, bool solved, Answer a) {
  CallbackFact f;
  f.groups.department = dept;
  f.contacted = contacted;
  f.solved = solved;
  f.satisfaction = a;
  return f;
}

// n copies of a callback.
void add(std::vector<CallbackFact>& v, int n, CallbackFact f) {
  for (int i = 0; i < n; ++i) v.push_back(f);
}

constexpr Answer S = Answer::kSatisfied, B = Answer::kBasicallySatisfied, D = Answer::kDissatisfied;

const Row* find(const std::vector<Row>& rows, std::optional<int64_t> id) {
  for (const Row& r : rows) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

TEST(Rates, FormulasTiesAndEmptyGroups) {
  std::vector<CallbackFact> cbs;
  // Department 1: 4 callbacks, all contacted, 3 solved; 2 满意, 1 基本满意, 1 不满意.
  add(cbs, 2, cb(1, true, true, S));
  add(cbs, 1, cb(1, true, true, B));
  add(cbs, 1, cb(1, true, false, D));
  // Department 3: the same proportions twice over (8 callbacks): a tie with 1.
  add(cbs, 4, cb(3, true, true, S));
  add(cbs, 2, cb(3, true, true, B));
  add(cbs, 2, cb(3, true, false, D));
  // Department 2: 2 callbacks, 1 contacted and solved and 满意, 1 none of it.
  add(cbs, 1, cb(2, true, true, S));
  add(cbs, 1, cb(2, false, false, D));
  // Department 4 only had a submission this month; one appeal had no department.
  std::vector<SubmissionFact> subs(2);
  subs[0].groups.department = 4;
  subs[0].submitted_at = 1000;
  subs[0].response_due = 1000 + 3600;
  subs[0].accepted_at = 1000 + 1800;  // 0.5 h, in time
  subs[0].resolution_due = 5000;
  subs[1].submitted_at = 1000;  // no department, never accepted, due long ago
  subs[1].response_due = 2000;
  subs[1].resolution_due = 3000;

  std::vector<Row> rows = compute(Dimension::kDepartment, cbs, subs, Weights{}, 10'000);
  ASSERT_EQ(rows.size(), 5u);
  // By hand: response 4/4 = 1, resolution 3/4 = 0.75, satisfaction (2 + 0.9)/4 = 0.725,
  // composite 0.1×1 + 0.5×0.75 + 0.4×0.725 = 0.1 + 0.375 + 0.29 = 0.765.
  const Row* d1 = find(rows, 1);
  ASSERT_NE(d1, nullptr);
  EXPECT_DOUBLE_EQ(*d1->response_rate, 1.0);
  EXPECT_DOUBLE_EQ(*d1->resolution_rate, 0.75);
  EXPECT_DOUBLE_EQ(*d1->satisfaction_rate, 0.725);
  EXPECT_NEAR(*d1->composite, 0.765, 1e-12);
  // Department 2: 1/2, 1/2, (1 + 0)/2 → composite 0.05 + 0.25 + 0.2 = 0.5.
  EXPECT_NEAR(*find(rows, 2)->composite, 0.5, 1e-12);
  // Ties share rank 1 (more callbacks listed first); the next rank is 3.
  EXPECT_EQ(rows[0].id, 3);
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[1].id, 1);
  EXPECT_EQ(rows[1].rank, 1);
  EXPECT_EQ(rows[2].id, 2);
  EXPECT_EQ(rows[2].rank, 3);
  // No callbacks: null rates, no rank; the group without department comes last.
  EXPECT_EQ(rows[3].id, 4);
  EXPECT_FALSE(rows[3].rank);
  EXPECT_FALSE(rows[3].response_rate);
  EXPECT_FALSE(rows[3].composite);
  EXPECT_EQ(rows[3].submitted, 1);
  EXPECT_DOUBLE_EQ(*rows[3].mean_response_hours, 0.5);
  EXPECT_EQ(rows[3].response_overdue, 0);
  EXPECT_EQ(rows[3].resolution_overdue, 1);  // not replied and now (10000) > 5000
  EXPECT_FALSE(rows[4].id);
  EXPECT_FALSE(rows[4].rank);
  EXPECT_EQ(rows[4].response_overdue, 1);
  EXPECT_FALSE(rows[4].mean_response_hours);

  Row all = total(cbs, subs, Weights{}, 10'000);
  EXPECT_EQ(all.valid_callbacks, 14);
  EXPECT_EQ(all.contacted, 13);
  EXPECT_EQ(all.submitted, 2);
}

TEST(Rates, NothingAtAll) {
  EXPECT_TRUE(compute(Dimension::kGrid, {}, {}, Weights{}, 0).empty());
  Row all = total({}, {}, Weights{}, 0);
  EXPECT_FALSE(all.composite);
}

TEST(Rates, WeightsAreConfigurable) {
  auto w = parse_weights("0.2, 0.3, 0.5");
  ASSERT_TRUE(w.ok());
  Row r;
  r.valid_callbacks = 2;
  r.contacted = 2;
  r.solved = 1;
  r.basically_satisfied = 2;
  fill_rates(r, *w);
  // 0.2×1 + 0.3×0.5 + 0.5×0.9 = 0.2 + 0.15 + 0.45 = 0.8
  EXPECT_NEAR(*r.composite, 0.8, 1e-12);
  EXPECT_FALSE(parse_weights("0.5,0.5,0.5").ok());
  EXPECT_FALSE(parse_weights("0.5,0.5").ok());
  EXPECT_FALSE(parse_weights("-0.1,0.6,0.5").ok());
  EXPECT_FALSE(parse_weights("a,b,c").ok());
}

TEST(Rates, Dimensions) {
  EXPECT_EQ(parse_dimension("grid"), Dimension::kGrid);
  EXPECT_FALSE(parse_dimension("street"));
}

}  // namespace
}  // namespace warmcity::rates
