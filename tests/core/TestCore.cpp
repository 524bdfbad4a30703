#include "core/Api.h"
#include "core/Clock.h"
#include "core/Ids.h"
#include "core/Result.h"

#include <QJsonObject>
#include <QTest>

using namespace pb;

class TestCore final : public QObject {
    Q_OBJECT
private slots:
    void slugs()
    {
        QVERIFY(isValidSlug(u"acme-corp_1"));
        QVERIFY(!isValidSlug(u""));
        QVERIFY(!isValidSlug(u"Acme"));
        QVERIFY(!isValidSlug(u"a b"));
        QVERIFY(!isValidSlug(QString(65, QLatin1Char('a'))));
        QCOMPARE(slugify(QStringLiteral("Acme Corp. (EU)")), QStringLiteral("acme-corp-eu"));
        QCOMPARE(slugify(QStringLiteral("Café Müller")), QStringLiteral("cafe-muller"));
    }

    void ids()
    {
        const QString a = newId();
        QVERIFY(looksLikeId(a));
        QVERIFY(a != newId());
        QVERIFY(!looksLikeId(u"acme"));
    }

    void problemRoundTrip()
    {
        Problem p = Problem::badRequest(QStringLiteral("Name is not a slug"), QStringLiteral("'A B'"));
        p.withParameter(QStringLiteral("name"), QStringLiteral("body"), QStringLiteral("A B"))
            .withRemediation(QStringLiteral("Use a-z, 0-9, - and _."));
        const Problem q = Problem::fromJson(p.toJson());
        QCOMPARE(q.status, 400);
        QCOMPARE(q.type, QStringLiteral("bad_request"));
        QCOMPARE(q.parameter, QStringLiteral("name"));
        QCOMPARE(q.location, QStringLiteral("body"));
        QCOMPARE(q.remediation, p.remediation);
        QVERIFY(p.toText().contains(QStringLiteral("parameter: name")));
        QVERIFY(p.toJson().contains(QStringLiteral("occurred_at")));
    }

    void result()
    {
        Result<int> good(5);
        QVERIFY(good.ok());
        QCOMPARE(*good, 5);
        Result<int> bad(Problem::notFound(QStringLiteral("x")));
        QVERIFY(!bad);
        QCOMPARE(bad.problem().status, 404);
        Status s;
        QVERIFY(s.ok());
        Status f(Problem::internal(QStringLiteral("boom")));
        QVERIFY(!f.ok());
    }

    void apiEnvelope()
    {
        const ApiResponse r = ApiResponse::ofResult(QJsonObject{{QStringLiteral("id"), 1}});
        QCOMPARE(r.result().toObject().value(QStringLiteral("id")).toInt(), 1);
        const ApiResponse e = ApiResponse::ofProblem(Problem::forbidden(QStringLiteral("no")));
        QVERIFY(e.isError());
        QCOMPARE(e.problem().status, 403);
        ApiRequest q = ApiRequest::get(QStringLiteral("/v1/accounts"));
        q.withQuery(QStringLiteral("filter"), QStringLiteral("a")).withQuery(QStringLiteral("filter"), QStringLiteral("b"));
        QCOMPARE(q.queryValues(QStringLiteral("filter")).size(), 2);
    }

    void clock()
    {
        const QDateTime t = parseRfc3339(QStringLiteral("2026-11-21T10:00:00Z"));
        QVERIFY(t.isValid());
        QCOMPARE(toRfc3339(t), QStringLiteral("2026-11-21T10:00:00.000Z"));
        QVERIFY(!parseRfc3339(QStringLiteral("yesterday")).isValid());
        const QDateTime before = nowUtc();
        setClockOffsetForTesting(3600);
        QVERIFY(nowUtc() > before.addSecs(3500));
        setClockOffsetForTesting(0);
    }
};

QTEST_GUILESS_MAIN(TestCore)
#include "TestCore.moc"
