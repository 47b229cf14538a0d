// A first-in first-out queue of small records in one ring buffer. Bursts (a
// million joins debounced at once) pass through it: std::deque would leave
// its 512-byte blocks scattered among the long-lived records allocated
// meanwhile, so the heap could not shrink after the burst. Here the storage
// is one block, grown by doubling and given back whole when the queue drains.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <type_traits>

namespace presence::core {

template <class T>
class Fifo {
  static_assert(std::is_trivially_copyable_v<T>, "a Fifo holds plain records");

 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator(const Fifo* fifo, std::size_t index) : fifo_(fifo), index_(index) {}
    const T& operator*() const { return fifo_->at(index_); }
    const T* operator->() const { return &fifo_->at(index_); }
    const_iterator& operator++() {
      ++index_;
      return *this;
    }
    bool operator==(const const_iterator& other) const { return index_ == other.index_; }
    bool operator!=(const const_iterator& other) const { return index_ != other.index_; }

   private:
    const Fifo* fifo_;
    std::size_t index_;
  };

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const T& front() const { return items_[head_]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

  // May throw std::bad_alloc (queue unchanged).
  void push_back(const T& item) {
    if (size_ == capacity_) grow();
    items_[(head_ + size_) & (capacity_ - 1)] = item;
    ++size_;
  }

  void pop_front() {
    head_ = (head_ + 1) & (capacity_ - 1);
    if (--size_ == 0) {
      head_ = 0;
      if (capacity_ > kKeptCapacity) {
        items_.reset();
        capacity_ = 0;
      }
    }
  }

 private:
  // Below this, a drained queue keeps its block: no allocation per lone join.
  static constexpr std::size_t kKeptCapacity = 1024;

  const T& at(std::size_t index) const { return items_[(head_ + index) & (capacity_ - 1)]; }

  void grow() {
    const std::size_t capacity = capacity_ == 0 ? 64 : capacity_ * 2;
    std::unique_ptr<T[]> items(new T[capacity]);
    for (std::size_t i = 0; i < size_; ++i) items[i] = at(i);
    items_ = std::move(items);
    capacity_ = capacity;
    head_ = 0;
  }

  std::unique_ptr<T[]> items_;
  std::size_t capacity_ = 0;  // zero or a power of two
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace presence::core
