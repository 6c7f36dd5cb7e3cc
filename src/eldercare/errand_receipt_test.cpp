// The receipt photo of an errand (errand_service.h): kept with the settle
// step in the photo store and errand_receipts, named in the errand for those
// who see it whole, read back audited; nothing written when the step fails.
#include <gtest/gtest.h>

#include "eldercare/family_test_world.h"
#include "photos/photos.h"

namespace warmcity::eldercare {
namespace {

using test_world::ErrandWorld;
using test_world::wait;

std::string from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// A 1×1 PNG.
const std::string kPng = from_hex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082");

class ErrandReceiptTest : public ErrandWorld {
 protected:
  ErrandStepInput settle_with_photo() {
    ErrandStepInput in = take(ErrandStep::kSettle);
    in.settlement = {1980, 2000, 20, "cash", 0, 0};
    in.receipt_photo = photos::CheckedPhoto{photos::ImageType::kPng, kPng};
    return in;
  }
  Result<ReceiptImage> photo(int64_t id, const Caller& by) {
    return wait<ReceiptImage>([&](auto d) { errands_->receipt_photo(id, by, d); });
  }
};

TEST_F(ErrandReceiptTest, KeptWithTheSettlementAndReadBackByThoseWhoSeeItWhole) {
  const int64_t id = delivered_errand(paired_elder());
  Result<Errand> settled = step(id, settle_with_photo(), volunteer_);
  ASSERT_TRUE(settled.ok()) << settled.status().message();
  ASSERT_TRUE(settled->receipt_photo);
  EXPECT_EQ(settled->receipt_photo->sha256, photos::sha256_hex(kPng));
  EXPECT_EQ(settled->receipt_photo->media_type, "image/png");
  EXPECT_EQ(count("SELECT count(*) FROM errand_receipts WHERE errand_id = " + std::to_string(id)),
            1);

  Result<ErrandDetail> read = wait<ErrandDetail>([&](auto d) { errands_->read(id, masked_, d); });
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->view.errand.receipt_photo);  // held; the JSON hides it in a masked view
  EXPECT_EQ(read->view.view, View::kMasked);

  for (const Caller& who : {volunteer_, grid_worker_, admin_}) {
    Result<ReceiptImage> got = photo(id, who);
    ASSERT_TRUE(got.ok()) << got.status().message();
    EXPECT_EQ(got->media_type, "image/png");
    EXPECT_EQ(got->bytes, kPng);
  }
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "detail LIKE '%errand_receipt%'"),
            3);
  EXPECT_EQ(photo(id, masked_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(photo(id, other_area_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(photo(999, admin_).status().code(), Code::kNotFound);
}

TEST_F(ErrandReceiptTest, NoPhotoNoRowAndAFailedStepKeepsNone) {
  const int64_t elder_id = paired_elder();
  const int64_t plain = delivered_errand(elder_id);
  ErrandStepInput in = take(ErrandStep::kSettle);
  in.settlement = {100, 100, 0, "wechat", 0, 0};
  Result<Errand> settled = step(plain, in, volunteer_);
  ASSERT_TRUE(settled.ok());
  EXPECT_FALSE(settled->receipt_photo);
  EXPECT_EQ(photo(plain, admin_).status().code(), Code::kNotFound);
  // Settling twice (409) and a step not legal yet keep no photo.
  EXPECT_EQ(step(plain, settle_with_photo(), volunteer_).status().code(), Code::kConflict);
  Result<Errand> fresh = create(elder_id, grid_worker_);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(step(fresh->id, settle_with_photo(), volunteer_).status().code(), Code::kConflict);
  // Amounts that do not add up: refused before anything is stored.
  const int64_t other = delivered_errand(elder_id);
  ErrandStepInput bad = settle_with_photo();
  bad.settlement.returned_fen = 5000;
  EXPECT_EQ(step(other, bad, volunteer_).status().code(), Code::kUnprocessable);
  EXPECT_EQ(count("SELECT count(*) FROM errand_receipts"), 0);
}

}  // namespace
}  // namespace warmcity::eldercare
