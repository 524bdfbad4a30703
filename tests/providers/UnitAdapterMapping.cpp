// Pure mapping code of the adapters (no network): query languages, paging, patches, redaction.
#include "providers/ProviderAdapter.h"
#include "providers/Redactor.h"
#include "providers/adapters/GitHubAdapter.h"
#include "providers/adapters/JiraAdapter.h"
#include "providers/adapters/ServiceNowAdapter.h"
#include "providers/adapters/ZendeskAdapter.h"

#include <QJsonArray>
#include <QtTest>

using namespace pb;

namespace {

RunPtr runWith(const QJsonObject& params, const QJsonObject& config = {})
{
    OperationCall c;
    c.params = params;
    c.config = config;
    return std::make_shared<OperationRun>(c, [](Result<OperationOutcome>, QList<ExchangeRecord>) {}, nullptr);
}

// Exposes the protected static helpers of the base.
struct Helpers : ProviderAdapter {
    using ProviderAdapter::patchChanges;
    using ProviderAdapter::filters;
};

} // namespace

class UnitAdapterMapping final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jql()
    {
        QString error;
        const QString jql = JiraAdapter::buildJql(runWith({{QStringLiteral("filter"), QJsonArray{QStringLiteral("status[eq]In Progress"), QStringLiteral("priority[in]HIGH,URGENT"),
                                                                                                  QStringLiteral("summary[like]%disk \"full\"%")}},
                                                           {QStringLiteral("order"), QStringLiteral("updated_at[asc]")}},
                                                          {{QStringLiteral("project"), QStringLiteral("OPS")}}),
                                                  &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(jql, QStringLiteral("project = \"OPS\" AND status = \"In Progress\" AND priority in (\"HIGH\", \"URGENT\") AND summary ~ \"disk \\\"full\\\"\" ORDER BY updated ASC"));
        JiraAdapter::buildJql(runWith({{QStringLiteral("filter"), QStringLiteral("colour[eq]red")}}), &error);
        QVERIFY(error.contains(QLatin1String("colour")));
    }

    void serviceNowQuery()
    {
        QString error;
        const QString q = ServiceNowAdapter::buildQuery(runWith({{QStringLiteral("filter"), QJsonArray{QStringLiteral("status[eq]Resolved"), QStringLiteral("summary[like]vpn^x")}}}), &error);
        QVERIFY(error.isEmpty());
        // '^' inside a value would start a new condition: it is neutralised.
        QCOMPARE(q, QStringLiteral("state=6^short_descriptionLIKEvpn x^ORDERBYDESCsys_created_on"));
    }

    void zendeskSearch()
    {
        QString error;
        const QString q = ZendeskAdapter::buildSearch(runWith({{QStringLiteral("filter"), QJsonArray{QStringLiteral("priority[eq]URGENT"), QStringLiteral("tags[neq]spam"), QStringLiteral("printer jam")}}}), &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(q, QStringLiteral("priority:urgent -tags:spam \"printer jam\""));
    }

    void linkHeader()
    {
        QCOMPARE(GitHubAdapter::nextPage("<https://api.github.com/repositories/1/issues?page=3&per_page=2>; rel=\"next\", <https://api.github.com/repositories/1/issues?page=9>; rel=\"last\""),
                 QStringLiteral("3"));
        QVERIFY(GitHubAdapter::nextPage("<https://api.github.com/x?page=1>; rel=\"prev\"").isEmpty());
        QVERIFY(GitHubAdapter::nextPage("").isEmpty());
    }

    void jsonPatch()
    {
        const auto ok = Helpers::patchChanges(QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")}, {QStringLiteral("path"), QStringLiteral("/summary")}, {QStringLiteral("value"), QStringLiteral("s")}},
                                                         QJsonObject{{QStringLiteral("op"), QStringLiteral("add")}, {QStringLiteral("path"), QStringLiteral("/tags/-")}, {QStringLiteral("value"), QStringLiteral("t")}},
                                                         QJsonObject{{QStringLiteral("op"), QStringLiteral("remove")}, {QStringLiteral("path"), QStringLiteral("/assignee")}}});
        QVERIFY(ok.ok());
        QCOMPARE(ok->value(QStringLiteral("summary")).toString(), QStringLiteral("s"));
        QCOMPARE(ok->value(QStringLiteral("+tags")).toArray(), QJsonArray{QStringLiteral("t")});
        QVERIFY(ok->value(QStringLiteral("assignee")).isNull());
        QVERIFY(!Helpers::patchChanges(QJsonObject{}).ok());
        QVERIFY(!Helpers::patchChanges(QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("move")}, {QStringLiteral("path"), QStringLiteral("/summary")}}}).ok());
    }

    void adfRoundTrip()
    {
        const QString text = QStringLiteral("first\n\nthird");
        QCOMPARE(JiraAdapter::fromAdf(JiraAdapter::toAdf(text)), text);
    }

    void redaction()
    {
        const QByteArray secret = "s3cr3t/value+1";
        Redactor r({secret}, {QByteArrayLiteral("X-Custom-Key")}, false);
        QCOMPARE(r.headerValue("Authorization", "Bearer " + secret), QStringLiteral("Bearer [redacted]"));
        QCOMPARE(r.headerValue("x-custom-key", "anything"), QStringLiteral("[redacted]"));
        QCOMPARE(r.headerValue("X-SN-APIKEY", "k"), QStringLiteral("[redacted]"));
        const QString body = r.text("{\"token\":\"" + secret + "\",\"enc\":\"" + QUrl::toPercentEncoding(QString::fromUtf8(secret)) + "\",\"b64\":\"" + secret.toBase64() + "\"}");
        QVERIFY(!body.contains(QString::fromUtf8(secret)));
        QVERIFY(!body.contains(QString::fromLatin1(secret.toBase64())));
        QVERIFY(!body.contains(QLatin1String("s3cr3t")));
        QVERIFY(r.text(QByteArray(5000, 'a')).endsWith(QStringLiteral("[truncated]")));
        Redactor hook({}, {}, true);
        QCOMPARE(hook.url(QUrl(QStringLiteral("https://hooks.slack.com/services/T1/B2/abc?x=1"))), QStringLiteral("https://hooks.slack.com/[redacted]"));
    }
};

QTEST_GUILESS_MAIN(UnitAdapterMapping)
#include "UnitAdapterMapping.moc"
