// One-off proxies' JSON (docs/afterschool.md "A one-off proxy"): the bodies
// of a new proxy and of its confirmation, read and checked (each refusal a
// 422 naming its field, unknown fields refused), and the proxy view.
// Include only in route and JSON translation units (nlohmann/json).
#pragma once

#include <nlohmann/json.hpp>

#include "afterschool/proxy_service.h"
#include "core/status.h"

namespace warmcity::afterschool {

// {name 1–30, phone (a valid phone), relation? 0–20, date? YYYY-MM-DD}
Result<NewProxy> read_new_proxy(const nlohmann::json& body);
// {} (a guardian, in the app) or {by_phone: true, called_at: "HH:MM",
// guardian_user_id} (staff recording the guardian's call).
Result<ProxyConfirmation> read_proxy_confirmation(const nlohmann::json& body);

// {id, child_id, date, name, phone, relation, confirmed, confirm_channel,
// confirmed_at, used_at}
nlohmann::ordered_json proxy_json(const Proxy& p);

}  // namespace warmcity::afterschool
