#include "storage/OpenSentinel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <signal.h>
#endif

namespace pb {

namespace {

QMutex g_mutex;
QHash<QString, int>& refCounts()
{
    static QHash<QString, int> counts;
    return counts;
}

QString canonical(const QString& path)
{
    const QFileInfo info(path);
    const QString c = info.canonicalFilePath();
    return c.isEmpty() ? info.absoluteFilePath() : c;
}

QString markerPrefix(const QString& canonicalPath)
{
    return QLatin1Char('.') + QFileInfo(canonicalPath).fileName() + QLatin1Char('.');
}

QString markerPath(const QString& canonicalPath, qint64 pid)
{
    return QFileInfo(canonicalPath).absolutePath() + QLatin1Char('/') + markerPrefix(canonicalPath)
           + QString::number(pid) + QStringLiteral(".open");
}

bool processAlive(qint64 pid)
{
#ifdef Q_OS_UNIX
    // Signal 0 checks existence only; EPERM means it exists but belongs to someone else.
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
#else
    Q_UNUSED(pid);
    return true;
#endif
}

// Process ids of the markers beside the workspace.
QList<qint64> markerPids(const QString& canonicalPath)
{
    const QString prefix = markerPrefix(canonicalPath);
    const QDir dir = QFileInfo(canonicalPath).absoluteDir();
    QList<qint64> pids;
    const QStringList names = dir.entryList({prefix + QStringLiteral("*.open")}, QDir::Files | QDir::Hidden);
    for (const QString& name : names) {
        bool ok = false;
        const qint64 pid = name.mid(prefix.size(), name.size() - prefix.size() - 5).toLongLong(&ok);
        if (ok && pid > 0)
            pids.append(pid);
    }
    return pids;
}

bool markersSupported(const QString& canonicalPath)
{
#ifdef Q_OS_UNIX
    return QFileInfo(QFileInfo(canonicalPath).absolutePath()).isWritable();
#else
    Q_UNUSED(canonicalPath);
    return false;
#endif
}

} // namespace

OpenSentinel::LastSession OpenSentinel::lastSession(const QString& workspacePath)
{
    const QString path = canonical(workspacePath);
    if (!markersSupported(path))
        return LastSession::Unknown;
    QMutexLocker lock(&g_mutex);
    const qint64 self = QCoreApplication::applicationPid();
    for (qint64 pid : markerPids(path)) {
        if (pid == self && refCounts().value(path) > 0)
            continue; // our own, for a connection that is still open
        if (pid == self || !processAlive(pid))
            return LastSession::Unclean;
    }
    return LastSession::Clean;
}

void OpenSentinel::clearStale(const QString& workspacePath)
{
    const QString path = canonical(workspacePath);
    QMutexLocker lock(&g_mutex);
    const qint64 self = QCoreApplication::applicationPid();
    for (qint64 pid : markerPids(path)) {
        if ((pid == self && refCounts().value(path) == 0) || (pid != self && !processAlive(pid)))
            QFile::remove(markerPath(path, pid));
    }
}

void OpenSentinel::acquire(const QString& workspacePath)
{
    const QString path = canonical(workspacePath);
    if (!markersSupported(path))
        return;
    QMutexLocker lock(&g_mutex);
    if (refCounts()[path]++ == 0) {
        QFile marker(markerPath(path, QCoreApplication::applicationPid()));
        if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
            marker.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
}

void OpenSentinel::release(const QString& workspacePath)
{
    const QString path = canonical(workspacePath);
    QMutexLocker lock(&g_mutex);
    auto it = refCounts().find(path);
    if (it == refCounts().end())
        return;
    if (--it.value() <= 0) {
        refCounts().erase(it);
        QFile::remove(markerPath(path, QCoreApplication::applicationPid()));
    }
}

} // namespace pb
