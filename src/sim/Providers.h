#pragma once

#include "sim/ProviderSim.h"

#include <memory>
#include <vector>

namespace pb::sim {

// Every simulated provider, freshly seeded.
std::vector<std::unique_ptr<ProviderSim>> makeProviders();

} // namespace pb::sim
