// A fact store for linker tests that forwards every query to another store,
// counts the filing queries, and can play a store that keeps less of the
// interface's promises than claimcheck's own: no vocabulary, or filing
// answers in another order than the one promised.
#ifndef CLAIMCHECK_TESTS_LINK_FORWARDING_STORE_H_
#define CLAIMCHECK_TESTS_LINK_FORWARDING_STORE_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "facts/fact_store.h"

namespace claimcheck {

class ForwardingStore : public FactStore {
 public:
  explicit ForwardingStore(const FactStore& inner) : inner_(inner) {}

  Result<std::vector<FilingKey>> FindFilingKeys(
      const std::vector<std::string>& tokens) const override {
    ++key_calls;
    return Reordered(inner_.FindFilingKeys(tokens));
  }
  Result<std::vector<FiledFact>> FindFiled(const std::vector<FilingKey>& keys) const override {
    ++calls;
    return Reordered(inner_.FindFiled(keys));
  }
  Result<std::vector<FactValue>> FindValues(std::string_view unit, const ValueRange& range,
                                            const std::vector<std::string>& tokens,
                                            std::optional<int> year, size_t limit,
                                            const ValueTest& accepts) const override {
    return inner_.FindValues(unit, range, tokens, year, limit, accepts);
  }
  Result<double> MaxTolerance() const override { return inner_.MaxTolerance(); }
  Result<const Vocabulary*> KeywordVocabulary() const override {
    if (hide_vocabulary) return static_cast<const Vocabulary*>(nullptr);
    return inner_.KeywordVocabulary();
  }
  Result<std::vector<Fact>> FindFactsByKey(const std::vector<FactKey>& keys) const override {
    return inner_.FindFactsByKey(keys);
  }
  Result<std::optional<Rate>> FindRate(std::string_view currency, int year) const override {
    return inner_.FindRate(currency, year);
  }
  Status ForEachFact(std::string_view search,
                     const std::function<void(const Fact&)>& each) const override {
    return inner_.ForEachFact(search, each);
  }
  Result<std::vector<Rate>> ListRates() const override { return inner_.ListRates(); }
  Result<size_t> CountFacts(size_t limit) const override { return inner_.CountFacts(limit); }
  Status ImportRecords(const RecordSource&) override {
    return Status::InvalidArgument("read-only");
  }
  Result<std::vector<std::string>> Validate() const override { return inner_.Validate(); }

  mutable int key_calls = 0;
  mutable int calls = 0;
  bool hide_vocabulary = false;  // as a store with too many words to hold
  // Filing answers dealt out of order: the entries at odd places, then
  // those at even places, which splits a run of one key and turns it round.
  bool out_of_order = false;

 private:
  template <typename T>
  Result<std::vector<T>> Reordered(Result<std::vector<T>> answer) const {
    if (!out_of_order || !answer.ok()) return answer;
    std::vector<T> dealt;
    for (size_t start : {size_t{1}, size_t{0}}) {
      for (size_t i = start; i < answer->size(); i += 2) dealt.push_back(std::move((*answer)[i]));
    }
    return dealt;
  }

  const FactStore& inner_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_TESTS_LINK_FORWARDING_STORE_H_
