// Stream helpers against a real server: appending with approximate
// trimming, reading ranges both ways, following with XREAD (at once,
// timing out, woken by a writer on another connection), and noticing that
// trimming overtook a follower.
#include "redis/streams.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cluster_test_util.h"
#include "redis/hashes.h"
#include "redis_server.h"

namespace presence::cluster {
namespace {

using testing::elapsed_ms;
using testing::open_connection;
using testing::RedisServer;
using Clock = std::chrono::steady_clock;

class Streams : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(RedisServer::start(&server_));
    ASSERT_TRUE(open_connection(server_->url(), &c_));
  }

  // Appends entries {"n": i} for i in [from, to) and returns their ids.
  std::vector<StreamId> append(int from, int to, std::size_t approx_max_len = 0) {
    std::vector<StreamId> ids;
    for (int i = from; i < to; ++i) {
      StreamId id;
      RedisStatus status =
          xadd(*c_, "transitions", {{"n", std::to_string(i)}}, approx_max_len, &id);
      EXPECT_TRUE(status.is_ok()) << status.to_string();
      ids.push_back(id);
    }
    return ids;
  }

  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<RedisConnection> c_;
};

TEST_F(Streams, AppendAndReadRanges) {
  StreamId id;
  ASSERT_TRUE(xadd(*c_, "transitions", {{"session", "s1"}, {"state", "active"}, {"v", "3"}}, 0, &id)
                  .is_ok());
  const std::vector<StreamId> ids = append(1, 10);
  EXPECT_LT(id, ids.front());
  for (std::size_t i = 1; i < ids.size(); ++i) EXPECT_LT(ids[i - 1], ids[i]);

  std::vector<StreamEntry> entries;
  ASSERT_TRUE(xrange(*c_, "transitions", "-", "+", 0, &entries).is_ok());
  ASSERT_EQ(entries.size(), 10u);
  EXPECT_EQ(entries[0].id, id);
  EXPECT_EQ(entries[0].fields, (FieldValues{{"session", "s1"}, {"state", "active"}, {"v", "3"}}));
  EXPECT_EQ(entries[9].fields, (FieldValues{{"n", "9"}}));

  ASSERT_TRUE(xrange(*c_, "transitions", ids[2].to_string(), "+", 3, &entries).is_ok());
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].id, ids[2]);
  EXPECT_EQ(entries[2].id, ids[4]);

  ASSERT_TRUE(xrevrange(*c_, "transitions", "+", "-", 2, &entries).is_ok());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].id, ids[8]);
  EXPECT_EQ(entries[1].id, ids[7]);

  ASSERT_TRUE(xrange(*c_, "no-such-stream", "-", "+", 0, &entries).is_ok());
  EXPECT_TRUE(entries.empty());
}

TEST_F(Streams, ReadFollowsFromAnId) {
  const std::vector<StreamId> ids = append(0, 5);
  std::vector<StreamEntry> entries;
  ASSERT_TRUE(xread(*c_, "transitions", StreamId{}, 0, kNoBlock, &entries).is_ok());
  ASSERT_EQ(entries.size(), 5u);
  ASSERT_TRUE(xread(*c_, "transitions", ids[1], 2, kNoBlock, &entries).is_ok());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].id, ids[2]);
  EXPECT_EQ(entries[1].fields, (FieldValues{{"n", "3"}}));
  ASSERT_TRUE(xread(*c_, "transitions", ids[4], 0, kNoBlock, &entries).is_ok());
  EXPECT_TRUE(entries.empty());
  ASSERT_TRUE(xread(*c_, "no-such-stream", StreamId{}, 0, kNoBlock, &entries).is_ok());
  EXPECT_TRUE(entries.empty());
}

TEST_F(Streams, NegativeBlockMeansNoBlock) {
  std::vector<StreamEntry> entries;
  const auto start = Clock::now();
  EXPECT_TRUE(xread(*c_, "transitions", StreamId{}, 1, -12345, &entries).is_ok());
  EXPECT_TRUE(entries.empty());
  EXPECT_LT(elapsed_ms(start), 1000);
}

TEST_F(Streams, BlockingReadTimesOut) {
  const std::vector<StreamId> ids = append(0, 1);
  std::vector<StreamEntry> entries(1);
  const auto start = Clock::now();
  RedisStatus status = xread(*c_, "transitions", ids.back(), 10, 300, &entries);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  EXPECT_TRUE(entries.empty());
  EXPECT_GE(elapsed_ms(start), 290);
  EXPECT_LT(elapsed_ms(start), 3000);
}

TEST_F(Streams, BlockLongerThanTheCommandTimeoutIsNotATimeout) {
  std::unique_ptr<RedisConnection> impatient;
  ASSERT_TRUE(open_connection(server_->url("?command_timeout_ms=100"), &impatient));
  std::vector<StreamEntry> entries;
  RedisStatus status = xread(*impatient, "transitions", StreamId{}, 10, 400, &entries);
  EXPECT_TRUE(status.is_ok()) << status.to_string();
}

TEST_F(Streams, BlockingReadIsWokenByAWriterOnAnotherConnection) {
  std::unique_ptr<RedisConnection> writer;
  ASSERT_TRUE(open_connection(server_->url(), &writer));
  // A finite block, "forever" (0), and one so long that adding it to a clock
  // would overflow (must not, here: UBSan watches).
  for (std::int64_t block : {std::int64_t{10000}, std::int64_t{0}, INT64_MAX}) {
    StreamId last;
    ASSERT_TRUE(xadd(*writer, "transitions", {{"n", "before"}}, 0, &last).is_ok());
    std::vector<StreamEntry> entries;
    RedisStatus status;
    const auto start = Clock::now();
    std::thread follower([&] { status = xread(*c_, "transitions", last, 10, block, &entries); });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    StreamId added;
    RedisStatus written = xadd(*writer, "transitions", {{"n", "wake"}}, 0, &added);
    follower.join();
    ASSERT_TRUE(written.is_ok()) << written.to_string();
    ASSERT_TRUE(status.is_ok()) << status.to_string();
    ASSERT_EQ(entries.size(), 1u) << "BLOCK " << block;
    EXPECT_EQ(entries[0].id, added);
    EXPECT_EQ(entries[0].fields, (FieldValues{{"n", "wake"}}));
    EXPECT_GE(elapsed_ms(start), 190);
    EXPECT_LT(elapsed_ms(start), 5000);
  }
}

TEST_F(Streams, ApproximateTrimmingAndAFollowerThatFellBehind) {
  // A follower that bootstrapped after the first 10 entries.
  const std::vector<StreamId> early = append(0, 10, 100);
  StreamInfo info;
  ASSERT_TRUE(xinfo_stream(*c_, "transitions", &info).is_ok());
  const StreamPosition bootstrapped = StreamPosition::at_end(info);
  EXPECT_EQ(bootstrapped.last_read, early.back());
  EXPECT_EQ(bootstrapped.entries_read, 10);

  std::vector<StreamId> ids = append(10, 1000, 100);
  ids.insert(ids.begin(), early.begin(), early.end());
  ASSERT_TRUE(xinfo_stream(*c_, "transitions", &info).is_ok());
  // "~": at least 100 entries stay, trimmed by whole nodes (100 entries each).
  EXPECT_GE(info.length, 100);
  EXPECT_LE(info.length, 300);
  ASSERT_TRUE(info.first_entry_id.has_value());
  ASSERT_TRUE(info.last_entry_id.has_value());
  EXPECT_EQ(*info.last_entry_id, ids.back());
  EXPECT_EQ(info.last_generated_id, ids.back());
  ASSERT_TRUE(info.entries_added.has_value()) << "Redis 7 reports entries-added";
  EXPECT_EQ(*info.entries_added, 1000);

  // The bootstrapped follower did not keep up: entries were trimmed unread.
  EXPECT_TRUE(missed_entries(info, bootstrapped));
  // One that had read up to the entry just before the first kept one, and
  // one that followed to the end, missed nothing.
  std::size_t first_kept = 0;
  while (ids[first_kept] != *info.first_entry_id) ++first_kept;
  ASSERT_GT(first_kept, 10u);
  StreamPosition caught_up = bootstrapped;
  for (std::size_t i = 10; i < first_kept; ++i) caught_up.advance(ids[i]);
  EXPECT_FALSE(missed_entries(info, caught_up));
  StreamPosition one_short = bootstrapped;
  for (std::size_t i = 10; i + 1 < first_kept; ++i) one_short.advance(ids[i]);
  EXPECT_TRUE(missed_entries(info, one_short));
  EXPECT_FALSE(missed_entries(info, StreamPosition::at_end(info)));
}

TEST_F(Streams, InfoOfMissingAndWrongKeys) {
  StreamInfo info;
  RedisStatus status = xinfo_stream(*c_, "no-such-stream", &info);
  EXPECT_EQ(status.code(), RedisCode::kNotFound) << status.to_string();
  RedisReply reply;
  ASSERT_TRUE(c_->execute({"SET", "plain", "x"}, &reply).is_ok());
  status = xinfo_stream(*c_, "plain", &info);
  EXPECT_EQ(status.code(), RedisCode::kServerError);
  EXPECT_NE(status.message().find("WRONGTYPE"), std::string::npos) << status.message();
  StreamId id;
  status = xadd(*c_, "plain", {{"f", "v"}}, 0, &id);
  EXPECT_EQ(status.code(), RedisCode::kServerError);
  EXPECT_NE(status.message().find("XADD: WRONGTYPE"), std::string::npos) << status.message();
  status = xadd(*c_, "transitions", {}, 0, &id);
  EXPECT_EQ(status.code(), RedisCode::kServerError) << "no fields";
  std::vector<StreamEntry> entries;
  status = xrange(*c_, "transitions", "not-an-id", "+", 0, &entries);
  EXPECT_EQ(status.code(), RedisCode::kServerError);
}

TEST_F(Streams, InfoOfAnEmptiedStream) {
  const std::vector<StreamId> ids = append(0, 3);
  RedisReply reply;
  ASSERT_TRUE(c_->execute({"XTRIM", "transitions", "MAXLEN", "0"}, &reply).is_ok());
  StreamInfo info;
  ASSERT_TRUE(xinfo_stream(*c_, "transitions", &info).is_ok());
  EXPECT_EQ(info.length, 0);
  EXPECT_FALSE(info.first_entry_id.has_value());
  EXPECT_FALSE(info.last_entry_id.has_value());
  EXPECT_TRUE(missed_entries(info, {ids[1], 2}));
  EXPECT_FALSE(missed_entries(info, {ids[2], 3}));
}

TEST_F(Streams, TypedCommandsInOnePipeline) {
  std::vector<RedisReply> replies;
  ASSERT_TRUE(c_->pipeline({xadd_command("transitions", {{"n", "1"}}, 1000),
                            hset_command("pe:node:a", {{"s1", "record"}}),
                            xadd_command("transitions", {{"n", "2"}}, 1000),
                            xinfo_stream_command("transitions")},
                           &replies)
                  .is_ok());
  ASSERT_EQ(replies.size(), 4u);
  StreamId first;
  StreamId second;
  std::int64_t added = 0;
  StreamInfo info;
  ASSERT_TRUE(parse_xadd(replies[0], &first).is_ok());
  ASSERT_TRUE(parse_hset(replies[1], &added).is_ok());
  ASSERT_TRUE(parse_xadd(replies[2], &second).is_ok());
  ASSERT_TRUE(parse_xinfo_stream(replies[3], &info).is_ok());
  EXPECT_LT(first, second);
  EXPECT_EQ(added, 1);
  EXPECT_EQ(info.length, 2);
  EXPECT_EQ(*info.last_entry_id, second);
}

TEST_F(Streams, ParsersRefuseRepliesOfTheWrongShape) {
  StreamId id;
  EXPECT_EQ(parse_xadd(RedisReply::integer(1), &id).code(), RedisCode::kProtocol);
  EXPECT_EQ(parse_xadd(RedisReply::string("not-an-id"), &id).code(), RedisCode::kProtocol);
  std::vector<StreamEntry> entries;
  EXPECT_EQ(parse_xread(RedisReply::string("x"), &entries).code(), RedisCode::kProtocol);
  EXPECT_EQ(
      parse_entries("XRANGE", RedisReply::array({RedisReply::array({RedisReply::string("1-1")})}),
                    &entries)
          .code(),
      RedisCode::kProtocol);
  EXPECT_EQ(parse_entries(
                "XRANGE",
                RedisReply::array({RedisReply::array(
                    {RedisReply::string("1-1"), RedisReply::array({RedisReply::string("odd")})})}),
                &entries)
                .code(),
            RedisCode::kProtocol);
  StreamInfo info;
  EXPECT_EQ(parse_xinfo_stream(RedisReply::array({RedisReply::string("length")}), &info).code(),
            RedisCode::kProtocol);
  EXPECT_EQ(parse_xinfo_stream(RedisReply::array({}), &info).code(), RedisCode::kProtocol);
}

}  // namespace
}  // namespace presence::cluster
