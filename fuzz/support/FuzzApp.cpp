#include "FuzzApp.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QEventLoop>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace pb::fuzz {

namespace {

// Qt and the code under test warn about every malformed input; at thousands of inputs a second
// that is noise. PATCHBAY_FUZZ_VERBOSE=1 brings the messages back when replaying one input.
void quietHandler(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    static const bool verbose = qEnvironmentVariableIntValue("PATCHBAY_FUZZ_VERBOSE") != 0;
    if (verbose || type == QtFatalMsg)
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    qInstallMessageHandler(quietHandler);
    static int argc = 1;
    static char name[] = "patchbay-fuzz";
    static char* argv[] = {name, nullptr};
    // Lives until exit: reachable from this static, so LeakSanitizer does not count it.
    static QCoreApplication* app = new QCoreApplication(argc, argv);
    Q_UNUSED(app);
}

void spinUntil(const bool& done)
{
    while (!done)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
}

void flushDeferredDeletes()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QString scratchDir()
{
    static QTemporaryDir* dir = [] {
        const QString shm = QStringLiteral("/dev/shm");
        auto* d = QDir(shm).exists() && QFileInfo(shm).isWritable()
                      ? new QTemporaryDir(shm + QStringLiteral("/patchbay-fuzz-XXXXXX"))
                      : new QTemporaryDir();
        if (!d->isValid())
            invariantBroken("could not create a scratch directory");
        std::atexit([] { delete dir; });
        return d;
    }();
    return dir->path();
}

void invariantBroken(const char* what, const QByteArray& detail)
{
    std::fprintf(stderr, "patchbay-fuzz: invariant broken: %s\n%s\n", what, detail.constData());
    std::fflush(stderr);
    std::abort();
}

} // namespace pb::fuzz
