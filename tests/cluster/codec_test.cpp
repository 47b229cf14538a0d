// The replica encoding: round trips, and a decoder that refuses every
// malformed input (truncations, corruptions, random bytes) without reading
// past it (run under ASan).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "runtime/replica_codec.h"

namespace presence::cluster {
namespace {

OwnedReplica sample() {
  OwnedReplica r;
  r.session_id = "tab-1";
  r.user_id = "alice";
  r.node_id = "node-a";
  r.version = 4294967295U;
  r.state = PE_STATE_AWAY;
  r.reconnecting = true;
  r.visible = false;
  r.connected = false;
  r.since_ms = 1700000000123;
  r.last_signal_at_ms = 1700000000456;
  r.last_activity_at_ms = 0;
  r.heartbeat_interval_ms = 15000;
  r.meta = std::string("{\"k\":\0}", 7);
  r.rooms = {"lobby", "", "room-2"};
  return r;
}

TEST(ReplicaCodecTest, RoundTrips) {
  OwnedReplica in = sample();
  std::string bytes;
  encode_replica(in.view(), &bytes);
  OwnedReplica out;
  ASSERT_TRUE(decode_replica(bytes, &out));
  EXPECT_EQ(out.session_id, in.session_id);
  EXPECT_EQ(out.user_id, in.user_id);
  EXPECT_EQ(out.node_id, in.node_id);
  EXPECT_EQ(out.version, in.version);
  EXPECT_EQ(out.state, in.state);
  EXPECT_EQ(out.reconnecting, in.reconnecting);
  EXPECT_EQ(out.visible, in.visible);
  EXPECT_EQ(out.connected, in.connected);
  EXPECT_EQ(out.ended, in.ended);
  EXPECT_EQ(out.since_ms, in.since_ms);
  EXPECT_EQ(out.last_signal_at_ms, in.last_signal_at_ms);
  EXPECT_EQ(out.heartbeat_interval_ms, in.heartbeat_interval_ms);
  EXPECT_EQ(out.meta, in.meta);
  EXPECT_EQ(out.rooms, in.rooms);

  OwnedReplica guest;
  guest.session_id = "g";
  guest.node_id = "n";
  guest.since_ms = -5;  // kept exact, even though the engine refuses it
  bytes.clear();
  encode_replica(guest.view(), &bytes);
  ASSERT_TRUE(decode_replica(bytes, &out));
  EXPECT_FALSE(out.user_id.has_value());
  EXPECT_FALSE(out.meta.has_value());
  EXPECT_TRUE(out.rooms.empty());
  EXPECT_EQ(out.since_ms, -5);
}

TEST(ReplicaCodecTest, BatchesRoundTripAndFailWhole) {
  OwnedReplica a = sample();
  OwnedReplica b = sample();
  b.session_id = "tab-2";
  std::string batch;
  append_to_batch(a.view(), &batch);
  append_to_batch(b.view(), &batch);
  std::vector<OwnedReplica> out;
  ASSERT_TRUE(decode_batch(batch, &out));
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[1].session_id, "tab-2");
  EXPECT_TRUE(decode_batch("", &out));
  EXPECT_EQ(out.size(), 2U);
  EXPECT_FALSE(decode_batch(batch.substr(0, batch.size() - 1), &out));
  EXPECT_EQ(out.size(), 2U) << "a failed batch adds nothing";
}

TEST(ReplicaCodecTest, RefusesEveryTruncationAndKnownCorruptions) {
  OwnedReplica in = sample();
  std::string bytes;
  encode_replica(in.view(), &bytes);
  OwnedReplica out;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(decode_replica(bytes.substr(0, n), &out)) << n;
  }
  EXPECT_FALSE(decode_replica(bytes + "x", &out)) << "trailing bytes";
  std::string bad = bytes;
  bad[0] = 2;  // unknown format version
  EXPECT_FALSE(decode_replica(bad, &out));
  bad = bytes;
  bad[1] = static_cast<char>(0x40);  // unknown flag
  EXPECT_FALSE(decode_replica(bad, &out));
  bad = bytes;
  bad[2] = 9;  // not a pe_state
  EXPECT_FALSE(decode_replica(bad, &out));
  // An 11-byte varint (more than 64 bits).
  EXPECT_FALSE(
      decode_replica(std::string("\x01\x00\x00", 3) + std::string(10, '\xff') + "\x01", &out));
}

TEST(ReplicaCodecTest, RandomAndMutatedInputNeverCrashes) {
  OwnedReplica in = sample();
  std::string bytes;
  encode_replica(in.view(), &bytes);
  std::mt19937 random(12345);
  OwnedReplica out;
  std::vector<OwnedReplica> batch;
  for (int i = 0; i < 20000; ++i) {
    std::string mutated = bytes;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int f = 0; f < flips; ++f) {
      mutated[random() % mutated.size()] = static_cast<char>(random());
    }
    (void)decode_replica(mutated, &out);
    std::string noise(random() % 64, '\0');
    for (char& c : noise) c = static_cast<char>(random());
    (void)decode_replica(noise, &out);
    (void)decode_batch(noise, &batch);
  }
  SUCCEED();
}

}  // namespace
}  // namespace presence::cluster
