#include "LeakScanner.h"

#include <algorithm>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace pb::test {

QList<std::pair<QString, QByteArray>> LeakScanner::forms(const QByteArray& secret)
{
    QList<std::pair<QString, QByteArray>> out;
    out.append({u"plain"_s, secret});
    // Base64 of a longer text holds the secret's encoding at one of three alignments; cut the
    // characters that depend on the neighbouring bytes off both ends.
    for (int pad = 0; pad < 3; ++pad) {
        for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            const QByteArray encoded = QByteArray(QByteArray(pad, 'x') + secret).toBase64(options | QByteArray::OmitTrailingEquals);
            const int head = pad == 0 ? 0 : (pad == 1 ? 2 : 3);
            const int tail = 3;
            if (encoded.size() > head + tail + 8)
                out.append({u"base64"_s, encoded.mid(head, encoded.size() - head - tail)});
        }
    }
    const QByteArray percent = QUrl::toPercentEncoding(QString::fromUtf8(secret));
    if (percent != secret)
        out.append({u"url-encoded"_s, percent});
    out.append({u"hex"_s, secret.toHex()});
    out.append({u"HEX"_s, secret.toHex().toUpper()});
    const QString text = QString::fromUtf8(secret);
    out.append({u"utf-16"_s, QByteArray(reinterpret_cast<const char*>(text.utf16()), text.size() * 2)});
    // One needle once (base64 and base64url agree unless the secret encodes to + or /).
    QList<std::pair<QString, QByteArray>> unique;
    for (const auto& form : out)
        if (std::none_of(unique.cbegin(), unique.cend(), [&](const auto& u) { return u.second == form.second; }))
            unique.append(form);
    return unique;
}

void LeakScanner::addCanary(const QString& name, const QByteArray& secret)
{
    if (secret.size() < 8)
        return; // too short to tell apart from ordinary bytes
    m_canaries.append({name, forms(secret)});
}

void LeakScanner::scan(const QString& place, const QByteArray& bytes)
{
    ++m_places;
    m_bytes += bytes.size();
    for (const Canary& c : m_canaries)
        for (const auto& [form, needle] : c.forms)
            if (bytes.contains(needle))
                m_hits.append(place + u": "_s + c.name + u" ("_s + form + u')');
}

void LeakScanner::scanFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_hits.append(path + u": could not be read for the scan"_s);
        return;
    }
    scan(path, f.readAll());
}

int LeakScanner::scanDirectory(const QString& dir, const QStringList& skip)
{
    int files = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (skip.contains(QDir(dir).relativeFilePath(path)))
            continue;
        if (QFileInfo(path).isFile()) {
            scanFile(path);
            ++files;
        }
    }
    return files;
}

} // namespace pb::test
