// An appeal as an Open311 service request (GET requests, GET requests/{id}),
// without personal data: no contact, reporter, email, phone or photos, and
// the position rounded to 4 decimals (about 10 m), as the public tracking
// page shows no more than the problem and where it is.
//   service_request_id ← tracking code    status ← closed | open
//   status_notes ← the latest public event's note
//   service_name/code ← the category (zh name)   agency_responsible ← the
//   assigned organisation's name   service_notice ← the category's deadlines
//   requested_datetime ← submitted_at   updated_datetime ← closed_at when
//   closed, else updated_at   expected_datetime ← resolution_due
//   address, address_id (Open311 submissions), lat/long; zipcode, media_url null
// Reads on the calling thread's reader: a page of requests costs a few
// queries, not a few per request (on PostgreSQL each is a round trip, and a
// page holds up to 1,000: 0.3 s a page at a million appeals before). Caches
// categories for the lifetime of one answer.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "appeals/appeal_service.h"
#include "open311/document.h"
#include "open311/open311_service.h"

namespace warmcity::open311 {

// "受理后 24 小时内响应，5 个工作日内办结 (…)" from the category's deadlines.
std::string service_notice(const appeals::Category& c);

class RequestViews {
 public:
  explicit RequestViews(const Open311Service& service);
  // The requests of `appeals`, in their order; their notes, Open311 rows and
  // organisation names read together (a failed read fails the answer).
  Result<std::vector<Node>> requests(const std::vector<appeals::Appeal>& appeals);

 private:
  const appeals::Category* category(int64_t id);

  const Open311Service& service_;
  std::map<int64_t, appeals::Category> categories_;
  bool categories_loaded_ = false;
};

}  // namespace warmcity::open311
