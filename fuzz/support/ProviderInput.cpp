#include "ProviderInput.h"

namespace pb::fuzz {

namespace {

constexpr int kMaxResponses = 8;
constexpr int kMaxHeaders = 32;

CannedResponse parseResponse(const QByteArray& part)
{
    CannedResponse r;
    qsizetype pos = part.indexOf('\n');
    const QByteArray statusLine = part.left(pos < 0 ? part.size() : pos).trimmed();
    bool ok = false;
    const int status = statusLine.toInt(&ok);
    r.status = ok && status >= 100 && status <= 599 ? status : 200;
    if (pos < 0)
        return r;
    ++pos;
    // Header lines until an empty line; a line without ':' starts the body early.
    while (pos < part.size()) {
        const qsizetype end = part.indexOf('\n', pos);
        const QByteArray line = part.mid(pos, end < 0 ? -1 : end - pos);
        const qsizetype colon = line.indexOf(':');
        if (line.trimmed().isEmpty()) {
            pos = end < 0 ? part.size() : end + 1;
            break;
        }
        if (colon <= 0 || r.headers.size() >= kMaxHeaders)
            break;
        r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        pos = end < 0 ? part.size() : end + 1;
    }
    r.body = part.mid(pos);
    return r;
}

} // namespace

ProviderInput parseProviderInput(const QByteArray& data)
{
    ProviderInput in;
    const qsizetype nl = data.indexOf('\n');
    in.firstLine = nl < 0 ? data : data.left(nl);
    const QList<QByteArray> words = in.firstLine.simplified().split(' ');
    in.operation = words.value(0);
    in.credential = words.value(1);
    QByteArray rest = nl < 0 ? QByteArray() : data.mid(nl + 1);
    static const QByteArray separator = QByteArrayLiteral("\n%%\n");
    while (in.responses.size() < kMaxResponses - 1) {
        const qsizetype at = rest.indexOf(separator);
        if (at < 0)
            break;
        in.responses.append(parseResponse(rest.left(at)));
        rest = rest.mid(at + separator.size());
    }
    in.responses.append(parseResponse(rest));
    return in;
}

} // namespace pb::fuzz
