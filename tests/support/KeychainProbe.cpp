#include "KeychainProbe.h"

#include <QHash>
#include <QProcess>

#include <algorithm>

namespace pb::test {

namespace {

const QString kService = QStringLiteral("patchbay");

struct Run {
    bool started = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run secretTool(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral("secret-tool"), args);
    Run r;
    r.started = p.waitForStarted(10000);
    if (!r.started)
        return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// `secret-tool search --all` prints each item's label and secret on stdout and its attributes on
// stderr, one "attribute.<name> = <value>" line each, item after item with no separator. Every
// QtKeychain item has exactly one user, server and type attribute, so a name seen twice starts
// the next item. Parsing only stderr keeps secrets (which may span lines) out of the parser.
QList<QHash<QString, QString>> parseAttributes(const QByteArray& err) {
    QList<QHash<QString, QString>> items;
    QHash<QString, QString> current;
    const QString text = QString::fromUtf8(err);
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (!line.startsWith(u"attribute."))
            continue;
        const qsizetype eq = line.indexOf(QStringLiteral(" = "));
        if (eq < 0)
            continue;
        const QString name = line.mid(10, eq - 10);
        const QString value = line.mid(eq + 3);
        if (current.contains(name)) {
            items.append(current);
            current.clear();
        }
        current.insert(name, value);
    }
    if (!current.isEmpty())
        items.append(current);
    return items;
}

} // namespace

bool keychainReachable() {
    // A search for an attribute nobody uses exits 1 ("nothing found") when the service answers;
    // without a Secret Service secret-tool prints an error instead.
    const Run r =
        secretTool({QStringLiteral("search"), QStringLiteral("patchbay-probe"), QStringLiteral("none")});
    return r.started && r.err.trimmed().isEmpty() && (r.exitCode == 0 || r.exitCode == 1);
}

QList<KeychainEntry> keychainEntries(const QString& prefix) {
    const Run r = secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("xdg:schema"),
                              QStringLiteral("org.qt.keychain"), QStringLiteral("server"), kService});
    QList<KeychainEntry> entries;
    for (const auto& attrs : parseAttributes(r.err)) {
        if (attrs.value(QStringLiteral("server")) != kService)
            continue;
        const QString key = attrs.value(QStringLiteral("user"));
        if (key.startsWith(prefix))
            entries.append({key, attrs.value(QStringLiteral("type"))});
    }
    std::sort(entries.begin(), entries.end(),
              [](const KeychainEntry& a, const KeychainEntry& b) { return a.key < b.key; });
    return entries;
}

QStringList keychainKeys(const QString& prefix) {
    QStringList keys;
    for (const KeychainEntry& e : keychainEntries(prefix))
        keys.append(e.key);
    return keys;
}

bool keychainContains(const QString& key) {
    for (const KeychainEntry& e : keychainEntries(key)) {
        if (e.key == key)
            return true;
    }
    return false;
}

QByteArray keychainRawSecret(const QString& key) {
    // lookup prints the secret exactly, with no trailing newline added when stdout is a pipe.
    const Run r =
        secretTool({QStringLiteral("lookup"), QStringLiteral("xdg:schema"), QStringLiteral("org.qt.keychain"),
                    QStringLiteral("server"), kService, QStringLiteral("user"), key});
    return r.exitCode == 0 ? r.out : QByteArray();
}

QByteArray keychainSecret(const QString& key) {
    const QList<KeychainEntry> entries = keychainEntries(key);
    const auto it =
        std::find_if(entries.begin(), entries.end(), [&](const KeychainEntry& e) { return e.key == key; });
    if (it == entries.end())
        return {};
    const QByteArray raw = keychainRawSecret(key);
    if (it->type == u"base64")
        return QByteArray::fromBase64(raw);
    return raw;
}

} // namespace pb::test
