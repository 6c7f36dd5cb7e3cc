// Volunteer service certificates: the pure rules (certificate.h).
#include "volunteers/certificate.h"

#include <algorithm>
#include <map>
#include <utility>

namespace warmcity::volunteers {

namespace {

constexpr size_t kCertMaxServices = 10;
constexpr int kCertMaxYears = 10;

// The line a record counts in: an organisation by id, else a name.
using CertLineKey = std::pair<int64_t, std::string>;  // {id or 0, "" or the name}

CertLineKey cert_line_key(const CountedRecord& r) {
  return r.organiser_id ? CertLineKey{*r.organiser_id, ""} : CertLineKey{0, r.organiser_name};
}

}  // namespace

std::vector<CertificateLine> certificate_content(const std::vector<CountedRecord>& records) {
  std::vector<CertificateLine> lines;
  std::map<CertLineKey, size_t> index;
  for (const CountedRecord& r : records) {
    auto [it, fresh] = index.emplace(cert_line_key(r), lines.size());
    if (fresh) {
      CertificateLine l;
      l.organiser_id = r.organiser_id;
      lines.push_back(std::move(l));
    }
    CertificateLine& l = lines[it->second];
    l.minutes += r.minutes;
    if (r.correction) continue;
    l.organiser_name = r.organiser_name;  // the latest name it served under
    ++l.records;
    if (l.services.size() < kCertMaxServices &&
        std::find(l.services.begin(), l.services.end(), r.content) == l.services.end())
      l.services.push_back(r.content);
  }
  std::erase_if(lines, [](const CertificateLine& l) { return l.minutes <= 0 || l.records == 0; });
  std::stable_sort(lines.begin(), lines.end(),
                   [](const CertificateLine& a, const CertificateLine& b) {
                     if (a.minutes != b.minutes) return a.minutes > b.minutes;
                     return a.organiser_name < b.organiser_name;
                   });
  return lines;
}

int64_t content_minutes(const std::vector<CertificateLine>& lines) {
  int64_t sum = 0;
  for (const CertificateLine& l : lines) sum += l.minutes;
  return sum;
}

double hours_of(int64_t minutes) {
  const int64_t tenths = (minutes * 10 + 30) / 60;
  return static_cast<double>(tenths) / 10;
}

Result<CertificatePeriod> check_certificate_period(std::string_view from, std::string_view to,
                                                   core::LocalDate today) {
  std::vector<FieldError> errors;
  Result<core::LocalDate> f = core::parse_date(from);
  Result<core::LocalDate> t = core::parse_date(to);
  if (!f.ok()) errors.push_back({"from", "a date YYYY-MM-DD"});
  if (!t.ok()) errors.push_back({"to", "a date YYYY-MM-DD"});
  if (errors.empty()) {
    core::LocalDate earliest{t->year - kCertMaxYears, t->month, 1};
    earliest.day = std::min(t->day, core::days_in_month(earliest.year, earliest.month));
    if (*t > today) {
      errors.push_back({"to", "not in the future"});
    } else if (*f > *t) {
      errors.push_back({"to", "not before from"});
    } else if (*f < earliest) {
      errors.push_back({"from", "a period of at most 10 years"});
    }
  }
  if (!errors.empty()) return Status::Unprocessable("bad period", std::move(errors));
  return CertificatePeriod{*f, *t};
}

}  // namespace warmcity::volunteers
