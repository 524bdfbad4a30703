#include "platform/Router.h"

#include <QUrl>

namespace pb {

QStringList Router::split(const QString& path)
{
    QStringList out;
    const QStringList raw = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    out.reserve(raw.size());
    for (const QString& s : raw)
        out.append(s.contains(QLatin1Char('%')) ? QUrl::fromPercentEncoding(s.toUtf8()) : s);
    return out;
}

void Router::add(const QByteArray& method, const QString& pattern, Access access, const QString& action,
                 SyncHandler handler)
{
    addAsync(method, pattern, access, action, [handler](const CallPtr& call, ApiCallback done) {
        Result<ApiResponse> r = handler(*call);
        done(r ? *r : ApiResponse::ofProblem(r.problem()));
    });
}

void Router::addAsync(const QByteArray& method, const QString& pattern, Access access, const QString& action,
                      AsyncHandler handler)
{
    m_routes.append(Route{method, pattern, split(pattern), access, action, std::move(handler)});
}

Router::Match Router::match(const QByteArray& method, const QString& path) const
{
    return match(method, split(path));
}

Router::Match Router::match(const QByteArray& method, const QStringList& segs) const
{
    Match best;
    int bestLiterals = -1;
    for (const Route& r : m_routes) {
        if (r.segments.size() != segs.size())
            continue;
        QHash<QString, QString> params;
        int literals = 0;
        bool ok = true;
        for (int i = 0; i < segs.size() && ok; ++i) {
            const QString& p = r.segments.at(i);
            if (p.startsWith(QLatin1Char('{')) && p.endsWith(QLatin1Char('}'))) {
                params.insert(p.mid(1, p.size() - 2), segs.at(i));
            } else if (p == segs.at(i)) {
                ++literals;
            } else {
                ok = false;
            }
        }
        if (!ok)
            continue;
        if (r.method != method) {
            best.otherMethod = true;
            continue;
        }
        if (literals > bestLiterals) {
            bestLiterals = literals;
            best.route = &r;
            best.params = params;
        }
    }
    return best;
}

} // namespace pb
