#include "demo/demo_elders.h"

#include <nlohmann/json.hpp>

#include "core/phone.h"
#include "core/read_file.h"
#include "core/time.h"
#include "core/wait_for.h"
#include "eldercare/elder_input.h"

namespace warmcity::demo {

Result<std::vector<RecordedElder>> create_elders(eldercare::ElderService& elders,
                                                 const std::string& path,
                                                 const std::string& client_address) {
  Result<std::string> text = core::read_file(path, "demo data file");
  if (!text.ok()) return text.status();
  nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
  if (!doc.is_object() || !doc.contains("elders") || !doc["elders"].is_array()) {
    return Status::Unprocessable(path + ": expected {\"elders\": [...]}");
  }
  const eldercare::Caller system{0, "admin", {}, client_address};
  const int64_t today = core::days_from_civil(core::local_date_of(elders.now()));
  std::vector<RecordedElder> out;
  for (nlohmann::json& item : doc["elders"]) {
    const std::string where = path + ": elder " + std::to_string(out.size() + 1);
    if (!item.is_object() || !item.contains("card") || !item["card"].is_object()) {
      return Status::Unprocessable(where + ": expected an object with \"card\"");
    }
    const nlohmann::json card = std::move(item["card"]);
    item.erase("card");
    Result<eldercare::ElderInput> in = eldercare::read_elder_input(item.dump(), false, today);
    if (!in.ok())
      return Status::Unprocessable(where + ": " + in.status().message(),
                                   in.status().field_errors());
    auto made = core::wait_for<eldercare::ElderView>(
        [&](auto done) { elders.create(std::move(*in), system, std::move(done)); });
    if (!made.ok() && made.status().code() == Code::kUnprocessable) {
      return Status::Unprocessable(where + ": " + made.status().message(),
                                   made.status().field_errors());
    }
    if (!made.ok()) return made.status();
    eldercare::CardInput phones{card.value("committee_phone", ""), card.value("team_phone", "")};
    if (!core::is_valid_phone(phones.committee_phone) || !core::is_valid_phone(phones.team_phone)) {
      return Status::Unprocessable(where + ": the card's phones are not phones");
    }
    auto issued = core::wait_for<eldercare::Card>([&](auto done) {
      elders.issue_card(made->elder.id, std::move(phones), system, std::move(done));
    });
    if (!issued.ok()) return issued.status();
    out.push_back({made->elder.id, made->elder.grid_id});
  }
  return out;
}

}  // namespace warmcity::demo
