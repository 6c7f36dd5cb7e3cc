#include "rates/rates_page.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace warmcity::rates {

namespace {

// A row's place in an order: compared as a tuple, smallest first.
using Key = std::array<int64_t, 4>;

int64_t micro(double v) { return std::llround(v * 1e6); }

std::optional<double> rate_of(const Row& r, Rate rate) {
  switch (rate) {
    case Rate::kComposite:
      return r.composite;
    case Rate::kResponse:
      return r.response_rate;
    case Rate::kResolution:
      return r.resolution_rate;
    case Rate::kSatisfaction:
      return r.satisfaction_rate;
  }
  return std::nullopt;
}

// rank()'s order: ranked rows (0), unranked rows with a group (1), the row
// without a group (2).
Key rank_key(const Row& r) {
  if (r.composite && r.id) return {0, -micro(*r.composite), -r.valid_callbacks, *r.id};
  if (r.id) return {1, 0, 0, *r.id};
  return {2, 0, 0, 0};
}

// REQUIRES: r.id and rate_of(r, rate).
Key worst_key(const Row& r, Rate rate) {
  return {0, micro(*rate_of(r, rate)), -r.valid_callbacks, *r.id};
}

char order_letter(Order o) { return o == Order::kRank ? 'r' : 'w'; }
char rate_letter(Rate r) {
  switch (r) {
    case Rate::kComposite:
      return 'c';
    case Rate::kResponse:
      return 'p';
    case Rate::kResolution:
      return 'l';
    case Rate::kSatisfaction:
      return 's';
  }
  return '?';
}

// "<order><rate>.<k0>.<k1>.<k2>.<k3>", e.g. "wc.0.412000.-7.1234".
std::string encode(Order order, Rate rate, const Key& k) {
  std::string out{order_letter(order), rate_letter(rate)};
  for (int64_t v : k) {
    out += '.';
    out += std::to_string(v);
  }
  return out;
}

std::optional<Key> decode(std::string_view text, Order order, Rate rate) {
  if (text.size() < 3 || text.size() > 100 || text[0] != order_letter(order) ||
      text[1] != rate_letter(rate)) {
    return std::nullopt;
  }
  text.remove_prefix(2);
  Key k{};
  for (int64_t& v : k) {
    if (text.empty() || text.front() != '.') return std::nullopt;
    text.remove_prefix(1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end == text.data()) return std::nullopt;
    text.remove_prefix(static_cast<size_t>(end - text.data()));
  }
  if (!text.empty() || k[0] < 0 || k[0] > 2) return std::nullopt;
  return k;
}

}  // namespace

std::optional<Order> parse_order(std::string_view name) {
  if (name == "rank") return Order::kRank;
  if (name == "worst") return Order::kWorst;
  return std::nullopt;
}

std::optional<Rate> parse_rate(std::string_view name) {
  if (name == "composite") return Rate::kComposite;
  if (name == "response") return Rate::kResponse;
  if (name == "resolution") return Rate::kResolution;
  if (name == "satisfaction") return Rate::kSatisfaction;
  return std::nullopt;
}

bool cursor_fits(std::string_view cursor, Order order, Rate rate) {
  return decode(cursor, order, rate).has_value();
}

Page page_of(std::vector<Row> rows, const PageQuery& q) {
  // The selected rows with their keys, in the order.
  std::vector<std::pair<Key, Row*>> keyed;
  keyed.reserve(rows.size());
  for (Row& r : rows) {
    if (r.valid_callbacks < q.min_callbacks) continue;
    if (q.order == Order::kRank) {
      keyed.emplace_back(rank_key(r), &r);
    } else if (r.id && rate_of(r, q.rate)) {
      keyed.emplace_back(worst_key(r, q.rate), &r);
    }
  }
  auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  // rank()'s order is already the rank order; sorting again costs little.
  std::sort(keyed.begin(), keyed.end(), by_key);

  Page page;
  page.selected = keyed.size();
  auto from = keyed.begin();
  if (q.cursor) {
    const std::optional<Key> after = decode(*q.cursor, q.order, q.rate);
    if (after) {
      from = std::upper_bound(keyed.begin(), keyed.end(), std::pair<Key, Row*>{*after, nullptr},
                              by_key);
    }
  }
  const size_t left = static_cast<size_t>(keyed.end() - from);
  const size_t n = std::min(q.limit, left);
  page.rows.reserve(n);
  for (auto it = from; it != from + static_cast<std::ptrdiff_t>(n); ++it) {
    page.rows.push_back(std::move(*it->second));
  }
  if (n > 0 && n < left) page.next_cursor = encode(q.order, q.rate, (from + n - 1)->first);
  return page;
}

}  // namespace warmcity::rates
