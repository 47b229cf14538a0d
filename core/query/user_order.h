// Users ordered by id within each state: the who's-online list pages through
// these sets, so a page costs O(page * log n) whatever the filter, and a
// cursor (the last id seen) stays valid while users come and go.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

#include "engine/records.h"
#include "store/slot_pool.h"

namespace presence::core {

class UserOrder {
 public:
  explicit UserOrder(const UserPool* users);

  // May throw std::bad_alloc (order unchanged).
  void insert(std::uint32_t slot, State state);
  void erase(std::uint32_t slot, State state);
  // Moves a user between states without allocating.
  void move(std::uint32_t slot, State from, State to);

  // Appends to *out up to `limit` users whose state is >= min_state and whose
  // id is > after (all when empty), in id order. Returns true if more follow.
  bool page(State min_state, std::string_view after, std::size_t limit,
            std::vector<std::uint32_t>* out) const;

  template <class F>
  void for_each_in(State state, F&& visit) const {
    for (std::uint32_t slot : by_state_[static_cast<std::size_t>(index_of(state))]) visit(slot);
  }

 private:
  struct ById {
    using is_transparent = void;
    const UserPool* users = nullptr;
    std::string_view key(std::uint32_t slot) const { return (*users)[slot].id.view(); }
    std::string_view key(std::string_view id) const { return id; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return key(a) < key(b);
    }
  };
  using Set = std::set<std::uint32_t, ById>;

  const UserPool* users_;
  std::array<Set, kStateCount> by_state_;
};

}  // namespace presence::core
