// FacilityService's reads (see facility_service.h, "Reads"): what the
// facilities routes ask, on the calling thread's reader connection.
#include <string>
#include <utility>
#include <vector>

#include "facilities/facility_export.h"
#include "facilities/facility_service.h"
#include "facilities/facility_store.h"
#include "facilities/gate_tokens.h"
#include "facilities/stations.h"

namespace warmcity::facilities {

Result<Facility> FacilityService::get(int64_t id) const { return get_facility(db_.reader(), id); }

Result<std::vector<Facility>> FacilityService::list(const ListFilter& filter) const {
  return list_facilities(db_.reader(), filter);
}

Result<Facility> FacilityService::kept(int64_t id, const Editor& by,
                                       const std::string& what) const {
  Result<Facility> f = get_facility(db_.reader(), id);
  if (!f.ok()) return f.status();
  if (!by.may_edit(*f)) {
    return Status::PermissionDenied("only an admin or a keeper of this facility may read " + what);
  }
  return f;
}

Result<std::vector<Change>> FacilityService::changes(int64_t id, std::optional<int64_t> before_id,
                                                     int limit) const {
  return list_changes(db_.reader(), id, before_id, limit);
}

Result<std::vector<GateToken>> FacilityService::gate_tokens(int64_t id) const {
  return gate_tokens_of(db_.reader(), id);
}

Result<std::vector<Notice>> FacilityService::pending_notices(int64_t id, int64_t now) const {
  return facilities::pending_notices(db_.reader(), id, now);
}

Result<FacilityService::StationFields> FacilityService::station_fields(const Facility& f,
                                                                       int64_t now) const {
  StationFields out;
  store::Connection& c = db_.reader();
  if (has_notices(f.kind)) {
    Result<std::vector<Notice>> notices = current_notices(c, f.id, now);
    if (!notices.ok()) return notices.status();
    out.notices = std::move(*notices);
  }
  if (has_receptions(f.kind)) {
    Result<std::vector<Reception>> schedule = load_receptions(c, f.id);
    if (!schedule.ok()) return schedule.status();
    out.receptions = std::move(*schedule);
  }
  return out;
}

Result<std::string> FacilityService::export_file(ImportFormat format) const {
  return export_facilities(db_.reader(), format);
}

Result<ImportPlan> FacilityService::plan_import(std::string_view body,
                                                const ImportOptions& options) const {
  MissingOrganisations missing = missing_orgs_;
  if (!missing) missing = [](const std::vector<int64_t>&) { return std::vector<int64_t>(); };
  return facilities::plan_import(body, options, missing);
}

}  // namespace warmcity::facilities
