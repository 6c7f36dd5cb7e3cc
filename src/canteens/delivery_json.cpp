// Meal delivery's JSON (delivery_json.h).
#include "canteens/delivery_json.h"

#include "canteens/delivery.h"
#include "http/json_input.h"
#include "photos/photo_text.h"

namespace warmcity::canteens {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json delivery_lines_json(const std::vector<OrderLine>& lines) {
  ordered_json out = ordered_json::array();
  for (const OrderLine& l : lines) {
    out.push_back(
        {{"dish_id", l.dish_id}, {"name", l.name}, {"unit_fen", l.unit_fen}, {"qty", l.qty}});
  }
  return out;
}

ordered_json delivery_stop_json(const DeliveryStop& s) {
  ordered_json handover = nullptr, not_home = nullptr;
  if (s.handover) handover = {{"proof", s.handover->proof}, {"at", s.handover->at}};
  if (s.not_home) {
    not_home = {{"at", s.not_home->at},
                {"visit_id", s.not_home->visit_id ? ordered_json(*s.not_home->visit_id)
                                                  : ordered_json(nullptr)}};
  }
  return {{"position", s.position},
          {"order_id", s.order.id},
          {"status", s.order.status},
          {"elder",
           {{"elder_id", s.elder.elder_id},
            {"name", s.elder.name},
            {"address", s.elder.address},
            {"lat", s.elder.lat},
            {"lon", s.elder.lon},
            {"phone", s.elder.phone}}},
          {"lines", delivery_lines_json(s.order.lines)},
          {"diet", s.diet},
          {"allergens", s.allergens},
          {"handover", std::move(handover)},
          {"not_home", std::move(not_home)}};
}

}  // namespace

ordered_json delivery_day_json(const DeliveryDay& day) {
  ordered_json stops = ordered_json::array();
  for (const DeliveryStop& s : day.stops) stops.push_back(delivery_stop_json(s));
  return {{"date", day.date}, {"meal", day.meal}, {"stops", std::move(stops)}};
}

ordered_json delivery_route_json(const DeliveryRoute& r) {
  return {{"meal", r.meal}, {"elder_ids", r.elder_ids}};
}

std::string delivery_dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

Result<DeliveryRoute> read_route_body(std::string_view body, std::string meal) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  in.known({"elder_ids"});
  DeliveryRoute out{std::move(meal), {}};
  auto it = doc->find("elder_ids");
  if (it == doc->end() || !it->is_array()) {
    in.fail("elder_ids", "is required: an array of elder ids in route order");
  } else if (it->size() > kMaxRouteStops) {
    in.fail("elder_ids", "at most 500 stops");
  } else {
    for (const json& v : *it) {
      if (!v.is_number_integer() || v.get<int64_t>() < 1) {
        in.fail("elder_ids", "elder ids are positive integers");
        break;
      }
      out.elder_ids.push_back(v.get<int64_t>());
    }
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<HandoverInput> read_handover_body(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  HandoverInput out;
  out.proof = in.required_string("proof", 1, 16).value_or("");
  if (out.proof == "code") {
    out.code = in.required_string("code", 1, 32).value_or("");
  } else if (out.proof == "photo") {
    in.known({"photo"});
    auto it = doc->find("photo");
    if (it == doc->end() || !it->is_string()) {
      in.fail("photo", "a JPEG or PNG image as base64 or a data:image/…;base64, URL");
    } else {
      Result<photos::CheckedPhoto> photo = photos::photo_from_text(
          it->get_ref<const std::string&>(), {photos::ImageType::kJpeg, photos::ImageType::kPng});
      if (photo.ok()) {
        out.photo = std::move(*photo);
      } else {
        in.fail("photo", photo.status().message());
      }
    }
  } else if (!out.proof.empty()) {
    in.fail("proof", "code or photo");
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<std::string> read_not_home_body(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  std::string note = in.optional_string("note", 0, kMaxNotHomeNote).value_or("");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return note;
}

}  // namespace warmcity::canteens
