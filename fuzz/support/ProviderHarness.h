#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>

namespace pb::fuzz {

// Runs one fuzz input (ProviderInput.h) through a provider adapter with the canned transport:
// the adapter builds its real requests and parses the canned answers. Aborts when an invariant
// breaks: the operation must end exactly once, in a result or a problem with a type, and no
// credential may appear in the recorded exchanges.
void runProviderInput(const QString& providerId, const uint8_t* data, size_t size);

} // namespace pb::fuzz
