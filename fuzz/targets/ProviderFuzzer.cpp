// One libFuzzer target per provider adapter: the adapter's response parser fed canned HTTP
// answers (support/ProviderInput.h). PATCHBAY_FUZZ_PROVIDER names the provider (fuzz/CMakeLists.txt).
#include "support/ProviderHarness.h"

#include <QString>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    pb::fuzz::runProviderInput(QStringLiteral(PATCHBAY_FUZZ_PROVIDER), data, size);
    return 0;
}
