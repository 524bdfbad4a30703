#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

// Process-wide set-up shared by every fuzz target: one QCoreApplication, quiet Qt logging, an
// event loop to drive the asynchronous code under test, and a scratch directory.
namespace pb::fuzz {

// Creates the application on first use (libFuzzer gives no main() of our own).
void ensureApplication();

// Spins the event loop until `done` is true. A run that never finishes is left to libFuzzer's
// -timeout, which reports it as a hang with the input that caused it.
void spinUntil(const bool& done);

// Deletes objects whose deleteLater() is still pending, so memory stays flat across inputs.
void flushDeferredDeletes();

// A private directory for workspace files, removed at exit. Prefers /dev/shm: SQLite on tmpfs
// keeps the database targets fast.
QString scratchDir();

// Ends the process with a message: an invariant of the code under test was broken. libFuzzer
// (and the replay of fuzz/regressions) reports it as a crash together with the input.
[[noreturn]] void invariantBroken(const char* what, const QByteArray& detail = {});

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    // A deep copy: code under test must never keep a pointer into libFuzzer's buffer.
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

} // namespace pb::fuzz
