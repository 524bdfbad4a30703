// Test-only harness for docs/screenshots: the console against the simulator, with a result and
// with the raw provider exchange. Run under Xvfb (see docs/CONSOLE.md); not a CTest test.

#include "ConsoleFixture.h"

#include "gui/console/ConnectorConsole.h"
#include "gui/console/IntegrationTokenKeeper.h"
#include "gui/console/OperationForm.h"

#include <QApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace pb;
using namespace pb::test;
using namespace Qt::StringLiterals;

namespace {

bool shoot(const QString& path) {
    QTest::qWait(400); // let the X server draw
    return QProcess::execute(u"import"_s, {u"-window"_s, u"root"_s, path}) == 0;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        qWarning("usage: console_screenshots <output dir>");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    ConsoleFixture fx;
    if (!fx.ok()) {
        qWarning("fixture: %s", qPrintable(fx.error()));
        return 1;
    }
    ConnectorConsole console(&fx.platform());
    console.setGeometry(0, 0, 1280, 800);
    console.show();
    QSignalSpy ready(&console, &ConnectorConsole::operationsReady);
    console.setOrganizationToken(fx.ws().adminToken());
    console.openIntegration(fx.accountId(), fx.jiraId());
    if (!waitUntil([&] { return ready.count() > 0 && console.tokenKeeper().current().isValid(); }))
        return 1;
    // A few calls first, one of them failing, so the history and the Status chart have content.
    QSignalSpy earlier(&console, &ConnectorConsole::callFinished);
    const QStringList tickets{u"DEMO-1"_s, u"DEMO-2"_s, u"DEMO-404"_s, u"OPS-1"_s};
    for (const QString& ticket : tickets) {
        console.selectOperation(u"ticketing_get_ticket"_s);
        console.form()->setFieldText(u"path.ticketId"_s, ticket);
        const qsizetype before = earlier.size();
        console.send();
        if (!waitUntil([&] { return earlier.size() > before; }, 30000))
            return 1;
    }
    console.selectOperation(u"ticketing_query_tickets"_s);
    console.form()->setFieldText(u"query.limit"_s, u"3"_s);
    console.form()->setFieldText(u"query.filter"_s, u"project[eq]DEMO"_s);
    QSignalSpy finished(&console, &ConnectorConsole::callFinished);
    console.send();
    if (!waitUntil([&] { return finished.count() > 0; }, 30000))
        return 1;
    auto* tabs = console.findChild<QTabWidget*>(u"resultTabWidget"_s);
    tabs->setCurrentIndex(0);
    if (!shoot(out + u"/console-result.png"_s))
        return 1;
    tabs->setCurrentIndex(1);
    if (!shoot(out + u"/console-exchange.png"_s))
        return 1;
    tabs->setCurrentIndex(3);
    if (!shoot(out + u"/console-status.png"_s))
        return 1;
    return 0;
}
