// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2/:
// the standard way for outside clients (city apps, 12345 platforms) to list
// appeal categories as services, file appeals as service requests and follow
// them. A thin translation over the appeals module: services are appeal
// categories, service requests are appeals (channel "open311"), and the
// public service_request_id is the appeal's tracking code.
//
// Owns: tables open311_api_keys, open311_requests (migration module
// "open311", after "appeals"; open311_store.h) and the routes
//   GET  /open311/v2/discovery.{json|xml}            public
//   GET  /open311/v2/services.{json|xml}             public
//   GET  /open311/v2/services/{service_code}.{json|xml}   public
//   POST /open311/v2/requests.{json|xml}             api_key (form-encoded body)
//   GET  /open311/v2/requests.{json|xml}             public
//   GET  /open311/v2/requests/{id}.{json|xml}        public
//   GET  /open311/v2/tokens/{token}.{json|xml}       public
//   POST   /api/v1/open311/keys                      admin: issue (the key is shown once)
//   GET    /api/v1/open311/keys                      admin: list
//   DELETE /api/v1/open311/keys/{id}                 admin: revoke
// Every refusal under /open311/ — the router's own 404/405 included — is the
// spec's error array in the format the path asks for (XML when it names none).
// GET answers carry no personal data: no contact, reporter, email or phone.
// Calls: appeals (appeal_service.h), accounts (audit log,
// tokens, organisation names), store, http, core. Called by: app.
// Details: README.md beside this file, docs/open311.md.
#pragma once

#include <string>
#include <vector>

#include "appeals/appeal_service.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::open311 {

struct Config {
  // Discovery's `contact` and `key_service` texts.
  std::string contact = "暖城 warmcity: the district's appeals office (区接诉即办中心)";
  std::string key_service =
      "Keys are issued by the district's administrator (POST /api/v1/open311/keys); "
      "see docs/open311.md";
};

std::vector<store::Migration> migrations();  // module "open311" (open311_store.cpp)

// REQUIRES: `db` and `appeals` outlive the router.
void register_routes(http::Router& router, store::Database& db, appeals::AppealService& appeals,
                     Config config = {});

}  // namespace warmcity::open311
