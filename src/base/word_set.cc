#include "base/word_set.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

namespace claimcheck {

uint64_t WordHash(std::string_view word) {
  uint64_t hash = 0x9E3779B97F4A7C15ull * (word.size() + 1);
  size_t at = 0;
  for (; at + 8 <= word.size(); at += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, word.data() + at, 8);
    hash = (hash ^ chunk) * 0xBF58476D1CE4E5B9ull;
    hash ^= hash >> 31;
  }
  // The last 1 to 7 bytes in two overlapping loads, or three bytes that
  // cover them: a copy of a variable length was a call into libc, for
  // most words of prose the only bytes there are.
  const char* rest = word.data() + at;
  const size_t left = word.size() - at;
  uint64_t tail = 0;
  if (left >= 4) {
    uint32_t low, high;
    std::memcpy(&low, rest, 4);
    std::memcpy(&high, rest + left - 4, 4);
    tail = uint64_t{low} | uint64_t{high} << 32;
  } else if (left > 0) {
    tail = uint64_t{static_cast<unsigned char>(rest[0])} |
           uint64_t{static_cast<unsigned char>(rest[left / 2])} << 8 |
           uint64_t{static_cast<unsigned char>(rest[left - 1])} << 16;
  }
  hash = (hash ^ tail) * 0x94D049BB133111EBull;
  return hash ^ (hash >> 29);
}

WordSet::WordSet(std::vector<std::string> words) : words_(std::move(words)) {
  std::sort(words_.begin(), words_.end());
  words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  constexpr size_t kMaxBitmapBits = size_t{1} << 16;
  const size_t bitmap_bits = std::clamp<size_t>(std::bit_ceil(64 * words_.size()), 64,
                                                kMaxBitmapBits);
  bitmap_.assign(bitmap_bits / 64, 0);
  bitmap_shift_ = 64 - static_cast<unsigned>(std::countr_zero(bitmap_bits));
  const size_t slots = std::max<size_t>(16, std::bit_ceil(2 * words_.size()));
  slots_.assign(slots, 0);
  for (size_t i = 0; i < words_.size(); ++i) {
    const uint64_t hash = WordHash(words_[i]);
    const uint64_t bit = hash >> bitmap_shift_;
    bitmap_[bit / 64] |= uint64_t{1} << (bit % 64);
    size_t at = hash & (slots - 1);
    while (slots_[at] != 0) at = (at + 1) & (slots - 1);
    slots_[at] = static_cast<uint32_t>(i + 1);
  }
}

bool WordSet::Holds(std::string_view word, uint64_t hash) const {
  const uint64_t bit = hash >> bitmap_shift_;
  if (!(bitmap_[bit / 64] & (uint64_t{1} << (bit % 64)))) return false;
  const size_t mask = slots_.size() - 1;
  for (size_t at = hash & mask; slots_[at] != 0; at = (at + 1) & mask) {
    if (words_[slots_[at] - 1] == word) return true;
  }
  return false;
}

}  // namespace claimcheck
