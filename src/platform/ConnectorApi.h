#pragma once

#include "core/Api.h"

namespace pb {

struct Core;

// The Connector API entry (/v1/ticketing, /v1/notifications, /v1/sink): Integration Access
// Tokens only; the token picks exactly one Integration, whose Integration Point is re-checked
// on every call before the provider adapter runs.
void handleConnectorCall(Core& core, const ApiRequest& request, ApiCallback done);

} // namespace pb
