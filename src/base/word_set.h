// A fixed set of words asked about many times, mostly about words it does
// not hold: the fact store's vocabulary against every word near a figure,
// a lexicon's word lists against the words of a claim. Words are found by
// hash in an open-addressing table, and a bitmap of their hashes turns most
// others away before the table is touched.
//
//   WordSet units({"km", "kg", "tonnes"});
//   units.Holds("kg");                   // true
//   units.Holds(word, WordHash(word));   // for a caller that has the hash
//
// Immutable after construction; may be shared between threads.
#ifndef CLAIMCHECK_BASE_WORD_SET_H_
#define CLAIMCHECK_BASE_WORD_SET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace claimcheck {

// A hash of a word, cheap for the short words of prose; what WordSet tests
// with, so that a caller that numbers words by hash too computes it once.
uint64_t WordHash(std::string_view word);

class WordSet {
 public:
  WordSet() : WordSet(std::vector<std::string>{}) {}
  // Duplicates are kept once. Words are compared byte for byte.
  explicit WordSet(std::vector<std::string> words);

  bool Holds(std::string_view word) const { return Holds(word, WordHash(word)); }
  // REQUIRES: hash == WordHash(word).
  bool Holds(std::string_view word, uint64_t hash) const;

  // The words, sorted, each once.
  const std::vector<std::string>& words() const { return words_; }

 private:
  // About 64 bits a word, up to 2^16 bits: few other words pass, and a
  // short list takes a few cache lines.
  std::vector<uint64_t> bitmap_;  // bit (hash >> bitmap_shift_) per word
  unsigned bitmap_shift_ = 0;
  std::vector<uint32_t> slots_;  // open addressing by hash: index + 1 into words_
  std::vector<std::string> words_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_BASE_WORD_SET_H_
