#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QString>

#include <functional>

namespace pb::bench {

// Percentile (0..100) of the samples, nearest-rank; 0 when empty.
double percentile(QList<double> samples, double pct);
inline double median(const QList<double>& samples) { return percentile(samples, 50); }

// Resident memory of this process (VmRSS of /proc/self/status), in MiB.
double residentMiB();
// Returns freed heap to the OS (glibc malloc_trim) so that RSS figures are not inflated by
// buffers of an earlier section.
void trimHeap();

// nproc, CPU model, RAM, load average and build type, one per line.
QString machineDescription();

// Milliseconds elapsed, with sub-millisecond resolution.
inline double msSince(const QElapsedTimer& t) { return double(t.nsecsElapsed()) / 1e6; }

// Spins the event loop until the predicate holds or timeoutMs passes; false on timeout.
bool spinUntil(const std::function<bool()>& predicate, int timeoutMs);

// One figure against its target. lowerIsBetter: the figure must be <= target, else >= target.
// Prints "  <name>: <value> <unit> (target <op> <target>) PASS|MISS" and records the row for the
// summary table.
void report(const QString& section, const QString& name, double value, const QString& unit, double target,
            bool lowerIsBetter);
// A figure without a target (context for the reader).
void info(const QString& section, const QString& name, const QString& text);
void printSummary();

} // namespace pb::bench
