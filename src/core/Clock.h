#pragma once

#include <QDateTime>
#include <QString>

namespace pb {

// Current UTC time. Tests may shift it (expiry, credential age) without sleeping.
QDateTime nowUtc();
void setClockOffsetForTesting(qint64 seconds);

// RFC 3339 in UTC with milliseconds, e.g. 2026-11-21T22:53:46.123Z.
QString toRfc3339(const QDateTime& time);
// Accepts RFC 3339 / ISO 8601 with offset or Z; returns an invalid QDateTime otherwise.
QDateTime parseRfc3339(const QString& text);

} // namespace pb
