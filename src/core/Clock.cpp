#include "core/Clock.h"

#include <atomic>

namespace pb {

namespace {
std::atomic<qint64> s_offsetSeconds{0};
}

QDateTime nowUtc()
{
    return QDateTime::currentDateTimeUtc().addSecs(s_offsetSeconds.load());
}

void setClockOffsetForTesting(qint64 seconds)
{
    s_offsetSeconds.store(seconds);
}

QString toRfc3339(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseRfc3339(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

} // namespace pb
