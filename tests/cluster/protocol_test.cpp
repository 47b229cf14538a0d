// The protocol pieces without a server: reading replies (every type, any
// split of the bytes, malformed and oversized input), encoding commands,
// stream ids, and the reconnection delays.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cluster_test_util.h"
#include "redis/backoff.h"
#include "redis/command.h"
#include "redis/reply.h"
#include "redis/reply_reader.h"
#include "redis/streams.h"

namespace presence::cluster {
namespace {

// Feeds `bytes` in pieces of `step` bytes and collects every reply.
RedisStatus read_all(const std::string& bytes, std::size_t step, std::vector<RedisReply>* out,
                     std::size_t max_reply_bytes = 1 << 20) {
  ReplyReader reader(max_reply_bytes);
  for (std::size_t at = 0; at < bytes.size(); at += step) {
    PE_REDIS_TRY(reader.feed(bytes.data() + at, std::min(step, bytes.size() - at)));
    for (;;) {
      RedisReply reply;
      bool complete = false;
      PE_REDIS_TRY(reader.next(&reply, &complete));
      if (!complete) break;
      out->push_back(std::move(reply));
    }
  }
  return RedisStatus::ok();
}

constexpr char kEveryType[] =
    "+OK\r\n"
    "-ERR wrong\r\n"
    ":-42\r\n"
    "$5\r\nhe\r\no\r\n"
    "$0\r\n\r\n"
    "$-1\r\n"
    "*-1\r\n"
    "*0\r\n"
    "*3\r\n:1\r\n*2\r\n$1\r\na\r\n$-1\r\n+x\r\n";

std::vector<RedisReply> expected_every_type() {
  return {RedisReply::status("OK"),
          RedisReply::error("ERR wrong"),
          RedisReply::integer(-42),
          RedisReply::string("he\r\no"),
          RedisReply::string(""),
          RedisReply(),
          RedisReply(),
          RedisReply::array({}),
          RedisReply::array({RedisReply::integer(1),
                             RedisReply::array({RedisReply::string("a"), RedisReply()}),
                             RedisReply::status("x")})};
}

TEST(ReplyReader, ReadsEveryTypeHoweverTheBytesAreSplit) {
  const std::string bytes = kEveryType;
  for (std::size_t step : {bytes.size(), std::size_t{1}, std::size_t{2}, std::size_t{7}}) {
    std::vector<RedisReply> replies;
    RedisStatus status = read_all(bytes, step, &replies);
    ASSERT_TRUE(status.is_ok()) << status.to_string();
    EXPECT_EQ(replies, expected_every_type()) << "step " << step;
  }
}

TEST(ReplyReader, BinarySafeStrings) {
  const std::string value("a\0b\r\nc", 6);
  std::vector<RedisReply> replies;
  ASSERT_TRUE(read_all("$6\r\n" + value + "\r\n", 3, &replies).is_ok());
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].text(), value);
}

TEST(ReplyReader, LargeArray) {
  std::string bytes = "*10000\r\n";
  for (int i = 0; i < 10000; ++i) bytes += ":" + std::to_string(i) + "\r\n";
  std::vector<RedisReply> replies;
  ASSERT_TRUE(read_all(bytes, 4096, &replies).is_ok());
  ASSERT_EQ(replies.size(), 1u);
  ASSERT_EQ(replies[0].elements().size(), 10000u);
  EXPECT_EQ(replies[0].elements()[9999].integer_value(), 9999);
}

TEST(ReplyReader, RefusesMalformedInput) {
  for (const char* bad : {"?what\r\n", ":12x\r\n", "$abc\r\n", "$-2\r\n", "*-5\r\n", "*x\r\n",
                          "HTTP/1.1 400 Bad Request\r\n"}) {
    std::vector<RedisReply> replies;
    RedisStatus status = read_all(bad, 64, &replies);
    EXPECT_EQ(status.code(), RedisCode::kProtocol) << bad;
    EXPECT_NE(status.message().find("malformed reply"), std::string::npos) << status.message();
  }
}

// hiredis keeps a fixed stack of nine levels: eight nested arrays and a value.
TEST(ReplyReader, RefusesArraysNestedDeeperThanEight) {
  auto nested = [](int depth) {
    std::string bytes;
    for (int i = 0; i < depth; ++i) bytes += "*1\r\n";
    return bytes + ":1\r\n";
  };
  std::vector<RedisReply> replies;
  EXPECT_TRUE(read_all(nested(8), 64, &replies).is_ok());
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(read_all(nested(9), 64, &replies).code(), RedisCode::kProtocol);
}

TEST(ReplyReader, RefusesAnOversizedReplyBeforeItArrivesWhole) {
  ReplyReader reader(100);
  const std::string head = "$1000000\r\n" + std::string(200, 'x');
  ASSERT_TRUE(reader.feed(head.data(), head.size()).is_ok());
  RedisReply reply;
  bool complete = true;
  RedisStatus status = reader.next(&reply, &complete);
  EXPECT_EQ(status.code(), RedisCode::kLimitExceeded);
  EXPECT_NE(status.message().find("max_reply_bytes (100 bytes)"), std::string::npos);
  EXPECT_FALSE(complete);
  // The stream can no longer be split into replies: the reader stays failed.
  EXPECT_EQ(reader.feed("+OK\r\n", 5).code(), RedisCode::kLimitExceeded);
  EXPECT_EQ(reader.next(&reply, &complete).code(), RedisCode::kLimitExceeded);
}

TEST(ReplyReader, RefusesAnOversizedReplyThatArrivedWhole) {
  std::vector<RedisReply> replies;
  const std::string small = "+OK\r\n";
  const std::string big = "$200\r\n" + std::string(200, 'x') + "\r\n";
  EXPECT_EQ(read_all(small + big, 4096, &replies, 100).code(), RedisCode::kLimitExceeded);
  ASSERT_EQ(replies.size(), 1u) << "the small reply before it is fine";
  // Many small replies in one feed add up to more than the limit: fine.
  std::string many;
  for (int i = 0; i < 100; ++i) many += small;
  replies.clear();
  EXPECT_TRUE(read_all(many, many.size(), &replies, 100).is_ok());
  EXPECT_EQ(replies.size(), 100u);
}

TEST(Command, EncodesRespArrays) {
  std::string bytes;
  ASSERT_TRUE(append_command({"SET", "k", std::string("v\0\r\n", 4)}, &bytes).is_ok());
  ASSERT_TRUE(append_command({"PING"}, &bytes).is_ok());
  const char expected[] = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nv\0\r\n\r\n*1\r\n$4\r\nPING\r\n";
  EXPECT_EQ(bytes, std::string(expected, sizeof expected - 1));
  EXPECT_EQ(append_command({}, &bytes).code(), RedisCode::kInvalidArgument);
  EXPECT_EQ(command_name({"xinfo", "STREAM", "s"}), "XINFO");
}

TEST(StreamId, ParsesFormatsAndOrders) {
  StreamId id;
  ASSERT_TRUE(StreamId::parse("1700000000000-12", &id));
  EXPECT_EQ(id.ms, 1700000000000u);
  EXPECT_EQ(id.seq, 12u);
  EXPECT_EQ(id.to_string(), "1700000000000-12");
  ASSERT_TRUE(StreamId::parse("18446744073709551615-18446744073709551615", &id));
  EXPECT_EQ(id.seq, UINT64_MAX);
  for (const char* bad :
       {"", "5", "5-", "-5", "a-1", "1-b", "1-2-3", "18446744073709551616-0", "+1-2", " 1-2"}) {
    EXPECT_FALSE(StreamId::parse(bad, &id)) << bad;
  }
  EXPECT_LT((StreamId{1, 9}), (StreamId{2, 0}));
  EXPECT_LT((StreamId{2, 0}), (StreamId{2, 1}));
  EXPECT_EQ((StreamId{3, 4}), (StreamId{3, 4}));
  EXPECT_GE((StreamId{3, 4}), (StreamId{3, 4}));
}

TEST(StreamPosition, AdvancesAndStartsAtTheEnd) {
  StreamInfo info;
  info.last_generated_id = {50, 2};
  info.entries_added = 70;
  StreamPosition position = StreamPosition::at_end(info);
  EXPECT_EQ(position.last_read, (StreamId{50, 2}));
  EXPECT_EQ(position.entries_read, 70);
  position.advance({51, 0});
  EXPECT_EQ(position.last_read, (StreamId{51, 0}));
  EXPECT_EQ(position.entries_read, 71);
  info.entries_added.reset();  // Redis < 7
  position = StreamPosition::at_end(info);
  EXPECT_EQ(position.entries_read, -1);
  position.advance({51, 0});
  EXPECT_EQ(position.entries_read, -1) << "unknown stays unknown";
}

TEST(StreamPosition, MissedEntries) {
  // 100 entries ever added; the 60 oldest trimmed; ids are {n, 0}.
  StreamInfo info;
  info.length = 40;
  info.entries_added = 100;
  info.first_entry_id = StreamId{61, 0};
  info.last_entry_id = StreamId{100, 0};
  info.last_generated_id = {100, 0};
  EXPECT_FALSE(missed_entries(info, {{61, 0}, 61})) << "first entry already read";
  EXPECT_FALSE(missed_entries(info, {{80, 0}, 80}));
  EXPECT_FALSE(missed_entries(info, {{60, 0}, 60})) << "read up to just before the first kept";
  EXPECT_TRUE(missed_entries(info, {{59, 0}, 59})) << "entry 60 was trimmed unread";
  EXPECT_TRUE(missed_entries(info, {{0, 0}, 0}));
  // Without the counts: any first entry beyond last_read is taken as a gap.
  EXPECT_TRUE(missed_entries(info, {{60, 0}, -1}));
  EXPECT_FALSE(missed_entries(info, {{61, 0}, -1}));
  info.entries_added.reset();
  EXPECT_TRUE(missed_entries(info, {{60, 0}, 60}));
  // Emptied: whatever came after last_read is gone.
  info.length = 0;
  info.first_entry_id.reset();
  info.last_entry_id.reset();
  EXPECT_TRUE(missed_entries(info, {{99, 0}, 99}));
  EXPECT_FALSE(missed_entries(info, {{100, 0}, 100}));
}

TEST(Backoff, DoublesWithJitterUpToTheCap) {
  Backoff backoff(100, 1000);
  const std::int64_t bases[] = {100, 200, 400, 800, 1000, 1000};
  for (std::int64_t base : bases) {
    const std::int64_t delay = backoff.next_delay_ms();
    EXPECT_GE(delay, base / 2);
    EXPECT_LE(delay, base);
  }
  backoff.reset();
  EXPECT_LE(backoff.next_delay_ms(), 100);
}

TEST(RedisStatus, NamesAndRetryability) {
  EXPECT_TRUE(RedisStatus::ok().is_ok());
  EXPECT_EQ(RedisStatus::ok().to_string(), "ok");
  RedisStatus timeout(RedisCode::kTimeout, "GET: no reply");
  EXPECT_TRUE(timeout.retryable());
  EXPECT_EQ(timeout.to_string(), "timeout: GET: no reply");
  EXPECT_TRUE(RedisStatus(RedisCode::kIo, "x").retryable());
  EXPECT_FALSE(RedisStatus(RedisCode::kAuth, "x").retryable());
  EXPECT_FALSE(RedisStatus(RedisCode::kServerError, "x").retryable());
}

}  // namespace
}  // namespace presence::cluster
