#include "base/word_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace claimcheck {
namespace {

TEST(WordSetTest, HoldsExactlyItsWords) {
  std::vector<std::string> words;
  for (int i = 0; i < 3000; ++i) words.push_back(std::string("word").append(std::to_string(i)));
  words.push_back("investment");
  words.push_back("investment");  // kept once
  words.push_back("a-long-hyphenated-keyword-of-many-bytes");
  const WordSet set(words);
  for (const std::string& word : words) {
    EXPECT_TRUE(set.Holds(word)) << word;
    EXPECT_TRUE(set.Holds(word, WordHash(word))) << word;
  }
  for (std::string_view other : {"", "word", "word3000", "investments", "investmen", "Investment",
                                 "a-long-hyphenated-keyword-of-many-byte"}) {
    EXPECT_FALSE(set.Holds(other)) << other;
  }
}

// Every size from empty to past the largest bitmap: each word is found and
// no other is, whatever share of the bitmap and the table the words fill.
TEST(WordSetTest, HoldsItsWordsAtEverySize) {
  auto word = [](size_t n) {
    std::string w = "w";
    w += std::to_string(n);
    return w;
  };
  for (size_t size : {0u, 1u, 2u, 7u, 8u, 9u, 63u, 64u, 65u, 1000u, 1024u, 1025u, 5000u}) {
    std::vector<std::string> words;
    for (size_t i = 0; i < size; ++i) words.push_back(word(i * 2));
    const WordSet set(words);
    EXPECT_EQ(set.words().size(), size);
    for (size_t i = 0; i < size; ++i) {
      EXPECT_TRUE(set.Holds(word(i * 2))) << size << " " << i;
      EXPECT_FALSE(set.Holds(word(i * 2 + 1))) << size << " " << i;
    }
    EXPECT_FALSE(set.Holds("")) << size;
  }
  EXPECT_FALSE(WordSet().Holds("investment"));
}

// Whatever the length, a word that differs in any one byte hashes
// differently (every step of the hash is a bijection of what it reads).
TEST(WordSetTest, HashDependsOnEveryByte) {
  for (size_t length = 1; length <= 24; ++length) {
    std::string word;
    for (size_t i = 0; i < length; ++i) word += static_cast<char>('a' + i);
    const uint64_t hash = WordHash(word);
    for (size_t i = 0; i < length; ++i) {
      std::string other = word;
      other[i] = 'Z';
      EXPECT_NE(WordHash(other), hash) << word << " at " << i;
    }
  }
  EXPECT_NE(WordHash("a"), WordHash(std::string_view("a\0", 2)));
  EXPECT_EQ(WordHash("investment"), WordHash(std::string("investment")));
}

}  // namespace
}  // namespace claimcheck
