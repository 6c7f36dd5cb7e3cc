// The district's certificates (seed.h): 20,000 issued evenly from the
// ledger's second month to yesterday, each by the team the volunteer served
// with then, over the year before (or since they joined), with one line for
// the team and, for half of them, one for its community; one in twenty is
// reissued up to three weeks later and the first superseded. Their facts
// are as the certificate service prints them; their content is made up,
// not counted from the ledger: verifying one reads only its row.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "core/time.h"
#include "seed.h"
#include "volunteers/certificate.h"
#include "volunteers/certificate_store.h"

namespace warmcity::volunteers::bench {
namespace {

constexpr int64_t kFirstIssued = kLedgerStart + 30 * kDay;

int year_of(int64_t t) { return core::local_date_of(t).year; }

CertificateLine certificate_line(District& d, int64_t org, std::vector<std::string> services) {
  const int64_t records = d.between(1, 40);
  return {org, d.org_names.at(org), records, records * d.between(6, 18) * 10, std::move(services)};
}

Certificate certificate_at(District& d, const DistrictVolunteer& v, int64_t at) {
  const DistrictTeam& team = d.teams[static_cast<size_t>(v.team_on(at, false))];
  Certificate cert;
  cert.volunteer_id = v.id;
  cert.team_id = team.org_id;
  cert.to = date_of(at - d.between(0, 10) * kDay);
  cert.from = date_of(std::max(v.joined, at - 365 * kDay));
  cert.content.push_back(certificate_line(d, team.org_id, {"清理小广告", "入户宣传"}));
  if (d.uniform() < 0.5) {
    const int64_t community = d.communities[static_cast<size_t>(team.community)].org_id;
    cert.content.push_back(certificate_line(d, community, {"代购/代办服务", "敬老院陪护"}));
  }
  std::sort(
      cert.content.begin(), cert.content.end(),
      [](const CertificateLine& a, const CertificateLine& b) { return a.minutes > b.minutes; });
  cert.minutes = content_minutes(cert.content);
  cert.volunteer_name = v.name;
  cert.id_number_masked = v.id_masked;
  cert.volunteer_no = v.volunteer_no;
  cert.issuer_name = team.name;
  cert.responsible_person = team.leader_name;
  cert.contact_phone = team.phone;
  cert.handler_user_id = team.leader_user;
  cert.handler_name = team.leader_name;
  cert.issued_on = date_of(at);
  cert.note = std::string(kCertificateNote);
  cert.created_at = at;
  return cert;
}

}  // namespace

Status seed_certificates(store::Connection& c, District& d) {
  const int64_t span = kNow - kDay - kFirstIssued;
  int written = 0;
  while (written < kCertificates) {
    const int64_t at = kFirstIssued + span * written / kCertificates;
    const DistrictVolunteer& v = d.volunteers[static_cast<size_t>(d.someone())];
    if (v.joined > at - 30 * kDay || v.until < at) continue;  // nothing to certify yet, or left
    Certificate cert = certificate_at(d, v, at);
    if (Status s = insert_certificate(c, cert, year_of(at)); !s.ok()) return s;
    ++written;
    if (written == kCertificates || d.uniform() >= 0.05) continue;
    Certificate again = cert;
    again.created_at = std::min(at + d.between(3600, 21 * kDay), kNow - 60);
    again.issued_on = date_of(again.created_at);
    if (Status s = insert_certificate(c, again, year_of(again.created_at)); !s.ok()) return s;
    if (Status s = supersede(c, cert.id, again.id, again.created_at); !s.ok()) return s;
    ++written;
  }
  std::fprintf(stderr, "  %d certificates\n", written);
  return Status::Ok();
}

}  // namespace warmcity::volunteers::bench
