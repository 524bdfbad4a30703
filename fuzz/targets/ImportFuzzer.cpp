// libFuzzer target: the POST /v1/import document validation path (support/PlatformHarness.h).
#include "support/PlatformHarness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    pb::fuzz::runImportInput(data, size);
    return 0;
}
