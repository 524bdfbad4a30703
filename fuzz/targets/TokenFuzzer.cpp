// libFuzzer target: the bearer token parser and checks of TokenService::authenticate
// (support/PlatformHarness.h).
#include "support/PlatformHarness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    pb::fuzz::runTokenInput(data, size);
    return 0;
}
