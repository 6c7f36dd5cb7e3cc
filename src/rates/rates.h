// The three rates (三率) and the figures beside them, computed from plain
// facts (rates_store.h reads them). Pure functions; docs/rates.md has the
// formulas with a worked example.
//
// Two sets of appeals feed a month's row of a group (department, sub-district,
// community or grid):
//  - valid callbacks (有效回访) of the month: for every appeal with at least
//    one recorded callback (回访) whose time falls in the month (district
//    time, +08:00), its LAST callback in that month — one per appeal and
//    month, answered in full (contacted, solved, satisfaction: the workflow
//    refuses a callback without all three). An appeal reopened (重办) and
//    called back again in a later month counts again in that month; past
//    months never change (events are append-only).
//      响应率 response     = contacted / valid callbacks
//      解决率 resolution   = solved / valid callbacks
//      满意率 satisfaction = (satisfied + 0.9 × basically satisfied) / valid callbacks
//      composite          = w_response × 响应率 + w_resolution × 解决率
//                           + w_satisfaction × 满意率   (weights sum to 1)
//    No valid callbacks: the rates and the composite are null (not 0) and the
//    group is not ranked.
//  - appeals submitted in the month (merged duplicates left out): how many,
//    mean hours to respond (accepted_at − submitted_at, over those accepted)
//    and to resolve (replied_at − submitted_at, over those replied), and how
//    many missed a deadline: response overdue when accepted after
//    response_due (or not yet accepted and now past it), resolution overdue
//    when replied after resolution_due (or not yet replied and now past it).
// Groups: the appeal's assigned organisation (department) or its located
// sub-district / community / grid as they are on the appeal now; appeals
// without one form the row with a null id (shown, never ranked).
// Ranking: by composite rounded to 6 decimals, highest first; equal values
// share a rank and the next rank skips ("1, 2, 2, 4"); tied rows are listed
// by more valid callbacks first, then by id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_month.h"
#include "core/status.h"

namespace warmcity::rates {

enum class Dimension { kDepartment, kSubdistrict, kCommunity, kGrid };
std::string_view dimension_name(Dimension d);  // "department", "subdistrict", …
std::optional<Dimension> parse_dimension(std::string_view name);

struct Weights {
  double response = 0.1;
  double resolution = 0.5;
  double satisfaction = 0.4;
};
// "0.1,0.5,0.4"; kInvalidArgument unless three numbers in [0, 1] summing to 1.
Result<Weights> parse_weights(std::string_view text);

// A district-time month "YYYY-MM" and its [from, until) (core/local_month.h).
using core::Month;
using core::month_of;
using core::parse_month;

enum class Answer { kSatisfied, kBasicallySatisfied, kDissatisfied };

// The ids an appeal is grouped by.
struct Groups {
  std::optional<int64_t> department, subdistrict, community, grid;
  std::optional<int64_t> of(Dimension d) const;
};

struct CallbackFact {
  Groups groups;
  bool contacted = false;
  bool solved = false;
  Answer satisfaction = Answer::kDissatisfied;
};

struct SubmissionFact {
  Groups groups;
  int64_t submitted_at = 0;
  int64_t response_due = 0;
  int64_t resolution_due = 0;
  std::optional<int64_t> accepted_at, replied_at;
};

struct Row {
  std::optional<int64_t> id;  // null: appeals with no such group
  std::string name;           // filled by the caller
  int64_t valid_callbacks = 0, contacted = 0, solved = 0;
  int64_t satisfied = 0, basically_satisfied = 0, dissatisfied = 0;
  std::optional<double> response_rate, resolution_rate, satisfaction_rate, composite;
  std::optional<int> rank;
  int64_t submitted = 0;
  int64_t responded = 0, resolved = 0;  // how many the means are over
  std::optional<double> mean_response_hours, mean_resolution_hours;
  int64_t response_overdue = 0, resolution_overdue = 0;
};

// One row per group met in either set of facts, ranked and ordered (ranked
// rows by rank, then the unranked ones by id, the null group last).
std::vector<Row> compute(Dimension by, const std::vector<CallbackFact>& callbacks,
                         const std::vector<SubmissionFact>& submissions, const Weights& w,
                         int64_t now);

// Every group together (the district's total row: id null, never ranked).
Row total(const std::vector<CallbackFact>& callbacks,
          const std::vector<SubmissionFact>& submissions, const Weights& w, int64_t now);

// Fills the rates of a row from its counts (null when no valid callbacks).
void fill_rates(Row& r, const Weights& w);
// Ranks the rows with a composite, as described above; sorts `rows`.
void rank(std::vector<Row>& rows);

}  // namespace warmcity::rates
