#include "query/user_order.h"

namespace presence::core {

UserOrder::UserOrder(const UserPool* users) : users_(users) {
  for (Set& set : by_state_) set = Set(ById{users_});
}

void UserOrder::insert(std::uint32_t slot, State state) {
  by_state_[static_cast<std::size_t>(index_of(state))].insert(slot);
}

void UserOrder::erase(std::uint32_t slot, State state) {
  by_state_[static_cast<std::size_t>(index_of(state))].erase(slot);
}

void UserOrder::move(std::uint32_t slot, State from, State to) {
  auto node = by_state_[static_cast<std::size_t>(index_of(from))].extract(slot);
  by_state_[static_cast<std::size_t>(index_of(to))].insert(std::move(node));
}

bool UserOrder::page(State min_state, std::string_view after, std::size_t limit,
                     std::vector<std::uint32_t>* out) const {
  // A k-way merge (k <= 5) over the sets of the wanted states.
  struct Cursor {
    Set::const_iterator it;
    Set::const_iterator end;
  };
  std::array<Cursor, kStateCount> cursors{};
  std::size_t count = 0;
  for (int s = index_of(min_state); s < kStateCount; ++s) {
    const Set& set = by_state_[static_cast<std::size_t>(s)];
    auto it = after.empty() ? set.begin() : set.upper_bound(after);
    if (it != set.end()) cursors[count++] = Cursor{it, set.end()};
  }
  const ById by_id{users_};
  for (std::size_t taken = 0;; ++taken) {
    std::size_t best = count;
    for (std::size_t c = 0; c < count; ++c) {
      if (cursors[c].it == cursors[c].end) continue;
      if (best == count || by_id(*cursors[c].it, *cursors[best].it)) best = c;
    }
    if (best == count) return false;
    if (taken == limit) return true;
    out->push_back(*cursors[best].it);
    ++cursors[best].it;
  }
}

}  // namespace presence::core
