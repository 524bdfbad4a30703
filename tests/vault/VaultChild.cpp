// A child process for TestKeychainUnavailable: runs every vault operation once, in its own
// environment (no D-Bus session, or a Secret Service that never answers), and prints one JSON
// line per operation. Usage: patchbay_vault_child <mode> <workspaceId> <timeoutMs>
//   all:  write, read, remove, writeAll, removeAll of entries under the workspace;
//   late: a write that times out, then (with a long timeout) two removals of another key and a
//         read of the first key: QtKeychain runs jobs in order, so by the time the read answers,
//         the late write and the vault's undo of it have both run.
#include "vault/KeychainVault.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace pb;

namespace {

struct Step {
    QString op;
    std::function<void(std::function<void(const Problem*)>)> start;
};

void print(const QJsonObject& line) {
    std::fputs(QJsonDocument(line).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4)
        return 2;
    const QString mode = args.at(1);
    const QString workspace = args.at(2);
    KeychainVault vault;
    vault.setTimeoutMs(args.at(3).toInt());

    const VaultKey a{workspace, QStringLiteral("acct"), QStringLiteral("cred-a"), QStringLiteral("secret")};
    const VaultKey b{workspace, QStringLiteral("acct"), QStringLiteral("cred-b"),
                     QStringLiteral("private_key")};
    const QByteArray secret("child-secret-never-stored");

    // Counts event-loop turns while an operation is pending: a blocked thread would count none.
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] { ++ticks; });
    ticker.start();

    const VaultKey other{workspace, QStringLiteral("acct"), QStringLiteral("cred-other"),
                         QStringLiteral("secret")};
    const auto longTimeout = [&vault] { vault.setTimeoutMs(60000); };
    QList<Step> lateSteps{
        {QStringLiteral("write"),
         [&](auto report) {
             vault.write(a, secret, [report](Status s) { report(s ? nullptr : &s.problem()); });
         }},
        {QStringLiteral("remove"),
         [&](auto report) {
             longTimeout();
             vault.remove(other, [report](Status s) { report(s ? nullptr : &s.problem()); });
         }},
        {QStringLiteral("remove"),
         [&](auto report) {
             vault.remove(other, [report](Status s) { report(s ? nullptr : &s.problem()); });
         }},
        {QStringLiteral("read"),
         [&](auto report) {
             vault.read(a, [report](Result<QByteArray> r) { report(r ? nullptr : &r.problem()); });
         }},
    };
    QList<Step> steps{
        {QStringLiteral("write"),
         [&](auto report) {
             vault.write(a, secret, [report](Status s) { report(s ? nullptr : &s.problem()); });
         }},
        {QStringLiteral("read"),
         [&](auto report) {
             vault.read(a, [report](Result<QByteArray> r) { report(r ? nullptr : &r.problem()); });
         }},
        {QStringLiteral("remove"),
         [&](auto report) { vault.remove(a, [report](Status s) { report(s ? nullptr : &s.problem()); }); }},
        {QStringLiteral("writeAll"),
         [&](auto report) {
             vault.writeAll({{a, secret}, {b, secret}},
                            [report](Status s) { report(s ? nullptr : &s.problem()); });
         }},
        {QStringLiteral("removeAll"),
         [&](auto report) {
             vault.removeAll({a, b}, [report](Status s) { report(s ? nullptr : &s.problem()); });
         }},
    };

    if (mode == u"late")
        steps = lateSteps;
    else if (mode != u"all")
        return 2;

    std::function<void(qsizetype)> runStep = [&](qsizetype i) {
        if (i >= steps.size()) {
            app.quit();
            return;
        }
        ticks = 0;
        auto returnedFlag = std::make_shared<bool>(false);
        steps[i].start([&, i, returnedFlag](const Problem* problem) {
            QJsonObject line{{QStringLiteral("op"), steps[i].op},
                             {QStringLiteral("ok"), problem == nullptr},
                             {QStringLiteral("calledBeforeReturn"), !*returnedFlag},
                             {QStringLiteral("ticks"), ticks}};
            if (problem)
                line.insert(QStringLiteral("problem"), problem->toJson());
            print(line);
            QTimer::singleShot(0, &app, [&runStep, i] { runStep(i + 1); });
        });
        *returnedFlag = true;
    };
    QTimer::singleShot(0, &app, [&] { runStep(0); });
    return app.exec();
}
