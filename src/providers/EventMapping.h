#pragma once

#include "providers/ProviderAdapter.h"

namespace pb::event {

// Validates the unified batch {"events": [...]} (1–1000 objects) shared by the sinks; a
// validation problem otherwise.
Result<QJsonArray> events(const RunPtr& run);
// The event's "time" (RFC 3339) or now, in RFC 3339 UTC.
QString time(const QJsonObject& event);

} // namespace pb::event
