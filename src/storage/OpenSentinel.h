#pragma once

#include <QString>

namespace pb {

// Tells whether the last session on a workspace file ended cleanly, so that opening can skip the
// full-file integrity check in the usual case and run it after a crash (issue "Benchmarks at
// scale": the check reads every page and cost most of "open → first paint" at 10,000 Accounts).
//
// While a process has the workspace open it keeps an empty marker file beside it,
// ".<file name>.<pid>.open". A clean close removes it; a kill, a crash or a power cut leaves it.
// A marker whose process is no longer alive is the sign of an unclean end. The markers never hold
// data. Several connections of one process share one marker (reference-counted).
class OpenSentinel final {
public:
    enum class LastSession {
        Clean,     // no marker of a dead process: skip the integrity check
        Unclean,   // a dead process left its marker: check the file
        Unknown,   // markers cannot be kept here (read-only folder, no process ids): check every time
    };

    // Looks for markers left by processes that are gone (does not remove them).
    static LastSession lastSession(const QString& workspacePath);
    // After the file has passed its check: removes the markers of processes that are gone.
    static void clearStale(const QString& workspacePath);
    // This process opens / closes the workspace (reference-counted per process and path).
    static void acquire(const QString& workspacePath);
    static void release(const QString& workspacePath);
};

} // namespace pb
