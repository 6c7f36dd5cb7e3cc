// The complaints' service (complaint_service.h).
#include "jobs/complaint_service.h"

#include <algorithm>

#include "accounts/audit.h"
#include "core/net_address.h"
#include "core/time.h"
#include "jobs/job_store.h"
#include "jobs/post_status.h"
#include "store/turn.h"

namespace warmcity::jobs {

namespace {

// The network a client's complaints are counted by.
std::string complaint_prefix_of(const std::string& address) {
  std::optional<std::string> net = core::network_of(address);
  if (net) return *net;
  return address.empty() ? "unknown" : address;
}

Status audit_complaint(store::Connection& c, const Caller& by, const char* action,
                       const Complaint& k, accounts::AuditDetail detail, int64_t at) {
  detail.add("post_id", k.post_id);
  return accounts::append_audit(
      c, audit_entry(by, action, "job_complaint", std::to_string(k.id), detail.str()), at);
}

// Withdrawing a post through a complaint: its publisher's staff or an admin,
// as the direct withdrawal (JobService::withdraw).
Status may_withdraw(store::Connection& c, int64_t post_id, const Caller& by) {
  if (by.is_admin()) return Status::Ok();
  Result<std::optional<PostRecord>> p = get_post(c, post_id);
  if (!p.ok()) return p.status();
  if (!*p) return Status::NotFound("no job post " + std::to_string(post_id));
  Result<std::vector<int64_t>> orgs = publisher_orgs_of(c, by);
  if (!orgs.ok()) return orgs.status();
  if (std::find(orgs->begin(), orgs->end(), (*p)->publisher_org_id) == orgs->end()) {
    return Status::PermissionDenied(
        "only the staff of the post's publisher withdraw it: record no_action or pass it on");
  }
  return Status::Ok();
}

}  // namespace

int64_t ComplaintService::now() const { return now_ ? now_() : core::now_unix(); }

void ComplaintService::submit(int64_t post_id, ComplaintInput in, Caller by, SubmitDone done) {
  std::vector<FieldError> errors = complaint_errors(in);
  if (!errors.empty()) {
    return done(Status::Unprocessable("the complaint breaks the rules", std::move(errors)), 0);
  }
  const int64_t at = now();
  auto out = std::make_shared<Complaint>();
  auto wait = std::make_shared<int64_t>(0);
  db_.submit(
      [post_id, in = std::move(in), by, at, out, wait](store::Connection& c) {
        const std::string prefix = complaint_prefix_of(by.client_address);
        Result<bool> visible =
            post_is_public(c, post_id, core::format_date(core::local_date_of(at)));
        if (!visible.ok()) return visible.status();
        if (!*visible) return Status::NotFound("no job post " + std::to_string(post_id));
        if (Status s = store::wait_turn(c, "job_complaints:" + prefix); !s.ok()) return s;
        Result<WindowCount> recent = complaints_from_since(c, prefix, at - kComplaintWindowSeconds);
        if (!recent.ok()) return recent.status();
        *wait = complaint_retry_after(recent->count, recent->oldest_at, at);
        if (*wait > 0) {
          return Status::ResourceExhausted("too many complaints from your network this hour");
        }
        Complaint k;
        k.post_id = post_id;
        k.reason = in.reason;
        k.text = in.text;
        k.phone = in.phone;
        if (by.user_id != 0) k.from_user = by.user_id;
        k.from_prefix = prefix;
        k.created_at = at;
        if (Status s = insert_complaint(c, k); !s.ok()) return s;
        accounts::AuditDetail d;
        d.add("reason", k.reason);
        if (Status s = audit_complaint(c, by, "job.complaint_submit", k, std::move(d), at);
            !s.ok()) {
          return s;
        }
        *out = std::move(k);
        return Status::Ok();
      },
      [out, wait, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s, *wait);
        done(std::move(*out), 0);
      });
}

void ComplaintService::list(const Caller& by, const std::string& status,
                            std::optional<int64_t> after_id, int limit, ComplaintsDone done) {
  store::Connection& c = db_.reader();
  if (Status s = require_publisher_or_admin(c, by); !s.ok()) return done(s);
  Result<std::vector<Complaint>> rows = list_complaints(c, status, after_id, limit + 1);
  if (!rows.ok()) return done(rows.status());
  std::vector<int64_t> ids;
  for (const Complaint& k : *rows) {
    if (k.phone || !k.text.empty()) ids.push_back(k.id);
  }
  if (ids.empty()) return done(std::move(rows));
  // The callers' phones (masked) and their words: audited before the answer.
  accounts::AuditEntry e = audit_entry(by, "personal_data.read", "job_complaints", "list",
                                       accounts::AuditDetail()
                                           .add_strings("fields", {"phone_masked", "text"})
                                           .add("view", "masked")
                                           .add("purpose", "job_complaints")
                                           .add_ints("complaint_ids", ids)
                                           .str());
  auto answer = std::make_shared<std::vector<Complaint>>(std::move(*rows));
  db_.submit([e = std::move(e),
              at = now()](store::Connection& w) { return accounts::append_audit(w, e, at); },
             [answer, done = std::move(done)](const Status& s) {
               if (!s.ok()) return done(s);
               done(std::move(*answer));
             });
}

void ComplaintService::handle(int64_t id, std::string outcome, std::string note, Caller by,
                              ComplaintDone done) {
  if (!is_complaint_outcome(outcome)) {
    return done(Status::Unprocessable("bad outcome", {{"outcome", "post_withdrawn or no_action"}}));
  }
  const int64_t at = now();
  auto out = std::make_shared<Complaint>();
  db_.submit(
      [id, outcome = std::move(outcome), note = std::move(note), by, at,
       out](store::Connection& c) {
        if (Status s = require_publisher_or_admin(c, by); !s.ok()) return s;
        Result<Complaint> k = get_complaint(c, id);
        if (!k.ok()) return k.status();
        if (k->from_user && *k->from_user == by.user_id) {
          return Status::PermissionDenied(
              "a complaint is handled by someone other than who made it");
        }
        if (outcome == "post_withdrawn") {
          if (Status s = may_withdraw(c, k->post_id, by); !s.ok()) return s;
        }
        if (Status s = mark_handled(c, id, outcome, note, by.user_id, at); !s.ok()) return s;
        bool withdrew = false;
        if (outcome == "post_withdrawn") {
          Status s = change_post_status(c, StatusChange{k->post_id, "withdrawn", "withdrawn",
                                                        by.user_id, at, "投诉成立：" + note});
          if (!s.ok() && s.code() != Code::kConflict) return s;  // withdrawn already: stays so
          withdrew = s.ok();
        }
        accounts::AuditDetail d;
        d.add("outcome", outcome).add("post_withdrawn", withdrew);
        // The answer carries the complaint's words and masked phone, as the
        // audited list does.
        if (k->phone || !k->text.empty()) {
          d.add_strings("fields", {"phone_masked", "text"}).add("view", "masked");
        }
        if (Status s = audit_complaint(c, by, "job.complaint_handle", *k, std::move(d), at);
            !s.ok()) {
          return s;
        }
        Result<Complaint> read = get_complaint(c, id);
        if (!read.ok()) return read.status();
        *out = std::move(*read);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::jobs
