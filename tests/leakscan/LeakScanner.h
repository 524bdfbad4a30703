#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace pb::test {

// Looks for secrets ("canaries") in every place the application writes or prints, in every
// encoding they could travel in: plain, base64 (at each of the three byte alignments, so a secret
// inside "user:secret" is found too), URL-encoded, hex (both cases) and UTF-16.
class LeakScanner final {
public:
    // A secret and a name for reports (the name, never the secret, is printed).
    void addCanary(const QString& name, const QByteArray& secret);
    int canaryCount() const { return int(m_canaries.size()); }

    // Scans bytes; place names where they came from.
    void scan(const QString& place, const QByteArray& bytes);
    // Scans every regular file below dir (recursively); skip lists relative paths left out.
    // Returns the number of files scanned.
    int scanDirectory(const QString& dir, const QStringList& skip = {});
    void scanFile(const QString& path);

    int places() const { return m_places; }
    qint64 bytes() const { return m_bytes; }
    // "place: canary (form)" for each hit.
    const QStringList& hits() const { return m_hits; }

    static QList<std::pair<QString, QByteArray>> forms(const QByteArray& secret);

private:
    struct Canary {
        QString name;
        QList<std::pair<QString, QByteArray>> forms;
    };
    QList<Canary> m_canaries;
    int m_places = 0;
    qint64 m_bytes = 0;
    QStringList m_hits;
};

} // namespace pb::test
