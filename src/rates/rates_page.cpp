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

OrderedRows::OrderedRows(const std::vector<Row>& rows, Order order, Rate rate)
    : order_(order), rate_(rate) {
  keyed_.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    if (order == Order::kRank) {
      keyed_.emplace_back(rank_key(r), i);
    } else if (r.id && rate_of(r, rate)) {
      keyed_.emplace_back(worst_key(r, rate), i);
    }
  }
  // rank()'s order is already the rank order; sorting again costs little.
  std::sort(keyed_.begin(), keyed_.end());
}

OrderedRows::Selection OrderedRows::select(const std::vector<Row>& rows, const PageQuery& q) const {
  auto kept = [&](const std::pair<Key, size_t>& k) {
    return rows[k.second].valid_callbacks >= q.min_callbacks;
  };
  Selection out;
  out.selected = q.min_callbacks > 0
                     ? static_cast<size_t>(std::count_if(keyed_.begin(), keyed_.end(), kept))
                     : keyed_.size();
  auto it = keyed_.begin();
  if (q.cursor) {
    if (const std::optional<Key> after = decode(*q.cursor, order_, rate_)) {
      it = std::upper_bound(keyed_.begin(), keyed_.end(), *after,
                            [](const Key& k, const auto& e) { return k < e.first; });
    }
  }
  const Key* last = nullptr;
  for (; it != keyed_.end(); ++it) {
    if (!kept(*it)) continue;
    if (out.rows.size() == q.limit) {  // another selected row follows the page
      if (last) out.next_cursor = encode(order_, rate_, *last);
      break;
    }
    out.rows.push_back(it->second);
    last = &it->first;
  }
  return out;
}

Page page_of(const std::vector<Row>& rows, const PageQuery& q) {
  OrderedRows::Selection s = OrderedRows(rows, q.order, q.rate).select(rows, q);
  Page page;
  page.selected = s.selected;
  page.next_cursor = std::move(s.next_cursor);
  page.rows.reserve(s.rows.size());
  for (size_t i : s.rows) page.rows.push_back(rows[i]);
  return page;
}

}  // namespace warmcity::rates
