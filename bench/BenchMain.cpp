// patchbay-bench: the figures of issue "Benchmarks at scale" (docs/PERFORMANCE.md). It prints,
// it never fails on timing. Run it through scripts/bench.sh (Release build, offscreen Qt, a
// private D-Bus session with an unlocked gnome-keyring for the connector section).
#include "BenchConnector.h"
#include "BenchData.h"
#include "BenchGui.h"
#include "BenchSupport.h"

#include "providers/AdapterRegistry.h"
#include "support/TestWorkspace.h"
#include "vault/KeychainVault.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonArray>

#include <cstdio>
#include <ctime>
#include <memory>

using namespace Qt::StringLiterals;
using namespace pb;
using namespace pb::bench;

namespace {

// CPU time used by this process so far (all threads), in ms.
double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

struct Options {
    Shape shape;
    int importAccounts = 0; // Accounts of the bulk-path comparison; 0 = shape.accounts
    int importRuns = 3;
    int sqlRuns = 3;
    int openRuns = 5;
    int previewRuns = 5;
    int tokenBatches = 5;
    int tokenBatchSize = 5000;
    int connectorSamples = 200;
};

// Section 1: the import (Management API bulk path, one transaction) against plain SQL. Returns
// the workspace of the last import for the other sections.
std::unique_ptr<test::TestWorkspace> bulkSection(const Options& o, CredentialVault* vault, AdapterRegistry* adapters)
{
    const QString section = u"1 bulk creation"_s;
    Shape s = o.shape;
    if (o.importAccounts > 0)
        s.accounts = o.importAccounts;
    std::printf("\n== 1. bulk creation: %d Accounts × %d Integrations, %d credentials (metadata), %d Integration Points = %d rows\n",
                s.accounts, s.integrationsPerAccount, s.credentials(), s.integrationPoints, s.rows());
    std::fflush(stdout);
    QElapsedTimer t;
    t.start();
    QJsonObject doc = importDocument(s);
    std::printf("  import document generated in %.0f ms\n", msSince(t));
    std::unique_ptr<test::TestWorkspace> ws;
    QList<double> importMs;
    for (int run = 0; run < o.importRuns; ++run) {
        ws.reset();
        ws = std::make_unique<test::TestWorkspace>(vault, adapters);
        if (!ws->ok()) {
            std::printf("  cannot create a workspace: %s\n", qPrintable(ws->error()));
            return {};
        }
        t.restart();
        const ApiResponse r = ws->post(u"/v1/import"_s, doc);
        const double ms = msSince(t);
        if (r.status != 200) {
            std::printf("  POST /v1/import failed: %s\n", test::describe(r).constData());
            return {};
        }
        importMs.append(ms);
        std::printf("  POST /v1/import run %d: %.0f ms\n", run + 1, ms);
        std::fflush(stdout);
    }
    doc = {};
    QList<double> sqlMs;
    for (int run = 0; run < o.sqlRuns; ++run) {
        test::TestWorkspace empty;
        empty.close();
        t.restart();
        const Result<int> rows = insertPlainSql(empty.path(), s);
        const double ms = msSince(t);
        if (!rows) {
            std::printf("  plain SQL failed: %s\n", qPrintable(rows.problem().toText()));
            return ws;
        }
        sqlMs.append(ms);
        std::printf("  plain SQL run %d: %.0f ms (%d rows)\n", run + 1, ms, *rows);
        std::fflush(stdout);
    }
    const double imp = median(importMs);
    const double sql = median(sqlMs);
    if (s.accounts != o.shape.accounts)
        info(section, u"shape of the comparison"_s, u"%1 Accounts (--import-accounts), %2 rows"_s.arg(s.accounts).arg(s.rows()));
    info(section, u"POST /v1/import (median)"_s, u"%1 ms, %2 rows/s"_s.arg(qRound64(imp)).arg(qRound64(s.rows() / imp * 1000)));
    info(section, u"plain SQL, one transaction (median)"_s, u"%1 ms, %2 rows/s"_s.arg(qRound64(sql)).arg(qRound64(s.rows() / sql * 1000)));
    report(section, u"import time ÷ plain SQL time"_s, imp / sql, u"×"_s, 3, true);
    if (s.accounts == o.shape.accounts)
        return ws;
    // The other sections need the full shape: the same rows, written by plain SQL.
    ws = std::make_unique<test::TestWorkspace>(vault, adapters);
    ws->close();
    t.restart();
    const Result<int> rows = insertPlainSql(ws->path(), o.shape);
    if (!rows || !ws->reopen()) {
        std::printf("  cannot build the full workspace\n");
        return {};
    }
    std::printf("  full workspace (%d Accounts, %d rows) written by plain SQL in %.0f ms for sections 2-6\n", o.shape.accounts,
                *rows, msSince(t));
    return ws;
}

// Section 4: the impact preview of an Integration Point referenced by every Account's first
// Integration; the change (production Accounts may only use ServiceNow) breaks half of them.
void previewSection(const Options& o, test::TestWorkspace& ws)
{
    const QString section = u"4 preview"_s;
    std::printf("\n== 4. preview an Integration Point change referenced by %d Integrations, %d runs\n", o.shape.accounts, o.previewRuns);
    std::fflush(stdout);
    QJsonObject body = integrationPointBody(0);
    body.insert(u"environments"_s, QJsonObject{{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{u"ticketing_servicenow"_s}}});
    QList<double> ms;
    QList<double> cpuMs;
    for (int run = 0; run < o.previewRuns; ++run) {
        QElapsedTimer t;
        const double cpu0 = processCpuMs();
        t.start();
        const ApiResponse r = ws.post(u"/v1/integration-points/ip-00/preview"_s, body);
        ms.append(msSince(t));
        cpuMs.append(processCpuMs() - cpu0);
        if (r.status != 200) {
            info(section, u"preview"_s, u"failed: %1"_s.arg(QString::fromUtf8(test::describe(r)).left(300)));
            return;
        }
        if (run == 0)
            std::printf("  %lld Integrations judged, %lld would break\n",
                        qlonglong(r.result().toObject().value(u"integrations"_s).toArray().size()),
                        qlonglong(r.result().toObject().value(u"would_break"_s).toArray().size()));
    }
    report(section, u"POST /v1/integration-points/{id}/preview (median)"_s, median(ms), u"ms"_s, 200, true);
    // CPU time of the bench process over the same calls: on this shared machine the wall time
    // above also holds the time other processes had the cores.
    info(section, u"CPU time of the same calls (median)"_s, u"%1 ms"_s.arg(median(cpuMs), 0, 'f', 1));
}

// Section 5: dispatch of the cheapest authenticated call, so the figure is the token check plus
// the router; the platform exposes no token service of its own above dispatch().
void tokenSection(const Options& o, test::TestWorkspace& ws)
{
    const QString section = u"5 token validation"_s;
    std::printf("\n== 5. token validation: GET /v1/organization through Platform::dispatch, %d batches of %d\n", o.tokenBatches,
                o.tokenBatchSize);
    std::fflush(stdout);
    auto rate = [&](const QString& token, int expected) {
        QList<double> rates;
        int wrong = 0;
        for (int b = 0; b < o.tokenBatches; ++b) {
            int done = 0;
            QElapsedTimer t;
            t.start();
            for (int i = 0; i < o.tokenBatchSize; ++i)
                ws.platform().dispatch(ApiRequest::get(u"/v1/organization"_s, token), [&](const ApiResponse& r) {
                    ++done;
                    wrong += r.status != expected;
                });
            spinUntil([&] { return done == o.tokenBatchSize; }, 600000);
            rates.append(o.tokenBatchSize / msSince(t) * 1000);
        }
        if (wrong)
            std::printf("  %d answers had an unexpected status\n", wrong);
        return median(rates);
    };
    report(section, u"valid token, calls per second (median)"_s, rate(ws.adminToken(), 200), u"/s"_s, 50000, false);
    QString tampered = ws.adminToken();
    tampered[tampered.size() - 1] = tampered.back() == u'A' ? u'B' : u'A';
    info(section, u"tampered token (401), calls per second"_s, QString::number(qRound64(rate(tampered, 401))));
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"patchbay-bench"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Patchbay scale benchmark (docs/PERFORMANCE.md)"_s);
    parser.addHelpOption();
    const QCommandLineOption accounts(u"accounts"_s, u"Accounts to generate (default 10000)."_s, u"n"_s, u"10000"_s);
    const QCommandLineOption quick(u"quick"_s, u"One run per section (a smoke run; figures are not medians)."_s);
    const QCommandLineOption skipConnector(u"skip-connector"_s, u"Skip section 6 (needs patchbay-sim and a keyring)."_s);
    const QCommandLineOption skipGui(u"skip-gui"_s, u"Skip sections 2 and 3 (the admin window and the tree filter)."_s);
    const QCommandLineOption importRuns(u"import-runs"_s, u"Runs of the bulk import (default 3; plain SQL always runs 3 times unless --quick)."_s, u"n"_s, u"3"_s);
    const QCommandLineOption importAccounts(u"import-accounts"_s,
                                            u"Accounts for the import-vs-SQL comparison only (default: --accounts); the other sections then run on the full shape written by plain SQL."_s,
                                            u"n"_s, u"0"_s);
    parser.addOptions({accounts, quick, skipConnector, skipGui, importRuns, importAccounts});
    parser.process(app);

    Options o;
    o.shape.accounts = qMax(1, parser.value(accounts).toInt());
    o.importRuns = qMax(1, parser.value(importRuns).toInt());
    o.importAccounts = parser.value(importAccounts).toInt();
    if (parser.isSet(quick)) {
        o.importRuns = o.sqlRuns = o.openRuns = o.previewRuns = 1;
        o.tokenBatches = 1;
        o.connectorSamples = 50;
    }
    std::printf("patchbay-bench\n%s\n", qPrintable(machineDescription()));
    std::fflush(stdout);

    KeychainVault vault;
    AdapterRegistry adapters;
    std::unique_ptr<test::TestWorkspace> ws = bulkSection(o, &vault, &adapters);
    if (!ws)
        return 1;
    if (!parser.isSet(skipGui))
        runGuiSections(*ws, o.shape, o.openRuns);
    previewSection(o, *ws);
    tokenSection(o, *ws);
    if (!parser.isSet(skipConnector))
        runConnectorSection(*ws, o.connectorSamples);
    std::printf("\n%s\n", qPrintable(machineDescription()));
    printSummary();
    return 0;
}
