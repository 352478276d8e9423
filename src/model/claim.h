// A numeric claim found in a document, with its normalised quantity and
// the relation (range, change, conversion, multiplier) it is part of.
// Plain structs, no logic.
#ifndef CLAIMCHECK_MODEL_CLAIM_H_
#define CLAIMCHECK_MODEL_CLAIM_H_

#include <cstddef>
#include <optional>
#include <string>

namespace claimcheck {

enum class ClaimType { kPercent, kCurrency, kNumber, kYear };

// The hedge on a figure; see interface.md for the words behind each.
enum class Qualifier { kExact, kAbout, kNearly, kOver, kUnder };

enum class RelationKind { kRange, kChange, kConversion, kMultiplier };

// kLow/kHigh: range. kFrom/kTo: change endpoints; kDelta: the stated change
// itself ("rose 20% from X to Y"), an extension of interface.md.
// kAmount/kEquivalent: conversion. kBase/kResult: multiplier endpoints;
// kFactor: the multiplier itself ("tripled", "3 times"), an extension.
enum class RelationRole {
  kLow,
  kHigh,
  kFrom,
  kTo,
  kDelta,
  kAmount,
  kEquivalent,
  kBase,
  kResult,
  kFactor,
};

struct Relation {
  int id = 0;  // unique within a document; claims sharing it form a relation
  RelationKind kind = RelationKind::kRange;
  RelationRole role = RelationRole::kLow;
};

// Where a claim sits. Two coordinate systems: the document's `text` (what
// rules matched, and what linking reads around the claim) and its `source`
// (what reports show).
struct Span {
  size_t start = 0;  // byte offset, inclusive
  size_t end = 0;    // byte offset, exclusive
};

struct Claim {
  std::string text;  // the claim as read: its span of Document::text
  Span source;       // offsets into Document::source
  size_t line = 1;   // of source.start, 1-based
  size_t column = 1; // of source.start, 1-based, in bytes
  // The same column in UTF-16 code units, as SARIF and editors count it.
  size_t column_utf16 = 1;
  Span in_text;      // offsets into Document::text
  Span sentence;     // the sentence holding the claim, offsets into text

  ClaimType type = ClaimType::kNumber;
  // The normalised value: 1.5e9 for "$1.5bn", 12.5 for "12.5%", -3 for
  // "down 3%", 2023 for a year.
  double value = 0;
  // "%", "pp" (percentage points; basis points are converted), an ISO 4217
  // code for currency, "year", "times" for multipliers, "count" for a bare
  // number, or the noun counted ("users").
  std::string unit;
  // The scale word as written ("billion", "bn"), empty if none; kept so
  // that messages can speak the writer's language.
  std::string scale_word;
  // The period the claim speaks of, from its sentence ("in 2023", "by
  // 2030"); for a year claim, the year itself.
  std::optional<int> year;
  Qualifier qualifier = Qualifier::kExact;
  std::optional<Relation> relation;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_MODEL_CLAIM_H_
