#include "base/status.h"

#include <gtest/gtest.h>

#include <string>

namespace claimcheck {
namespace {

Result<int> ParsePositive(int n) {
  if (n <= 0) return Status::InvalidArgument("not positive");
  return n;
}

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = Status::NotFound("facts.db: no such file");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "facts.db: no such file");
}

TEST(StatusTest, WithPrefixNamesThePlace) {
  Status s = Status::ParseError("unknown field \"colour\"").WithPrefix("a.jsonl:3");
  EXPECT_EQ(s.message(), "a.jsonl:3: unknown field \"colour\"");
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_TRUE(Status::Ok().WithPrefix("x").ok());
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good = ParsePositive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  Result<int> bad = ParsePositive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(ResultTest, MovesValueOut) {
  Result<std::string> r = std::string("claim");
  std::string s = std::move(r).value();
  EXPECT_EQ(s, "claim");
}

}  // namespace
}  // namespace claimcheck
