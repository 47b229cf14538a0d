// Hash and key helpers against a real server: the session mirror (HSET,
// HDEL, HGETALL, HSCAN in batches over a large hash) and node liveness
// (SET PX, GET, MGET, DEL, SCAN MATCH).
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cluster_test_util.h"
#include "redis/hashes.h"
#include "redis/keys.h"
#include "redis_server.h"

namespace presence::cluster {
namespace {

using testing::open_connection;
using testing::RedisServer;

class KeysAndHashes : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(RedisServer::start(&server_));
    ASSERT_TRUE(open_connection(server_->url(), &c_));
  }

  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<RedisConnection> c_;
};

TEST_F(KeysAndHashes, HashSetGetDelete) {
  std::int64_t count = 0;
  ASSERT_TRUE(hset(*c_, "pe:node:a", {{"s1", "r1"}, {"s2", "r2"}}, &count).is_ok());
  EXPECT_EQ(count, 2);
  ASSERT_TRUE(hset(*c_, "pe:node:a", {{"s2", "r2b"}, {"s3", "r3"}}, &count).is_ok());
  EXPECT_EQ(count, 1) << "s2 was replaced, not added";
  FieldValues fields;
  ASSERT_TRUE(hgetall(*c_, "pe:node:a", &fields).is_ok());
  using Map = std::map<std::string, std::string>;
  EXPECT_EQ(Map(fields.begin(), fields.end()), (Map{{"s1", "r1"}, {"s2", "r2b"}, {"s3", "r3"}}));
  ASSERT_TRUE(hdel(*c_, "pe:node:a", {"s1", "s9"}, &count).is_ok());
  EXPECT_EQ(count, 1);
  ASSERT_TRUE(hgetall(*c_, "pe:node:none", &fields).is_ok());
  EXPECT_TRUE(fields.empty());
  EXPECT_EQ(hset(*c_, "pe:node:a", {}, &count).code(), RedisCode::kServerError);
}

TEST_F(KeysAndHashes, ScanALargeHashInBatches) {
  constexpr int kFields = 20000;
  std::vector<RedisCommand> writes;
  for (int batch = 0; batch < kFields / 1000; ++batch) {
    FieldValues fields;
    for (int i = batch * 1000; i < (batch + 1) * 1000; ++i) {
      fields.emplace_back("session-" + std::to_string(i), "record-" + std::to_string(i));
    }
    writes.push_back(hset_command("pe:node:big", fields));
  }
  std::vector<RedisReply> replies;
  ASSERT_TRUE(c_->pipeline(writes, &replies).is_ok());

  std::map<std::string, std::string> seen;
  std::size_t pages = 0;
  std::size_t largest = 0;
  HashScanPage page;
  std::string cursor = "0";
  do {
    ASSERT_TRUE(hscan(*c_, "pe:node:big", cursor, 500, &page).is_ok());
    ++pages;
    largest = std::max(largest, page.fields.size());
    for (const auto& [field, value] : page.fields) seen[field] = value;
    cursor = page.cursor;
  } while (!page.done());
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kFields));
  EXPECT_EQ(seen["session-12345"], "record-12345");
  EXPECT_GT(pages, 10u) << "read in batches, not at once";
  EXPECT_LT(largest, 2000u);

  // The whole hash at once is refused by a connection with a small reply limit.
  std::unique_ptr<RedisConnection> limited;
  ASSERT_TRUE(open_connection(server_->url("?max_reply_bytes=65536"), &limited));
  FieldValues all;
  EXPECT_EQ(hgetall(*limited, "pe:node:big", &all).code(), RedisCode::kLimitExceeded);
  cursor = "0";
  std::size_t total = 0;
  do {
    ASSERT_TRUE(hscan(*limited, "pe:node:big", cursor, 500, &page).is_ok());
    total += page.fields.size();
    cursor = page.cursor;
  } while (!page.done());
  EXPECT_GE(total, static_cast<std::size_t>(kFields));
}

TEST_F(KeysAndHashes, ScanOfASmallOrMissingHash) {
  std::int64_t count = 0;
  ASSERT_TRUE(hset(*c_, "pe:node:small", {{"a", "1"}}, &count).is_ok());
  HashScanPage page;
  ASSERT_TRUE(hscan(*c_, "pe:node:small", "0", 100, &page).is_ok());
  EXPECT_TRUE(page.done());
  EXPECT_EQ(page.fields, (FieldValues{{"a", "1"}}));
  ASSERT_TRUE(hscan(*c_, "pe:node:missing", "0", 100, &page).is_ok());
  EXPECT_TRUE(page.done());
  EXPECT_TRUE(page.fields.empty());
  EXPECT_EQ(hscan(*c_, "pe:node:small", "not-a-cursor", 100, &page).code(),
            RedisCode::kServerError);
}

TEST_F(KeysAndHashes, LivenessKeyExpires) {
  ASSERT_TRUE(set_px(*c_, "pe:alive:n1", "started=1", 200).is_ok());
  std::optional<std::string> value;
  ASSERT_TRUE(get(*c_, "pe:alive:n1", &value).is_ok());
  EXPECT_EQ(value, "started=1");
  // Renewed before it expires, it stays.
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  ASSERT_TRUE(set_px(*c_, "pe:alive:n1", "started=1", 200).is_ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  ASSERT_TRUE(get(*c_, "pe:alive:n1", &value).is_ok());
  EXPECT_TRUE(value.has_value());
  // Not renewed, it goes.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE(get(*c_, "pe:alive:n1", &value).is_ok());
  EXPECT_FALSE(value.has_value());
  EXPECT_EQ(set_px(*c_, "pe:alive:n1", "x", 0).code(), RedisCode::kServerError);
}

TEST_F(KeysAndHashes, FindEveryLiveNode) {
  for (int i = 0; i < 60; ++i) {
    ASSERT_TRUE(
        set_px(*c_, "pe:alive:n" + std::to_string(i), "v" + std::to_string(i), 60000).is_ok());
    ASSERT_TRUE(set_px(*c_, "other:" + std::to_string(i), "x", 60000).is_ok());
  }
  std::vector<std::string> keys;
  ASSERT_TRUE(scan_all(*c_, "pe:alive:*", 7, &keys).is_ok());
  ASSERT_EQ(keys.size(), 60u);
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), 60u);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  for (const std::string& key : keys) EXPECT_EQ(key.rfind("pe:alive:n", 0), 0u) << key;

  keys.push_back("pe:alive:gone");
  std::vector<std::optional<std::string>> values;
  ASSERT_TRUE(mget(*c_, keys, &values).is_ok());
  ASSERT_EQ(values.size(), 61u);
  EXPECT_EQ(values[0], "v0");  // sorted: pe:alive:n0 first
  EXPECT_FALSE(values[60].has_value());

  KeyScanPage page;
  ASSERT_TRUE(scan(*c_, "0", "nothing:*", 1000, &page).is_ok());
  EXPECT_TRUE(page.keys.empty());
}

TEST_F(KeysAndHashes, Delete) {
  ASSERT_TRUE(set_px(*c_, "a", "1", 60000).is_ok());
  ASSERT_TRUE(set_px(*c_, "b", "2", 60000).is_ok());
  std::int64_t removed = 0;
  ASSERT_TRUE(del(*c_, {"a", "b", "c"}, &removed).is_ok());
  EXPECT_EQ(removed, 2);
  EXPECT_EQ(del(*c_, {}, &removed).code(), RedisCode::kServerError);
}

TEST_F(KeysAndHashes, WrongTypes) {
  std::int64_t count = 0;
  ASSERT_TRUE(hset(*c_, "h", {{"f", "v"}}, &count).is_ok());
  std::optional<std::string> value;
  RedisStatus status = get(*c_, "h", &value);
  EXPECT_EQ(status.code(), RedisCode::kServerError);
  EXPECT_NE(status.message().find("GET: WRONGTYPE"), std::string::npos) << status.message();
  FieldValues fields;
  ASSERT_TRUE(set_px(*c_, "s", "v", 60000).is_ok());
  EXPECT_EQ(hgetall(*c_, "s", &fields).code(), RedisCode::kServerError);
}

TEST(TypedParsers, RefuseRepliesOfTheWrongShape) {
  std::int64_t count = 0;
  EXPECT_EQ(parse_hset(RedisReply::string("1"), &count).code(), RedisCode::kProtocol);
  EXPECT_EQ(parse_set(RedisReply::status("QUEUED")).code(), RedisCode::kProtocol);
  std::optional<std::string> value;
  EXPECT_EQ(parse_get(RedisReply::integer(3), &value).code(), RedisCode::kProtocol);
  std::vector<std::optional<std::string>> values;
  EXPECT_EQ(parse_mget(RedisReply::array({RedisReply::integer(1)}), &values).code(),
            RedisCode::kProtocol);
  FieldValues fields;
  EXPECT_EQ(parse_hgetall(RedisReply::array({RedisReply::string("odd")}), &fields).code(),
            RedisCode::kProtocol);
  HashScanPage hash_page;
  EXPECT_EQ(parse_hscan(RedisReply::array({RedisReply::string("0")}), &hash_page).code(),
            RedisCode::kProtocol);
  KeyScanPage key_page;
  EXPECT_EQ(parse_scan(RedisReply::array(
                           {RedisReply::string("0"), RedisReply::array({RedisReply::integer(1)})}),
                       &key_page)
                .code(),
            RedisCode::kProtocol);
  EXPECT_EQ(parse_del(RedisReply::error("ERR x"), &count).code(), RedisCode::kServerError);
}

}  // namespace
}  // namespace presence::cluster
