// The engine's building blocks: UTF-8 validation, compact ids, the hash
// index, the timer queue and the event log.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "events/event_log.h"
#include "store/fifo.h"
#include "store/id_index.h"
#include "store/id_string.h"
#include "timing/timer_queue.h"
#include "util/utf8.h"

namespace presence::core {
namespace {

TEST(Utf8Test, AcceptsValidAndRejectsMalformedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_TRUE(is_valid_utf8("\xf4\x8f\xbf\xbf"));   // U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xc3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8(std::string_view("a\xe2\x28\xa1", 4)));
}

TEST(IdStringTest, StoresShortIdsInlineAndLongOnesOnTheHeap) {
  const std::string shorter(30, 's');
  const std::string longer(31, 'l');
  IdString a(shorter);
  IdString b(longer);
  EXPECT_EQ(a.view(), shorter);
  EXPECT_EQ(b.view(), longer);
  IdString c = b;
  EXPECT_EQ(c.view(), longer);
  IdString d = std::move(b);
  EXPECT_EQ(d.view(), longer);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  a = d;
  EXPECT_EQ(a.view(), longer);
  a.assign("x");
  EXPECT_EQ(a.view(), "x");
  a = IdString();
  EXPECT_TRUE(a.empty());
}

TEST(IdIndexTest, MatchesAMapUnderRandomInsertsAndErases) {
  std::vector<std::string> keys(4000);
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = "key-" + std::to_string(i * 7919);
  struct KeyOf {
    const std::vector<std::string>* keys;
    std::string_view operator()(std::uint32_t slot) const { return (*keys)[slot]; }
  };
  IdIndex<KeyOf> index(HashKey{1, 2}, KeyOf{&keys});
  std::map<std::string, std::uint32_t> model;
  std::mt19937 rng(7);
  for (int step = 0; step < 40000; ++step) {
    const auto slot = static_cast<std::uint32_t>(rng() % keys.size());
    const std::string& key = keys[slot];
    if (model.count(key) != 0) {
      if (rng() % 2 == 0) {
        index.erase(key, slot);
        model.erase(key);
      }
    } else {
      index.insert(key, slot);
      model[key] = slot;
    }
    if (step % 997 == 0) {
      for (std::uint32_t s = 0; s < keys.size(); ++s) {
        const auto it = model.find(keys[s]);
        ASSERT_EQ(index.find(keys[s]), it == model.end() ? kNoSlot : it->second);
      }
    }
  }
  EXPECT_EQ(index.size(), model.size());
}

TEST(FifoTest, MatchesADequeThroughGrowthWrapAroundAndDraining) {
  Fifo<int> fifo;
  std::deque<int> model;
  std::mt19937 rng(5);
  int next = 0;
  for (int round = 0; round < 4; ++round) {
    // Fill to a different depth each round (past the kept capacity in some),
    // interleaving pops so the ring wraps, then drain completely.
    const int depth = 100 << (round * 3);
    while (static_cast<int>(model.size()) < depth) {
      fifo.push_back(next);
      model.push_back(next++);
      if (rng() % 3 == 0) {
        ASSERT_EQ(fifo.front(), model.front());
        fifo.pop_front();
        model.pop_front();
      }
    }
    ASSERT_EQ(fifo.size(), model.size());
    EXPECT_TRUE(std::equal(fifo.begin(), fifo.end(), model.begin(), model.end()));
    while (!model.empty()) {
      ASSERT_EQ(fifo.front(), model.front());
      fifo.pop_front();
      model.pop_front();
    }
    EXPECT_TRUE(fifo.empty());
    EXPECT_EQ(fifo.begin(), fifo.end());
  }
}

TEST(TimerQueueTest, PopsInDeadlineThenSlotOrderAndMovesEntries) {
  TimerQueue queue;
  std::mt19937 rng(3);
  std::map<std::uint32_t, Millis> model;
  for (int step = 0; step < 20000; ++step) {
    const auto slot = static_cast<std::uint32_t>(rng() % 500);
    const int op = static_cast<int>(rng() % 4);
    if (op == 0) {
      queue.cancel(slot);
      model.erase(slot);
    } else {
      const Millis deadline = static_cast<Millis>(rng() % 1000);
      queue.schedule(slot, deadline);
      model[slot] = deadline;
    }
    ASSERT_EQ(queue.size(), model.size());
  }
  std::vector<std::pair<Millis, std::uint32_t>> expected;
  for (const auto& [slot, deadline] : model) expected.emplace_back(deadline, slot);
  std::sort(expected.begin(), expected.end());
  for (const auto& [deadline, slot] : expected) {
    ASSERT_EQ(queue.top_deadline(), deadline);
    ASSERT_EQ(queue.top_slot(), slot);
    EXPECT_EQ(queue.deadline_of(slot), deadline);
    queue.cancel(slot);
  }
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.top_deadline(), kNever);
}

TEST(EventLogTest, KeepsTheNewestEventsAndNumbersThemFromOne) {
  EventLog log(3);
  EXPECT_EQ(log.last_seq(), 0U);
  EXPECT_EQ(log.oldest_seq(), 0U);
  for (int i = 0; i < 5; ++i) log.append(EventRecord{});
  EXPECT_EQ(log.last_seq(), 5U);
  EXPECT_EQ(log.oldest_seq(), 3U);
  std::vector<EventRecord> out;
  ASSERT_TRUE(log.read(2, 0, &out).is_ok());
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0].seq, 3U);
  EXPECT_EQ(out[2].seq, 5U);
  EXPECT_EQ(log.read(1, 0, &out).code(), Code::kTooFarBehind);
  out.clear();
  ASSERT_TRUE(log.read(5, 0, &out).is_ok());
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace presence::core
