#include "areas/area_import.h"

#include <map>
#include <utility>

#include "areas/area_store.h"
#include "http/json_input.h"

namespace warmcity::areas {

namespace {

using nlohmann::json;

// What the planner knows about a code seen earlier in the file.
struct FileCode {
  size_t index = 0;
  Level level = Level::kSubdistrict;
  bool valid = false;
};

class Planner {
 public:
  explicit Planner(const CodeLookup& existing) : existing_(existing) {}

  // Checks feature `i`; adds it to the plan's features or invalid list.
  Status feature(const json& f, size_t i, ImportPlan& plan) {
    const std::string at = "features[" + std::to_string(i) + "]";
    std::vector<FieldError> errors;
    ImportFeature out;
    out.index = i;
    if (!http::field_is(f, "type", "Feature")) {
      errors.push_back({at, "must be a GeoJSON Feature"});
      plan.invalid.push_back({i, std::move(errors)});
      return Status::Ok();
    }
    auto props = f.find("properties");
    if (props == f.end() || !props->is_object()) {
      errors.push_back({at + ".properties", "must be an object with level and name"});
    } else if (Status s = properties(*props, at + ".properties.", out, errors); !s.ok()) {
      return s;
    }
    auto geometry = f.find("geometry");
    if (geometry == f.end()) {
      errors.push_back({at + ".geometry", "is required"});
    } else if (Result<Geometry> g = read_geometry(*geometry, at + ".geometry"); g.ok()) {
      out.geometry = std::move(g).value();
    } else {
      for (const FieldError& e : g.status().field_errors()) errors.push_back(e);
    }
    bool valid = errors.empty();
    if (out.code && !codes_.count(*out.code)) codes_[*out.code] = {i, out.level, valid};
    if (valid) {
      plan.features.push_back(std::move(out));
    } else {
      plan.invalid.push_back({i, std::move(errors)});
    }
    return Status::Ok();
  }

 private:
  Status properties(const json& props, const std::string& at, ImportFeature& out,
                    std::vector<FieldError>& errors) {
    http::FieldReader in(props);
    auto level_text = in.required_string("level", 1, 16);
    auto name = in.required_string("name", 1, kMaxNameLength);
    out.code = in.optional_string("code", 1, kMaxCodeLength);
    out.parent_code = in.optional_string("parent_code", 1, kMaxCodeLength);
    std::optional<Level> level = level_text ? parse_level(*level_text) : std::nullopt;
    if (level_text && !level) in.fail("level", "must be one of subdistrict, community, grid");
    if (!in.ok()) {
      const Status bad = in.status();
      for (const FieldError& e : bad.field_errors()) {
        errors.push_back({at + e.field, e.message});
      }
    }
    if (name) out.name = *name;
    if (level) out.level = *level;
    if (out.code) {
      if (Status s = code_free(*out.code, at + "code", errors); !s.ok()) return s;
    }
    if (level) return parent(at + "parent_code", out, errors);
    return Status::Ok();
  }

  Status code_free(const std::string& code, const std::string& field,
                   std::vector<FieldError>& errors) {
    if (auto it = codes_.find(code); it != codes_.end()) {
      errors.push_back({field, "the code " + code + " is also used by features[" +
                                   std::to_string(it->second.index) + "]"});
      return Status::Ok();
    }
    auto found = existing_(code);
    if (!found.ok()) return found.status();
    if (*found) errors.push_back({field, "an area with the code " + code + " exists already"});
    return Status::Ok();
  }

  Status parent(const std::string& field, const ImportFeature& f, std::vector<FieldError>& errors) {
    std::optional<Level> want = parent_level(f.level);
    if (!want) {
      if (f.parent_code) errors.push_back({field, "a sub-district has no parent"});
      return Status::Ok();
    }
    const std::string want_name(level_name(*want));
    if (!f.parent_code) {
      errors.push_back(
          {field, "a " + std::string(level_name(f.level)) + " needs the code of its " + want_name});
      return Status::Ok();
    }
    std::optional<Level> got;
    if (auto it = codes_.find(*f.parent_code); it != codes_.end()) {
      if (!it->second.valid) {
        errors.push_back({field, "names features[" + std::to_string(it->second.index) +
                                     "], which is not valid"});
        return Status::Ok();
      }
      got = it->second.level;
    } else {
      auto found = existing_(*f.parent_code);
      if (!found.ok()) return found.status();
      got = *found;
    }
    if (!got) {
      errors.push_back({field, "no area and no earlier feature has the code " + *f.parent_code});
    } else if (*got != *want) {
      errors.push_back({field, "must name a " + want_name});
    }
    return Status::Ok();
  }

  const CodeLookup& existing_;
  std::map<std::string, FileCode> codes_;
};

}  // namespace

CodeLookup stored_codes(store::Connection& reader) {
  return [&reader](const std::string& code) -> Result<std::optional<Level>> {
    auto found = find_by_code(reader, code);
    if (!found.ok()) return found.status();
    if (!*found) return std::optional<Level>();
    return std::optional<Level>((*found)->second);
  };
}

Result<ImportPlan> plan_import(std::string_view body, const CodeLookup& existing) {
  auto features = http::parse_feature_collection(body);
  if (!features.ok()) return features.status();
  ImportPlan plan;
  Planner planner(existing);
  for (size_t i = 0; i < features->size(); ++i) {
    if (Status s = planner.feature((*features)[i], i, plan); !s.ok()) return s;
  }
  return plan;
}

Status import_problem(const ImportPlan& plan) {
  std::vector<FieldError> errors;
  size_t total = 0;
  for (const SkippedFeature& f : plan.invalid) {
    for (const FieldError& e : f.errors) {
      if (errors.size() < kMaxReportedErrors) errors.push_back(e);
      ++total;
    }
  }
  std::string detail = std::to_string(plan.invalid.size()) + " of " +
                       std::to_string(plan.invalid.size() + plan.features.size()) +
                       " features are not valid; nothing was imported";
  if (total > errors.size()) {
    detail += " (the first " + std::to_string(errors.size()) + " of " + std::to_string(total) +
              " errors are listed)";
  }
  return Status::Unprocessable(std::move(detail), std::move(errors));
}

}  // namespace warmcity::areas
