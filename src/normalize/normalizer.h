// Stage 3: turns the raw claims of the extractor into model Claims: the
// value with its scale applied, the unit (ISO 4217 code, "%", "pp",
// "times", "year", "count" or the counted noun), the hedge as a qualifier,
// the year the sentence speaks of, the relation ids, and where the claim
// sits (source span, line and column, sentence).
//
//   std::vector<Claim> claims = ExtractClaims(doc, *rules);
//
// Normalizer is immutable and thread-safe. The rules it applies beyond the
// lexicon (which year a claim takes, when a value is signed) are written
// next to the code in normalizer.cc.
#ifndef CLAIMCHECK_NORMALIZE_NORMALIZER_H_
#define CLAIMCHECK_NORMALIZE_NORMALIZER_H_

#include <vector>

#include "extract/extractor.h"
#include "model/claim.h"
#include "model/document.h"

namespace claimcheck {

class Normalizer {
 public:
  // REQUIRES: rules outlives this Normalizer.
  explicit Normalizer(const RuleSet& rules);

  // Returns one Claim per raw claim, in text order, with every field of
  // model/claim.h filled: text (the source bytes of the span), source span
  // (doc.text offsets mapped through doc.source_offset; an empty map is the
  // identity), line/column of source.start in doc.source, in_text, the
  // sentence (in text), type, value, unit, scale_word, year, qualifier and
  // relation (ids 1.. unique within the document). Never fails; linear in
  // the size of the text.
  // REQUIRES: raw comes from Extractor::Extract(doc) with the same rules.
  std::vector<Claim> Normalize(const Document& doc,
                               const std::vector<RawClaim>& raw) const;

 private:
  const RuleSet& rules_;
};

// Extract and Normalize in one call. Thread-safe, never fails.
std::vector<Claim> ExtractClaims(const Document& doc, const RuleSet& rules);

}  // namespace claimcheck

#endif  // CLAIMCHECK_NORMALIZE_NORMALIZER_H_
