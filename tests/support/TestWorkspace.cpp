#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace pb::test {

QByteArray describe(const ApiResponse& response)
{
    QByteArray out = QByteArray::number(response.status) + ' ';
    if (response.body.isObject())
        out += QJsonDocument(response.body.toObject()).toJson(QJsonDocument::Compact);
    return out;
}

TestWorkspace::TestWorkspace(CredentialVault* vault, AdapterRegistry* adapters)
    : m_vault(vault)
    , m_adapters(adapters)
{
    m_path = m_dir.filePath(QStringLiteral("workspace.patchbay"));
    Platform::Options options{m_path, vault, adapters};
    auto init = Platform::initialize(options, QStringLiteral("Test Org"), QStringLiteral("Ada Admin"),
                                     QStringLiteral("ada@example.test"));
    if (!init) {
        m_error = init.problem().toText();
        return;
    }
    m_adminToken = init->value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject()
                       .value(QStringLiteral("secret")).toString();
    m_adminMemberId = init->value(QStringLiteral("member")).toObject().value(QStringLiteral("id")).toString();
    reopen();
}

bool TestWorkspace::reopen()
{
    m_platform.reset();
    auto opened = Platform::open({m_path, m_vault, m_adapters});
    if (!opened) {
        m_error = opened.problem().toText();
        return false;
    }
    m_platform = std::move(*opened);
    return true;
}

void TestWorkspace::close()
{
    m_platform.reset();
}

ApiResponse TestWorkspace::call(ApiRequest request)
{
    if (request.token.isNull())
        request.token = m_adminToken;
    return m_platform->dispatchSync(request);
}

ApiResponse TestWorkspace::get(const QString& path, const QString& token)
{
    return call(ApiRequest::get(path, token.isNull() ? m_adminToken : token));
}
ApiResponse TestWorkspace::post(const QString& path, const QJsonValue& body, const QString& token)
{
    return call(ApiRequest::post(path, body, token.isNull() ? m_adminToken : token));
}
ApiResponse TestWorkspace::put(const QString& path, const QJsonValue& body, const QString& token)
{
    return call(ApiRequest::put(path, body, token.isNull() ? m_adminToken : token));
}
ApiResponse TestWorkspace::patch(const QString& path, const QJsonValue& body, const QString& token)
{
    return call(ApiRequest::patch(path, body, token.isNull() ? m_adminToken : token));
}
ApiResponse TestWorkspace::del(const QString& path, const QString& token)
{
    return call(ApiRequest::del(path, token.isNull() ? m_adminToken : token));
}

QString TestWorkspace::createAccount(const QString& name, const QString& environment)
{
    const ApiResponse r = post(QStringLiteral("/v1/accounts"),
                               QJsonObject{{QStringLiteral("fullname"), name}, {QStringLiteral("environment"), environment}});
    if (r.status != 201)
        QTest::qFail(describe(r).constData(), __FILE__, __LINE__);
    return r.result().toObject().value(QStringLiteral("account")).toObject().value(QStringLiteral("id")).toString();
}

QString TestWorkspace::createMemberToken(const QString& name, const QString& role)
{
    const ApiResponse r = post(QStringLiteral("/v1/members"),
                               QJsonObject{{QStringLiteral("fullname"), name},
                                           {QStringLiteral("role_binding"), QJsonArray{role}}});
    if (r.status != 201)
        QTest::qFail(describe(r).constData(), __FILE__, __LINE__);
    return r.result().toObject().value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject()
        .value(QStringLiteral("secret")).toString();
}

QString TestWorkspace::createIntegrationPoint(const QJsonObject& body)
{
    const ApiResponse r = post(QStringLiteral("/v1/integration-points"), body);
    if (r.status != 201)
        QTest::qFail(describe(r).constData(), __FILE__, __LINE__);
    return r.result().toObject().value(QStringLiteral("id")).toString();
}

QJsonObject TestWorkspace::createIntegration(const QString& account, const QJsonObject& body)
{
    const ApiResponse r = post(QStringLiteral("/v1/integrations/") + account, body);
    if (r.status != 201)
        QTest::qFail(describe(r).constData(), __FILE__, __LINE__);
    return r.result().toObject();
}

} // namespace pb::test
