#include "BenchSupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <malloc.h>

namespace pb::bench {

namespace {

struct Row {
    QString section;
    QString name;
    QString value;
    QString target;
    QString verdict;
};

QList<Row>& rows()
{
    static QList<Row> all;
    return all;
}

QString fieldOf(const QString& path, const QString& key)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    // /proc files report size 0 and atEnd() at once: read everything, then look.
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line.startsWith(key)) {
            const int colon = int(line.indexOf(QLatin1Char(':')));
            return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

QString formatValue(double v)
{
    if (std::fabs(v) >= 1000)
        return QString::number(qRound64(v));
    if (std::fabs(v) >= 10)
        return QString::number(v, 'f', 1);
    return QString::number(v, 'f', 2);
}

void out(const QString& text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

} // namespace

double percentile(QList<double> samples, double pct)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = qsizetype(std::ceil(pct / 100.0 * double(samples.size())));
    return samples.at(std::clamp<qsizetype>(rank - 1, 0, samples.size() - 1));
}

double residentMiB()
{
    const QString rss = fieldOf(QStringLiteral("/proc/self/status"), QStringLiteral("VmRSS"));
    return rss.section(QLatin1Char(' '), 0, 0).toDouble() / 1024.0;
}

void trimHeap()
{
    malloc_trim(0);
}

QString machineDescription()
{
    QString load;
    QFile f(QStringLiteral("/proc/loadavg"));
    if (f.open(QIODevice::ReadOnly))
        load = QString::fromUtf8(f.readAll()).section(QLatin1Char(' '), 0, 2);
    const double ramGiB = fieldOf(QStringLiteral("/proc/meminfo"), QStringLiteral("MemTotal")).section(QLatin1Char(' '), 0, 0).toDouble() / 1024.0 / 1024.0;
#ifdef NDEBUG
    const QString build = QStringLiteral("optimised (NDEBUG)");
#else
    const QString build = QStringLiteral("NOT optimised (no NDEBUG): figures are not representative");
#endif
    return QStringLiteral("machine: nproc %1 | CPU %2 | RAM %3 GiB | load average %4 | Qt %5 | build %6")
        .arg(QThread::idealThreadCount())
        .arg(fieldOf(QStringLiteral("/proc/cpuinfo"), QStringLiteral("model name")))
        .arg(ramGiB, 0, 'f', 1)
        .arg(load, QString::fromLatin1(qVersion()), build);
}

bool spinUntil(const std::function<bool()>& predicate, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!predicate()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

void report(const QString& section, const QString& name, double value, const QString& unit, double target,
            bool lowerIsBetter)
{
    const bool pass = lowerIsBetter ? value <= target : value >= target;
    Row row{section, name, formatValue(value) + QLatin1Char(' ') + unit,
            (lowerIsBetter ? QStringLiteral("<= ") : QStringLiteral(">= ")) + formatValue(target) + QLatin1Char(' ') + unit,
            pass ? QStringLiteral("PASS") : QStringLiteral("MISS")};
    out(QStringLiteral("  %1: %2 (target %3) %4").arg(name, row.value, row.target, row.verdict));
    rows().append(row);
}

void info(const QString& section, const QString& name, const QString& text)
{
    out(QStringLiteral("  %1: %2").arg(name, text));
    rows().append({section, name, text, QStringLiteral("-"), QStringLiteral("-")});
}

void printSummary()
{
    out(QStringLiteral("\n| section | figure | value | target | |"));
    out(QStringLiteral("|---|---|---|---|---|"));
    for (const Row& r : rows())
        out(QStringLiteral("| %1 | %2 | %3 | %4 | %5 |").arg(r.section, r.name, r.value, r.target, r.verdict));
}

} // namespace pb::bench
