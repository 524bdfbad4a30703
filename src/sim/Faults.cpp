#include "sim/Faults.h"

#include <QRegularExpression>

namespace pb::sim {

bool Fault::isEmpty() const
{
    return latencyMs == 0 && status == 0 && retryAfter < 0 && retryAfterDate.isEmpty() && !malformed &&
           oversizedBytes == 0 && redirect.isEmpty() && !drop && !drip && contentType.isEmpty();
}

Fault Fault::parse(const QString& spec, QString* error)
{
    Fault f;
    static const QRegularExpression sep(QStringLiteral("[;,|]"));
    for (const QString& part : spec.split(sep, Qt::SkipEmptyParts)) {
        const int eq = part.indexOf(QLatin1Char('='));
        const QString key = (eq < 0 ? part : part.left(eq)).trimmed().toLower();
        const QString value = eq < 0 ? QString() : part.mid(eq + 1).trimmed();
        if (key == QLatin1String("latency"))
            f.latencyMs = value.toInt();
        else if (key == QLatin1String("status"))
            f.status = value.toInt();
        else if (key == QLatin1String("retry-after"))
            f.retryAfter = value.toInt();
        else if (key == QLatin1String("retry-after-date"))
            f.retryAfterDate = value.toLatin1();
        else if (key == QLatin1String("malformed"))
            f.malformed = true;
        else if (key == QLatin1String("oversized"))
            f.oversizedBytes = value.isEmpty() ? 16 * 1024 * 1024 : value.toLongLong();
        else if (key == QLatin1String("redirect"))
            f.redirect = value.isEmpty() ? QStringLiteral("other") : value;
        else if (key == QLatin1String("drop"))
            f.drop = true;
        else if (key == QLatin1String("drip"))
            f.drip = true;
        else if (key == QLatin1String("content-type"))
            f.contentType = value.isEmpty() ? QByteArrayLiteral("text/html") : value.toLatin1();
        else if (error)
            *error = QStringLiteral("unknown fault \"%1\"").arg(key);
    }
    return f;
}

void FaultQueue::add(const QString& provider, const Fault& fault, int count)
{
    m_entries.append({provider.isEmpty() ? QStringLiteral("*") : provider, fault, count <= 0 ? 1 : count});
}

Fault FaultQueue::take(const QString& provider)
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        Entry& e = m_entries[i];
        if (e.provider != QLatin1String("*") && e.provider != provider)
            continue;
        const Fault f = e.fault;
        if (--e.remaining <= 0)
            m_entries.removeAt(i);
        return f;
    }
    return {};
}

} // namespace pb::sim
