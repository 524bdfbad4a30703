#pragma once

#include "core/Result.h"

#include <QJsonValue>

namespace pb {

// RFC 6902 JSON Patch (add, remove, replace, test, move, copy) over RFC 6901 pointers.
// Applies to a copy: on any failure (a failed "test" included) the document is unchanged and
// the Problem names the operation index.
Result<QJsonValue> applyJsonPatch(const QJsonValue& document, const QJsonValue& patch);

} // namespace pb
