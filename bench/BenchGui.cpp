#include "BenchGui.h"

#include "BenchSupport.h"

#include "gui/ApiClient.h"
#include "gui/MainWindow.h"
#include "gui/models/OrganizationFilterProxy.h"
#include "gui/models/OrganizationTreeModel.h"
#include "support/TestWorkspace.h"

#include <QApplication>
#include <QTreeView>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace pb::bench {

namespace {

const QString kOpen = u"2 open → first paint"_s;
const QString kFilter = u"3 tree filter"_s;

int countNodes(const QAbstractItemModel* model, const QModelIndex& parent = {})
{
    const int rows = model->rowCount(parent);
    int n = rows;
    for (int r = 0; r < rows; ++r)
        n += countNodes(model, model->index(r, 0, parent));
    return n;
}

struct Opened {
    std::unique_ptr<ApiClient> api;
    std::unique_ptr<MainWindow> window;
    double ms = -1;

    // The window first: it holds the client.
    void reset()
    {
        window.reset();
        api.reset();
    }
};

// Reopens the workspace (Platform::open: migrations check, integrity check), signs an ApiClient
// in as the administrator, shows the main window and waits until the Organization row and the
// Accounts group it expands are loaded and painted.
Opened openWindow(test::TestWorkspace& ws, const Shape& shape)
{
    Opened o;
    QElapsedTimer t;
    t.start();
    if (!ws.reopen()) {
        std::printf("  cannot reopen the workspace: %s\n", qPrintable(ws.error()));
        return o;
    }
    o.api = std::make_unique<ApiClient>(&ws.platform());
    o.api->setAccessToken(ws.adminToken());
    o.api->setMember(ws.get(u"/v1/members/"_s + ws.adminMemberId()).result().toObject());
    o.window = std::make_unique<MainWindow>(o.api.get());
    o.window->resize(1200, 800);
    o.window->start();
    o.window->show();
    OrganizationTreeModel* model = o.window->treeModel();
    const bool ready = spinUntil(
        [&] {
            if (!model->isIdle() || model->rowCount() != 1)
                return false;
            const QModelIndex accounts = model->groupIndex(NodeKind::AccountsGroup);
            return accounts.isValid() && model->rowCount(accounts) >= shape.accounts;
        },
        120000);
    // The first paint of what is now loaded.
    o.window->treeView()->viewport()->repaint();
    QApplication::processEvents();
    o.ms = ready ? msSince(t) : -1;
    return o;
}

} // namespace

void runGuiSections(test::TestWorkspace& ws, const Shape& shape, int runs)
{
    std::printf("\n== 2. open the workspace → organization tree ready for first paint (MainWindow, offscreen), %d runs\n", runs);
    std::fflush(stdout);
    QList<double> openMs;
    double firstRss = 0;
    Opened last;
    for (int run = 0; run < runs; ++run) {
        last.reset();
        trimHeap();
        const double before = residentMiB();
        last = openWindow(ws, shape);
        if (last.ms < 0) {
            info(kOpen, u"open → first paint"_s, u"did not finish within 120 s"_s);
            return;
        }
        openMs.append(last.ms);
        if (run == 0) {
            firstRss = residentMiB();
            std::printf("  run 1: %.1f ms, VmRSS %.1f MiB (%.1f MiB before opening)\n", last.ms, firstRss, before);
        } else {
            std::printf("  run %d: %.1f ms\n", run + 1, last.ms);
        }
    }
    report(kOpen, u"open → first paint (median)"_s, median(openMs), u"ms"_s, 300, true);
    report(kOpen, u"resident memory with the tree ready (VmRSS, whole bench process)"_s, firstRss, u"MiB"_s, 200, true);

    std::printf("\n== 3. tree filter across every node\n");
    std::fflush(stdout);
    // Opt-in: at 10,000 Accounts one event-loop pass runs all 30,000 queued group loads with the
    // filter and the view live, which did not end within minutes (docs/PERFORMANCE.md).
    if (qEnvironmentVariableIntValue("PATCHBAY_BENCH_WINDOW_FILTER") != 1) {
        info(kFilter, u"first filter in the window (loads every group)"_s, u"skipped (set PATCHBAY_BENCH_WINDOW_FILTER=1)"_s);
        last.reset();
    } else {
        // (a) The GUI path as a user meets it: the first filter in a freshly opened window loads
        // every group it has never seen (eager loading, one API call per group), with the filter
        // and the view live. Capped at 60 s, but the cap is only checked between event-loop
        // passes, and one pass runs every queued group load.
        constexpr int capMs = 60000;
        MainWindow* window = last.window.get();
        OrganizationTreeModel* model = window->treeModel();
        QElapsedTimer t;
        t.start();
        window->setFilterText(u"acct-04242 jira-3"_s);
        const bool loaded = spinUntil([&] { return model->isIdle(); }, capMs);
        QApplication::processEvents();
        const double firstMs = msSince(t);
        const int nodes = countNodes(model);
        if (loaded)
            report(kFilter, u"first filter in the window (loads every group)"_s, firstMs, u"ms"_s, 50, true);
        else
            info(kFilter, u"first filter in the window (loads every group)"_s,
                 u"MISS: not done after %1 s; %2 nodes loaded by then"_s.arg(capMs / 1000).arg(nodes));
        last.reset(); // its pending group loads are dropped with the model
    }

    // (b) Every group loaded into the model alone (no proxy, no view), as eager loading does.
    ApiClient api(&ws.platform());
    api.setAccessToken(ws.adminToken());
    OrganizationTreeModel model(&api);
    QElapsedTimer t;
    t.start();
    model.reload();
    spinUntil([&] { return model.isIdle() && model.rowCount() == 1; }, 60000);
    model.setEagerLoading(true);
    const bool loaded = spinUntil([&] { return model.isIdle(); }, 600000);
    const double loadMs = msSince(t);
    const int nodes = countNodes(&model);
    info(kFilter, u"loading every group, model only"_s,
         u"%1 ms%2, %3 nodes"_s.arg(qRound64(loadMs)).arg(loaded ? QString() : u" (NOT finished)"_s).arg(nodes));
    trimHeap();
    info(kFilter, u"VmRSS with every node loaded"_s, u"%1 MiB"_s.arg(residentMiB(), 0, 'f', 1));

    // (c) The filter itself over the loaded tree: OrganizationFilterProxy (TreeFilter, recursive
    // filtering, sorted as the view sorts it), then a walk over every visible row, which is what
    // a view asks of the proxy.
    OrganizationFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(0, Qt::AscendingOrder);
    countNodes(&proxy);
    const QStringList filters{u"acct-04242"_s, u"jira-7 acct-0999"_s, u"gold acct-01"_s, u"bot@acct-00123"_s,
                              u"no-such-node"_s, u"ip-00"_s,        u"jira-3 acct-00"_s, u"Account 777"_s};
    constexpr int reps = 3;
    QList<double> samples;
    for (int rep = 0; rep < reps; ++rep) {
        for (const QString& f : filters) {
            t.restart();
            proxy.setFilterText(f);
            countNodes(&proxy);
            samples.append(msSince(t));
            proxy.setFilterText(QString()); // a new word each time, as from an empty box
        }
    }
    std::printf("  %lld samples over %lld filter strings, %d nodes\n", qlonglong(samples.size()), qlonglong(filters.size()), nodes);
    report(kFilter, u"filter p50 (proxy + visible rows)"_s, percentile(samples, 50), u"ms"_s, 50, true);
    report(kFilter, u"filter p95 (proxy + visible rows)"_s, percentile(samples, 95), u"ms"_s, 50, true);
}

} // namespace pb::bench
