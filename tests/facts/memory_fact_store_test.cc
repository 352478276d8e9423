#include <gtest/gtest.h>

#include "fact_store_contract.h"
#include "facts/fact_store.h"

namespace claimcheck {
namespace {

INSTANTIATE_TEST_SUITE_P(Memory, FactStoreContractTest,
                         testing::Values(StoreKind{
                             "Memory",
                             [](const std::filesystem::path&) {
                               return NewMemoryFactStore();
                             }}),
                         StoreKindName);

TEST(MemoryFactStoreTest, OddButLegalFactsValidate) {
  // Extreme but legal values pass both Import and Validate: the two apply
  // the same rules.
  std::unique_ptr<FactStore> store = NewMemoryFactStore();
  Fact fact = MakeFact("odd", -1e-300, "widgets", {{"ß"}});
  fact.tolerance = 1e9;
  ASSERT_TRUE(store->Import({fact}, {}).ok());
  EXPECT_TRUE(store->Validate()->empty());
}

}  // namespace
}  // namespace claimcheck
