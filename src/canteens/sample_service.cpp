// The food-safety sample log's service (sample_service.h).
#include "canteens/sample_service.h"

#include "accounts/audit.h"
#include "core/time.h"

namespace warmcity::canteens {

namespace {

bool may_read_samples(const Canteen& canteen, const Caller& by) {
  return works_at(canteen, by) || by.role == "department";
}

Status audit_sample(store::Connection& c, const Caller& by, const char* action, const Sample& s,
                    int64_t at, accounts::AuditDetail detail) {
  detail.add("canteen_id", s.canteen_id);
  return accounts::append_audit(
      c, audit_entry(by, action, "canteen_sample", std::to_string(s.id), detail.str()), at);
}

// The sample `sample_id` of the canteen, for its staff.
Result<Sample> staff_sample(store::Connection& c, int64_t canteen_id, int64_t sample_id,
                            const Caller& by) {
  Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
  if (!canteen.ok()) return canteen.status();
  Result<Sample> s = get_sample(c, sample_id);
  if (!s.ok()) return s.status();
  if (s->canteen_id != canteen_id) {
    return Status::NotFound("no sample " + std::to_string(sample_id) + " at this canteen");
  }
  return s;
}

}  // namespace

int64_t SampleService::now() const { return now_ ? now_() : core::now_unix(); }

void SampleService::record(int64_t canteen_id, SampleInput in, Caller by, SampleDone done) {
  const int64_t at = now();
  std::vector<FieldError> errors = sample_errors(in, at);
  if (!errors.empty()) {
    return done(Status::Unprocessable("the sample breaks the log's rules", std::move(errors)));
  }
  auto out = std::make_shared<Sample>();
  db_.submit(
      [this, canteen_id, in = std::move(in), by, at, out](store::Connection& c) {
        Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
        if (!canteen.ok()) return canteen.status();
        Result<std::string> name = name_of_(c, by.user_id);
        if (!name.ok()) return name.status();
        Sample s;
        s.canteen_id = canteen_id;
        s.date = in.date;
        s.meal = in.meal;
        s.dish_name = in.dish_name;
        s.dish_id = in.dish_id;
        s.weight_g = in.weight_g;
        s.taken_at = in.taken_at;
        s.taken_by = Actor{by.user_id, std::move(*name)};
        s.fridge = in.fridge;
        s.note = in.note;
        s.recorded_at = at;
        if (Status st = insert_sample(c, s); !st.ok()) return st;
        accounts::AuditDetail d;
        d.add("date", s.date).add("meal", s.meal).add("weight_g", s.weight_g);
        if (Status st = audit_sample(c, by, "canteen.sample_record", s, at, std::move(d));
            !st.ok()) {
          return st;
        }
        *out = std::move(s);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<SampleDay> SampleService::day(int64_t canteen_id, const std::string& date,
                                     const Caller& by) {
  store::Connection& c = db_.reader();
  Result<Canteen> canteen = find_canteen(c, canteen_id);
  if (!canteen.ok()) return canteen.status();
  if (!may_read_samples(*canteen, by)) {
    return Status::PermissionDenied(
        "the sample log: this canteen's staff, admins and the inspectors (department users)");
  }
  if (!core::parse_date(date).ok()) {
    return Status::Unprocessable("bad date", {{"date", "a day as YYYY-MM-DD"}});
  }
  Result<std::vector<Sample>> items = samples_of_day(c, canteen_id, date);
  if (!items.ok()) return items.status();
  return SampleDay{std::move(*canteen), date, std::move(*items)};
}

void SampleService::destroy(int64_t canteen_id, int64_t sample_id, Caller by, DestroyDone done) {
  auto out = std::make_shared<Sample>();
  db_.submit(
      [this, canteen_id, sample_id, by, out](store::Connection& c) {
        Result<Sample> s = staff_sample(c, canteen_id, sample_id, by);
        if (!s.ok()) return s.status();
        *out = *s;
        if (s->destroyed_at) return Status::Conflict("the sample is destroyed already");
        if (s->voided_at) {
          return Status::Conflict(
              "the record is voided: destroy the sample through its corrected record");
        }
        const int64_t at = now();
        const int64_t until = keep_until(s->taken_at, s->recorded_at);
        if (at < until) return Status::Conflict(too_early_to_destroy(until));
        Result<std::string> name = name_of_(c, by.user_id);
        if (!name.ok()) return name.status();
        Actor who{by.user_id, std::move(*name)};
        if (Status st = end_sample(c, sample_id, SampleEnd::kDestroyed, at, who, ""); !st.ok()) {
          return st;
        }
        if (Status st = audit_sample(c, by, "canteen.sample_destroy", *s, at, {}); !st.ok())
          return st;
        out->destroyed_at = at;
        out->destroyed_by = std::move(who);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        std::optional<int64_t> until;
        if (out->id != 0) until = keep_until(out->taken_at, out->recorded_at);
        if (!s.ok()) return done(s, until);
        done(std::move(*out), until);
      });
}

void SampleService::void_sample(int64_t canteen_id, int64_t sample_id, std::string reason,
                                Caller by, SampleDone done) {
  auto out = std::make_shared<Sample>();
  db_.submit(
      [this, canteen_id, sample_id, reason = std::move(reason), by, out](store::Connection& c) {
        Result<Sample> s = staff_sample(c, canteen_id, sample_id, by);
        if (!s.ok()) return s.status();
        if (s->voided_at) return Status::Conflict("the sample is voided already");
        if (s->destroyed_at) {
          return Status::Conflict("the sample is destroyed: a destroyed sample is not voided");
        }
        Result<std::string> name = name_of_(c, by.user_id);
        if (!name.ok()) return name.status();
        const int64_t at = now();
        Actor who{by.user_id, std::move(*name)};
        if (Status st = end_sample(c, sample_id, SampleEnd::kVoided, at, who, reason); !st.ok()) {
          return st;
        }
        if (Status st = audit_sample(c, by, "canteen.sample_void", *s, at, {}); !st.ok()) return st;
        *out = std::move(*s);
        out->voided_at = at;
        out->voided_by = std::move(who);
        out->void_reason = reason;
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::canteens
