// Record-level rules shared by the fact stores and the record parser, so
// that `facts import`, FactStore::Import and FactStore::Validate accept and
// reject exactly the same facts and rates. Internal to src/facts/. Pure
// functions; thread-safe.
#ifndef CLAIMCHECK_FACTS_VALIDATION_H_
#define CLAIMCHECK_FACTS_VALIDATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/fact.h"

namespace claimcheck {

// The first word token (base/text.h WordTokens) of a keyword alternative,
// the key facts are counted and filed by (FactStore::FindFiled); empty when the alternative holds
// no word at all (such an alternative can never match).
std::string FirstKeywordToken(std::string_view alternative);

// What is wrong with one fact, one reason a line ("no source", "value is
// not finite", ...); empty when the fact may be stored. Checks: non-empty
// id, subject, metric, unit and source; a finite value; a finite tolerance
// >= 0 when given; every keyword group non-empty, every alternative holding
// at least one word, without | or ; (the CSV separators) and without spaces
// at its ends.
std::vector<std::string> FactProblems(const Fact& fact);

// The same for a rate: a three-letter upper-case currency code, a finite
// per_usd > 0, a non-empty source.
std::vector<std::string> RateProblems(const Rate& rate);

// Whether one FactStore::Import batch may be written: every record passes
// the rules above, no id twice, no (currency, year) twice. Fails with
// kInvalidArgument naming the first bad record.
Status CheckImportable(const std::vector<Fact>& facts,
                       const std::vector<Rate>& rates);

// The same for one record of an import that is never held whole; whether
// it was given before in the import is the importer's to know, and
// GivenTwice is the error then.
Status CheckImportable(const Fact& fact);
Status CheckImportable(const Rate& rate);
Status GivenTwice(const Fact& fact);
Status GivenTwice(const Rate& rate);

// "fact \"ID\"" or "rate CUR YEAR": how messages name a record.
std::string DescribeFact(const Fact& fact);
std::string DescribeRate(const Rate& rate);

}  // namespace claimcheck

#endif  // CLAIMCHECK_FACTS_VALIDATION_H_
