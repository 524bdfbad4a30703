#include "catalog/Catalog.h"

#include "catalog/CatalogData.h"

#include <QJsonArray>
#include <QStringBuilder>

using namespace Qt::Literals::StringLiterals;

namespace pb {

namespace {

QJsonObject fieldSchema(const ConfigField& field) {
    QJsonObject schema{{u"title"_s, field.title}, {u"x-patchbay-type"_s, field.type}};
    if (!field.description.isEmpty())
        schema.insert(u"description"_s, field.description);
    if (field.type == u"integer"_s || field.type == u"boolean"_s) {
        schema.insert(u"type"_s, field.type);
    } else {
        schema.insert(u"type"_s, u"string"_s);
        if (field.type == u"url"_s)
            schema.insert(u"format"_s, u"uri"_s);
        if (field.type == u"text"_s)
            schema.insert(u"format"_s, u"text"_s);
    }
    if (!field.pattern.isEmpty())
        schema.insert(u"pattern"_s, QString(u'^' % field.pattern % u'$'));
    if (!field.enumValues.isEmpty())
        schema.insert(u"enum"_s, QJsonArray::fromStringList(field.enumValues));
    if (!field.defaultValue.isNull() && !field.defaultValue.isUndefined())
        schema.insert(u"default"_s, field.defaultValue);
    if (!field.placeholder.isEmpty())
        schema.insert(u"examples"_s, QJsonArray{field.placeholder});
    if (field.minimum)
        schema.insert(u"minimum"_s, *field.minimum);
    if (field.maximum)
        schema.insert(u"maximum"_s, *field.maximum);
    if (field.secret)
        schema.insert(u"writeOnly"_s, true);
    return schema;
}

QJsonObject providerConfigSchema(const ProviderSpec& provider) {
    QJsonObject properties{
        {u"type"_s,
         QJsonObject{{u"type"_s, u"string"_s}, {u"const"_s, provider.id}, {u"title"_s, u"Provider"_s}}},
        {u"credential"_s,
         QJsonObject{
             {u"type"_s, QJsonArray{u"string"_s, u"object"_s}},
             {u"title"_s, u"Credential"_s},
             {u"x-credential-types"_s, QJsonArray::fromStringList(provider.credentialTypes)},
             {u"description"_s, QString(u"The id or name of a Credential of the Account, or an inline "
                                        u"credential of type "_s %
                                        provider.credentialTypes.join(u" | "_s))}}}};
    QJsonArray required{u"type"_s};
    for (const ConfigField& field : provider.config) {
        properties.insert(field.name, fieldSchema(field));
        if (field.required)
            required.append(field.name);
    }
    return QJsonObject{{u"$schema"_s, u"https://json-schema.org/draft/2020-12/schema"_s},
                       {u"title"_s, QString(provider.fullname % u" configuration"_s)},
                       {u"type"_s, u"object"_s},
                       {u"properties"_s, properties},
                       {u"required"_s, required},
                       {u"additionalProperties"_s, false}};
}

} // namespace

QJsonObject Catalog::operationJson(const OperationSpec& op) const {
    QJsonArray params;
    for (const OperationParam& param : op.params) {
        QJsonObject p{{u"name"_s, param.name},
                      {u"in"_s, param.in},
                      {u"type"_s, param.type},
                      {u"required"_s, param.required}};
        if (!param.description.isEmpty())
            p.insert(u"description"_s, param.description);
        params.append(p);
    }
    QJsonObject json{{u"id"_s, op.id},
                     {u"name"_s, op.name},
                     {u"fullname"_s, op.fullname},
                     {u"connector_id"_s, op.connectorId},
                     {u"method"_s, QString::fromLatin1(op.method)},
                     {u"path"_s, op.path},
                     {u"mutating"_s, op.mutating},
                     {u"description"_s, op.description},
                     {u"params"_s, params}};
    if (!op.bodySchema.isEmpty())
        json.insert(u"body"_s, op.bodySchema);
    if (!op.result.isEmpty())
        json.insert(u"result"_s, op.result);
    return json;
}

QJsonObject Catalog::connectorJson(const ConnectorSpec& connector) const {
    QJsonArray providerIds;
    for (const ProviderSpec* provider : providersOf(connector.id))
        providerIds.append(provider->id);
    QJsonArray operations;
    for (const OperationSpec& op : connector.operations)
        operations.append(operationJson(op));
    return QJsonObject{{u"id"_s, connector.id},
                       {u"name"_s, connector.id},
                       {u"fullname"_s, connector.fullname},
                       {u"description"_s, connector.description},
                       {u"provider_ids"_s, providerIds},
                       {u"operations"_s, operations},
                       {u"models"_s, connector.models}};
}

QJsonObject Catalog::providerJson(const ProviderSpec& provider) const {
    QJsonArray operations;
    if (const ConnectorSpec* connector = this->connector(provider.connectorId)) {
        // Every operation of the connector, so clients can show the unsupported ones too.
        for (const OperationSpec& op : connector->operations) {
            operations.append(QJsonObject{
                {u"id"_s, op.id},
                {u"name"_s, op.name},
                {u"fullname"_s, op.fullname},
                {u"supported"_s, provider.supports(op.id)},
                {u"mutating"_s, op.mutating},
                {u"required_fields"_s, QJsonArray::fromStringList(provider.requiredFields.value(op.id))}});
        }
    }
    QJsonArray credentials;
    for (const CredentialHint& hint : provider.credentialHints) {
        QJsonObject c{{u"type"_s, hint.type}};
        if (!hint.usernameTitle.isEmpty())
            c.insert(u"username_title"_s, hint.usernameTitle);
        if (!hint.secretTitle.isEmpty())
            c.insert(u"secret_title"_s, hint.secretTitle);
        if (!hint.description.isEmpty())
            c.insert(u"description"_s, hint.description);
        credentials.append(c);
    }
    QJsonObject json{{u"id"_s, provider.id},
                     {u"name"_s, provider.id},
                     {u"fullname"_s, provider.fullname},
                     {u"connector_id"_s, provider.connectorId},
                     {u"description"_s, provider.description},
                     {u"credential_types"_s, QJsonArray::fromStringList(provider.credentialTypes)},
                     {u"credentials"_s, credentials},
                     {u"operations"_s, operations},
                     {u"provider_config"_s, providerConfigSchema(provider)},
                     {u"verify"_s, QJsonObject{{u"operation"_s, provider.verifyOperation},
                                               {u"request"_s, provider.verifyRequest}}}};
    if (!provider.docsUrl.isEmpty())
        json.insert(u"docs_url"_s, provider.docsUrl);
    return json;
}

} // namespace pb
