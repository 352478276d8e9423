// Google Benchmark micro-benchmarks for the two stages whose cost grows with
// the input: extraction (ExtractClaims: scan, resolve, relate, normalise)
// and linking (Linker::Link against a fact store).
//
//   micro_bench [--benchmark_filter=...]
//
// Inputs, from the environment (scripts/bench sets them):
//   CLAIMCHECK_BENCH_ARTICLE  a typical article (default corpus/ai-race.txt)
//   CLAIMCHECK_BENCH_DB       the bundled fact database (default facts.db)
//   CLAIMCHECK_BENCH_MANY_DB  a database of many facts (bench/gen_corpus
//                             facts); its benchmarks are skipped without it
// The 1 MB document is the article repeated; the rules are the bundled
// rules/.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "facts/fact_store.h"
#include "input/reader.h"
#include "link/linker.h"
#include "normalize/normalizer.h"

namespace claimcheck::bench {
namespace {

std::string Env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// Loaded once, on first use, for all benchmarks.
struct Inputs {
  std::unique_ptr<RuleSet> rules;
  Document article;
  Document megabyte;
  std::string error;
};

const Inputs& GetInputs() {
  static const Inputs* inputs = [] {
    auto* in = new Inputs;
    const std::string source = CLAIMCHECK_SOURCE_DIR;
    Result<std::unique_ptr<RuleSet>> rules = RuleSet::Load(source + "/rules");
    if (!rules.ok()) {
      in->error = rules.status().message();
      return in;
    }
    in->rules = std::move(rules).value();
    const std::string path = Env("CLAIMCHECK_BENCH_ARTICLE", source + "/corpus/ai-race.txt");
    Result<Document> article = ReadDocument(path);
    if (!article.ok()) {
      in->error = article.status().message();
      return in;
    }
    in->article = std::move(article).value();
    // A long document of the same kind of prose: the article's text
    // repeated, paragraph by paragraph, to a megabyte.
    std::string big;
    while (big.size() < (1 << 20)) {
      big += in->article.text;
      big += "\n\n";
    }
    Result<Document> doc = MakeDocument("1mb.txt", std::move(big), Markup::kPlain);
    if (!doc.ok()) {
      in->error = doc.status().message();
      return in;
    }
    in->megabyte = std::move(doc).value();
    return in;
  }();
  return *inputs;
}

// Fact stores by name, opened once: "bundled" and "many", each as SQLite and
// as a MemoryFactStore holding the same facts.
const FactStore* GetStore(const std::string& which, bool memory, std::string* error) {
  static std::map<std::string, std::unique_ptr<FactStore>>* stores =
      new std::map<std::string, std::unique_ptr<FactStore>>;
  static std::map<std::string, std::string>* errors = new std::map<std::string, std::string>;
  const std::string key = which + (memory ? "/memory" : "/sqlite");
  if (auto it = errors->find(key); it != errors->end()) {
    *error = it->second;
    return nullptr;
  }
  if (auto it = stores->find(key); it != stores->end()) return it->second.get();
  const std::string path =
      which == "bundled"
          ? Env("CLAIMCHECK_BENCH_DB", std::string(CLAIMCHECK_SOURCE_DIR) + "/facts.db")
          : Env("CLAIMCHECK_BENCH_MANY_DB", "");
  auto fail = [&](const std::string& message) -> const FactStore* {
    (*errors)[key] = message;
    *error = message;
    return nullptr;
  };
  if (path.empty()) return fail("set CLAIMCHECK_BENCH_MANY_DB to a generated database");
  Result<std::unique_ptr<FactStore>> sqlite = OpenSqliteFactStore(path, OpenMode::kReadOnly);
  if (!sqlite.ok()) return fail(sqlite.status().message());
  std::unique_ptr<FactStore> store = std::move(sqlite).value();
  if (memory) {
    Result<std::vector<Fact>> facts = store->ListFacts("");
    Result<std::vector<Rate>> rates = store->ListRates();
    if (!facts.ok()) return fail(facts.status().message());
    if (!rates.ok()) return fail(rates.status().message());
    std::unique_ptr<FactStore> copy = NewMemoryFactStore();
    if (Status s = copy->Import(*facts, *rates); !s.ok()) return fail(s.message());
    store = std::move(copy);
  }
  return (*stores)[key] = std::move(store), (*stores)[key].get();
}

void ExtractOn(benchmark::State& state, const Document& doc) {
  const Inputs& in = GetInputs();
  if (!in.error.empty()) {
    state.SkipWithError(in.error.c_str());
    return;
  }
  size_t claims = 0;
  for (auto _ : state) {
    std::vector<Claim> found = ExtractClaims(doc, *in.rules);
    claims = found.size();
    benchmark::DoNotOptimize(found.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.text.size()));
  state.counters["claims"] = static_cast<double>(claims);
  state.counters["claims/s"] = benchmark::Counter(
      static_cast<double>(claims * state.iterations()), benchmark::Counter::kIsRate);
}

void BM_ExtractClaimsArticle(benchmark::State& state) {
  ExtractOn(state, GetInputs().article);
}
BENCHMARK(BM_ExtractClaimsArticle)->Unit(benchmark::kMicrosecond);

void BM_ExtractClaims1MB(benchmark::State& state) {
  ExtractOn(state, GetInputs().megabyte);
}
BENCHMARK(BM_ExtractClaims1MB)->Unit(benchmark::kMillisecond);

// The scan alone (Extractor::Extract without normalisation), to split the
// extraction cost between RE2 and the normaliser.
void BM_ExtractorScan1MB(benchmark::State& state) {
  const Inputs& in = GetInputs();
  if (!in.error.empty()) {
    state.SkipWithError(in.error.c_str());
    return;
  }
  Extractor extractor(*in.rules);
  for (auto _ : state) {
    std::vector<RawClaim> raw = extractor.Extract(in.megabyte);
    benchmark::DoNotOptimize(raw.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.megabyte.text.size()));
}
BENCHMARK(BM_ExtractorScan1MB)->Unit(benchmark::kMillisecond);

void LinkArticle(benchmark::State& state, const std::string& which, bool memory) {
  const Inputs& in = GetInputs();
  if (!in.error.empty()) {
    state.SkipWithError(in.error.c_str());
    return;
  }
  std::string error;
  const FactStore* store = GetStore(which, memory, &error);
  if (store == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::vector<Claim> claims = ExtractClaims(in.article, *in.rules);
  Linker linker(*store);
  size_t linked = 0;
  for (auto _ : state) {
    Result<std::vector<ClaimLink>> links = linker.Link(in.article, claims);
    if (!links.ok()) {
      state.SkipWithError(links.status().message().c_str());
      return;
    }
    linked = 0;
    for (const ClaimLink& link : *links) linked += link.series.empty() ? 0 : 1;
    benchmark::DoNotOptimize(links->data());
  }
  state.counters["claims"] = static_cast<double>(claims.size());
  state.counters["linked"] = static_cast<double>(linked);
}

BENCHMARK_CAPTURE(LinkArticle, BundledSqlite, std::string("bundled"), false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(LinkArticle, BundledMemory, std::string("bundled"), true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(LinkArticle, ManySqlite, std::string("many"), false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(LinkArticle, ManyMemory, std::string("many"), true)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace claimcheck::bench

BENCHMARK_MAIN();
