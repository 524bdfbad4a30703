#include "catalog/CatalogData.h"
#include "catalog/CatalogReader.h"

#include <QDir>
#include <QJsonArray>
#include <QSet>
#include <QStringBuilder>

#include <initializer_list>

using namespace Qt::Literals::StringLiterals;

namespace pb {
namespace {

using namespace catalogio;

const QStringList& paramTypes() {
    static const QStringList types{u"string"_s, u"integer"_s, u"boolean"_s, u"array"_s, u"object"_s};
    return types;
}

const QStringList& paramLocations() {
    static const QStringList locations{u"path"_s, u"query"_s, u"body"_s};
    return locations;
}

const QStringList& httpMethods() {
    static const QStringList methods{u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s};
    return methods;
}

bool parseParam(Reader& r, const QString& ptr, const QJsonValue& value, OperationParam& param) {
    if (!value.isObject())
        return r.fail(ptr, u"a parameter must be an object"_s);
    const QJsonObject o = value.toObject();
    if (!r.keys(o, ptr, {u"name"_s, u"in"_s, u"type"_s, u"description"_s, u"required"_s}) ||
        !r.string(o, ptr, u"name"_s, param.name, true) || !r.string(o, ptr, u"in"_s, param.in, true) ||
        !r.string(o, ptr, u"type"_s, param.type, true) ||
        !r.string(o, ptr, u"description"_s, param.description, false) ||
        !r.boolean(o, ptr, u"required"_s, param.required))
        return false;
    if (!paramLocations().contains(param.in))
        return r.fail(at(ptr, u"in"_s), u"\"in\" must be one of "_s % paramLocations().join(u", "_s));
    if (!paramTypes().contains(param.type))
        return r.fail(at(ptr, u"type"_s), u"unknown parameter type \""_s % param.type % u"\" (known: "_s %
                                              paramTypes().join(u", "_s) % u')');
    return true;
}

bool parseOperation(Reader& r, const QString& ptr, const QJsonValue& value, const ConnectorSpec& connector,
                    OperationSpec& op) {
    if (!value.isObject())
        return r.fail(ptr, u"an operation must be an object"_s);
    const QJsonObject o = value.toObject();
    QString method;
    QJsonArray params;
    if (!r.keys(o, ptr,
                {u"id"_s, u"name"_s, u"fullname"_s, u"method"_s, u"path"_s, u"mutating"_s, u"result"_s,
                 u"description"_s, u"params"_s, u"body"_s}) ||
        !r.string(o, ptr, u"id"_s, op.id, true) || !r.string(o, ptr, u"name"_s, op.name, true) ||
        !r.string(o, ptr, u"fullname"_s, op.fullname, true) || !r.string(o, ptr, u"method"_s, method, true) ||
        !r.string(o, ptr, u"path"_s, op.path, true) || !r.boolean(o, ptr, u"mutating"_s, op.mutating) ||
        !r.string(o, ptr, u"result"_s, op.result, false) ||
        !r.string(o, ptr, u"description"_s, op.description, false) ||
        !r.array(o, ptr, u"params"_s, params, false))
        return false;
    op.connectorId = connector.id;
    op.method = method.toLatin1();
    if (op.id != connector.id % u'_' % op.name)
        return r.fail(at(ptr, u"id"_s), u"operation id \""_s % op.id % u"\" must be \""_s % connector.id %
                                            u'_' % op.name % u"\" (connector id, underscore, name)"_s);
    if (!httpMethods().contains(method))
        return r.fail(at(ptr, u"method"_s), u"unknown HTTP method \""_s % method % u'"');
    const QString prefix = u"/v1/"_s % connector.id % u'/';
    if (!op.path.startsWith(prefix))
        return r.fail(at(ptr, u"path"_s), u"path \""_s % op.path % u"\" must start with "_s % prefix);

    QSet<QString> names;
    bool hasBodyParam = false;
    for (qsizetype i = 0; i < params.size(); ++i) {
        OperationParam param;
        if (!parseParam(r, at(at(ptr, u"params"_s), i), params.at(i), param))
            return false;
        if (names.contains(param.name))
            return r.fail(at(at(ptr, u"params"_s), i), u"duplicate parameter \""_s % param.name % u'"');
        names.insert(param.name);
        hasBodyParam = hasBodyParam || param.in == u"body"_s;
        op.params.append(param);
    }
    // Path template and path parameters must agree both ways.
    const QStringList segments = op.path.split(u'/', Qt::SkipEmptyParts);
    QSet<QString> templateParams;
    for (const QString& segment : segments) {
        if (segment.startsWith(u'{') != segment.endsWith(u'}'))
            return r.fail(at(ptr, u"path"_s), u"malformed path segment \""_s % segment % u'"');
        if (segment.startsWith(u'{'))
            templateParams.insert(segment.mid(1, segment.size() - 2));
    }
    for (const OperationParam& param : std::as_const(op.params)) {
        if (param.in == u"path"_s && !templateParams.contains(param.name))
            return r.fail(at(ptr, u"params"_s),
                          u"path parameter \""_s % param.name % u"\" is not in the path "_s % op.path);
        if (param.in == u"path"_s && !param.required)
            return r.fail(at(ptr, u"params"_s),
                          u"path parameter \""_s % param.name % u"\" must be required"_s);
        templateParams.remove(param.in == u"path"_s ? param.name : QString());
    }
    if (!templateParams.isEmpty())
        return r.fail(at(ptr, u"params"_s),
                      u"path placeholder {"_s % *templateParams.begin() % u"} has no path parameter"_s);

    QJsonValue body = o.value(u"body"_s);
    if (body.isUndefined()) {
        if (hasBodyParam)
            return r.fail(at(ptr, u"body"_s),
                          u"an operation with a body parameter needs a \"body\" schema"_s);
        return true;
    }
    if (!hasBodyParam)
        return r.fail(at(ptr, u"body"_s), u"a \"body\" schema needs a parameter with \"in\": \"body\""_s);
    if (!expandRefs(r, at(ptr, u"body"_s), body, connector.models, 0))
        return false;
    if (!body.isObject())
        return r.fail(at(ptr, u"body"_s), u"\"body\" must be a JSON schema object"_s);
    op.bodySchema = body.toObject();
    return true;
}

bool parseConnector(Reader& r, const QString& ptr, const QJsonValue& value, ConnectorSpec& connector) {
    if (!value.isObject())
        return r.fail(ptr, u"a connector must be an object"_s);
    const QJsonObject o = value.toObject();
    QJsonArray operations;
    if (!r.keys(o, ptr, {u"id"_s, u"fullname"_s, u"description"_s, u"models"_s, u"operations"_s}) ||
        !r.string(o, ptr, u"id"_s, connector.id, true) ||
        !r.string(o, ptr, u"fullname"_s, connector.fullname, true) ||
        !r.string(o, ptr, u"description"_s, connector.description, false) ||
        !r.array(o, ptr, u"operations"_s, operations, true))
        return false;
    static const QRegularExpression idPattern(u"^[a-z][a-z0-9]*$"_s);
    if (!idPattern.match(connector.id).hasMatch())
        return r.fail(at(ptr, u"id"_s),
                      u"connector id \""_s % connector.id % u"\" must be lower-case letters and digits"_s);
    const QJsonValue models = o.value(u"models"_s);
    if (!models.isUndefined() && !models.isObject())
        return r.fail(at(ptr, u"models"_s), u"\"models\" must be an object of JSON schemas"_s);
    const QJsonObject rawModels = models.toObject();
    QJsonValue expanded = rawModels;
    if (!expandRefs(r, at(ptr, u"models"_s), expanded, rawModels, 0))
        return false;
    // Operations resolve references against the raw models; expansion is recursive anyway.
    connector.models = rawModels;
    if (operations.isEmpty())
        return r.fail(at(ptr, u"operations"_s), u"a connector needs at least one operation"_s);
    QSet<QString> ids;
    for (qsizetype i = 0; i < operations.size(); ++i) {
        OperationSpec op;
        const QString opPtr = at(at(ptr, u"operations"_s), i);
        if (!parseOperation(r, opPtr, operations.at(i), connector, op))
            return false;
        if (ids.contains(op.id))
            return r.fail(at(opPtr, u"id"_s), u"duplicate operation id \""_s % op.id % u'"');
        ids.insert(op.id);
        connector.operations.append(op);
    }
    connector.models = expanded.toObject();
    return true;
}

bool parseConfigField(Reader& r, const QString& ptr, const QJsonValue& value, const QString& providerId,
                      ConfigField& field, QHash<QString, QRegularExpression>& patterns) {
    if (!value.isObject())
        return r.fail(ptr, u"a config field must be an object"_s);
    const QJsonObject o = value.toObject();
    if (!r.keys(o, ptr,
                {u"name"_s, u"type"_s, u"title"_s, u"description"_s, u"required"_s, u"pattern"_s, u"secret"_s,
                 u"enum"_s, u"default"_s, u"placeholder"_s, u"minimum"_s, u"maximum"_s}) ||
        !r.string(o, ptr, u"name"_s, field.name, true) || !r.string(o, ptr, u"type"_s, field.type, true) ||
        !r.string(o, ptr, u"title"_s, field.title, true) ||
        !r.string(o, ptr, u"description"_s, field.description, false) ||
        !r.boolean(o, ptr, u"required"_s, field.required) ||
        !r.string(o, ptr, u"pattern"_s, field.pattern, false) ||
        !r.boolean(o, ptr, u"secret"_s, field.secret) || !r.stringList(o, ptr, u"enum"_s, field.enumValues) ||
        !r.string(o, ptr, u"placeholder"_s, field.placeholder, false) ||
        !r.integer(o, ptr, u"minimum"_s, field.minimum) || !r.integer(o, ptr, u"maximum"_s, field.maximum))
        return false;
    static const QRegularExpression namePattern(u"^[a-z][a-z0-9_]*$"_s);
    if (!namePattern.match(field.name).hasMatch())
        return r.fail(at(ptr, u"name"_s), u"field name \""_s % field.name % u"\" must be snake_case"_s);
    if (field.name == u"type"_s || field.name == u"credential"_s)
        return r.fail(at(ptr, u"name"_s), u"\""_s % field.name % u"\" is reserved by provider_config"_s);
    if (!Catalog::configFieldTypes().contains(field.type))
        return r.fail(at(ptr, u"type"_s), u"unknown field type \""_s % field.type % u"\" (known: "_s %
                                              Catalog::configFieldTypes().join(u", "_s) % u')');
    if ((field.type == u"enum"_s) != !field.enumValues.isEmpty())
        return r.fail(at(ptr, u"enum"_s),
                      u"\"enum\" values are required for, and only for, fields of type enum"_s);
    if (QSet<QString>(field.enumValues.begin(), field.enumValues.end()).size() != field.enumValues.size())
        return r.fail(at(ptr, u"enum"_s), u"duplicate enum value"_s);
    if ((field.minimum || field.maximum) && field.type != u"integer"_s)
        return r.fail(at(ptr, field.minimum ? u"minimum"_s : u"maximum"_s),
                      u"bounds apply to integer fields only"_s);
    if (field.minimum && field.maximum && *field.minimum > *field.maximum)
        return r.fail(at(ptr, u"minimum"_s), u"minimum is greater than maximum"_s);
    const QRegularExpression* compiled = nullptr;
    if (!field.pattern.isEmpty()) {
        if (field.type == u"integer"_s || field.type == u"boolean"_s || field.type == u"enum"_s)
            return r.fail(at(ptr, u"pattern"_s), u"a pattern applies to string, url and text fields only"_s);
        QRegularExpression re(QRegularExpression::anchoredPattern(field.pattern));
        if (!re.isValid())
            return r.fail(at(ptr, u"pattern"_s), u"pattern does not compile: "_s % re.errorString() %
                                                     u" at offset "_s %
                                                     QString::number(re.patternErrorOffset()));
        re.optimize();
        compiled = &*patterns.insert(providerId % u'/' % field.name, re);
    }
    // No default is a null value (a JSON null default means the same).
    const QJsonValue defaultValue = o.value(u"default"_s);
    if (!defaultValue.isUndefined() && !defaultValue.isNull()) {
        field.defaultValue = defaultValue;
        const QString reason = checkConfigValue(field, field.defaultValue, compiled);
        if (!reason.isEmpty())
            return r.fail(at(ptr, u"default"_s), u"the default value is itself invalid: "_s % reason);
    }
    return true;
}

bool parseProvider(Reader& r, const QJsonObject& o, const QString& fileId,
                   const QHash<QString, ConnectorSpec>& connectors, ProviderSpec& provider,
                   QHash<QString, QRegularExpression>& patterns) {
    const QString ptr;
    QJsonArray config, credentials, operations;
    if (!r.keys(o, ptr,
                {u"id"_s, u"fullname"_s, u"connector"_s, u"description"_s, u"docs_url"_s, u"config"_s,
                 u"credentials"_s, u"operations"_s, u"verify"_s}) ||
        !r.string(o, ptr, u"id"_s, provider.id, true) ||
        !r.string(o, ptr, u"fullname"_s, provider.fullname, true) ||
        !r.string(o, ptr, u"connector"_s, provider.connectorId, true) ||
        !r.string(o, ptr, u"description"_s, provider.description, false) ||
        !r.string(o, ptr, u"docs_url"_s, provider.docsUrl, false) ||
        !r.array(o, ptr, u"config"_s, config, false) ||
        !r.array(o, ptr, u"credentials"_s, credentials, true) ||
        !r.array(o, ptr, u"operations"_s, operations, true))
        return false;
    if (provider.id != fileId)
        return r.fail(u"/id"_s, u"provider id \""_s % provider.id % u"\" must match the file name ("_s %
                                    fileId % u".json)"_s);
    const auto connector = connectors.constFind(provider.connectorId);
    if (connector == connectors.constEnd())
        return r.fail(u"/connector"_s, u"unknown connector \""_s % provider.connectorId % u"\" (known: "_s %
                                           QStringList(connectors.keys()).join(u", "_s) % u')');
    if (!provider.id.startsWith(provider.connectorId % u'_'))
        return r.fail(u"/id"_s, u"provider id \""_s % provider.id %
                                    u"\" must start with its connector, \""_s % provider.connectorId %
                                    u"_\""_s);

    for (qsizetype i = 0; i < config.size(); ++i) {
        ConfigField field;
        const QString fieldPtr = at(u"/config"_s, i);
        if (!parseConfigField(r, fieldPtr, config.at(i), provider.id, field, patterns))
            return false;
        if (provider.field(field.name))
            return r.fail(at(fieldPtr, u"name"_s), u"duplicate config field \""_s % field.name % u'"');
        provider.config.append(field);
    }

    if (credentials.isEmpty())
        return r.fail(u"/credentials"_s, u"a provider must accept at least one credential type"_s);
    for (qsizetype i = 0; i < credentials.size(); ++i) {
        const QString credPtr = at(u"/credentials"_s, i);
        if (!credentials.at(i).isObject())
            return r.fail(credPtr, u"a credential entry must be an object"_s);
        const QJsonObject c = credentials.at(i).toObject();
        CredentialHint hint;
        if (!r.keys(c, credPtr, {u"type"_s, u"username_title"_s, u"secret_title"_s, u"description"_s}) ||
            !r.string(c, credPtr, u"type"_s, hint.type, true) ||
            !r.string(c, credPtr, u"username_title"_s, hint.usernameTitle, false) ||
            !r.string(c, credPtr, u"secret_title"_s, hint.secretTitle, false) ||
            !r.string(c, credPtr, u"description"_s, hint.description, false))
            return false;
        if (!Catalog::credentialTypeIds().contains(hint.type))
            return r.fail(at(credPtr, u"type"_s), u"unknown credential type \""_s % hint.type %
                                                      u"\" (known: "_s %
                                                      Catalog::credentialTypeIds().join(u", "_s) % u')');
        if (provider.credentialTypes.contains(hint.type))
            return r.fail(at(credPtr, u"type"_s), u"duplicate credential type \""_s % hint.type % u'"');
        provider.credentialTypes.append(hint.type);
        provider.credentialHints.append(hint);
    }

    if (operations.isEmpty())
        return r.fail(u"/operations"_s, u"a provider must support at least one operation"_s);
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const QString opPtr = at(u"/operations"_s, i);
        QString id;
        QStringList required;
        if (operations.at(i).isObject()) {
            const QJsonObject entry = operations.at(i).toObject();
            if (!r.keys(entry, opPtr, {u"id"_s, u"required_fields"_s}) ||
                !r.string(entry, opPtr, u"id"_s, id, true) ||
                !r.stringList(entry, opPtr, u"required_fields"_s, required))
                return false;
        } else if (operations.at(i).isString()) {
            id = operations.at(i).toString();
        } else {
            return r.fail(opPtr, u"an operation entry is an operation id or {\"id\", \"required_fields\"}"_s);
        }
        const auto known = std::find_if(connector->operations.begin(), connector->operations.end(),
                                        [&id](const OperationSpec& op) { return op.id == id; });
        if (known == connector->operations.end())
            return r.fail(opPtr, u"unknown operation \""_s % id % u"\" for connector "_s % connector->id);
        if (provider.operations.contains(id))
            return r.fail(opPtr, u"duplicate operation \""_s % id % u'"');
        provider.operations.append(id);
        if (!required.isEmpty())
            provider.requiredFields.insert(id, required);
    }

    const QJsonValue verify = o.value(u"verify"_s);
    if (!verify.isObject())
        return r.fail(u"/verify"_s, u"\"verify\" must be an object {\"operation\", \"request\"}"_s);
    const QJsonObject v = verify.toObject();
    if (!r.keys(v, u"/verify"_s, {u"operation"_s, u"request"_s}) ||
        !r.string(v, u"/verify"_s, u"operation"_s, provider.verifyOperation, false) ||
        !r.string(v, u"/verify"_s, u"request"_s, provider.verifyRequest, true))
        return false;
    if (!provider.verifyOperation.isEmpty()) {
        if (!provider.operations.contains(provider.verifyOperation))
            return r.fail(u"/verify/operation"_s, u"verify operation \""_s % provider.verifyOperation %
                                                      u"\" is not among the provider's operations"_s);
        for (const OperationSpec& op : connector->operations) {
            if (op.id == provider.verifyOperation && op.mutating)
                return r.fail(u"/verify/operation"_s,
                              u"verify operation \""_s % op.id % u"\" must not be mutating"_s);
        }
    }
    return true;
}

} // namespace

Result<std::shared_ptr<Catalog::Data>> loadCatalogData(const QString& dir) {
    auto data = std::make_shared<Catalog::Data>();
    const QDir root(dir);

    const QString connectorsName = u"connectors.json"_s;
    const Result<QJsonObject> connectorsFile = readJsonFile(root.filePath(connectorsName), connectorsName);
    if (!connectorsFile)
        return connectorsFile.problem();
    {
        Reader r(connectorsName);
        QJsonArray connectors;
        std::optional<qint64> format;
        if (!r.keys(*connectorsFile, {}, {u"format"_s, u"connectors"_s}) ||
            !r.integer(*connectorsFile, {}, u"format"_s, format) ||
            !r.array(*connectorsFile, {}, u"connectors"_s, connectors, true))
            return r.fault();
        if (format.value_or(0) != 1)
            return (r.fail(u"/format"_s, u"unsupported catalog format (this Patchbay reads format 1)"_s),
                    r.fault());
        QSet<QString> operationIds;
        for (qsizetype i = 0; i < connectors.size(); ++i) {
            ConnectorSpec connector;
            const QString ptr = at(u"/connectors"_s, i);
            if (!parseConnector(r, ptr, connectors.at(i), connector))
                return r.fault();
            for (const ConnectorSpec& other : std::as_const(data->connectors)) {
                if (other.id == connector.id)
                    return (r.fail(at(ptr, u"id"_s), u"duplicate connector id \""_s % connector.id % u'"'),
                            r.fault());
            }
            data->connectors.append(connector);
        }
        // Two operations on one method and path would make request routing ambiguous.
        QSet<QString> routes;
        for (qsizetype c = 0; c < data->connectors.size(); ++c) {
            const ConnectorSpec& connector = data->connectors.at(c);
            for (qsizetype i = 0; i < connector.operations.size(); ++i) {
                const OperationSpec& op = connector.operations.at(i);
                QString shape = op.path;
                shape.replace(QRegularExpression(u"\\{[^}]*\\}"_s), u"{}"_s);
                const QString key = QString::fromLatin1(op.method) % u' ' % shape;
                if (routes.contains(key))
                    return (r.fail(at(at(at(u"/connectors"_s, c), u"operations"_s), i),
                                   u"another operation already answers "_s % QString::fromLatin1(op.method) %
                                       u' ' % op.path),
                            r.fault());
                routes.insert(key);
            }
        }
    }

    QHash<QString, ConnectorSpec> connectorById;
    for (const ConnectorSpec& connector : std::as_const(data->connectors))
        connectorById.insert(connector.id, connector);

    const QDir providersDir(root.filePath(u"providers"_s));
    const QStringList files = providersDir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        Reader r(u"providers/"_s);
        r.fail({}, u"no provider files (providers/*.json) were found"_s);
        return r.fault();
    }
    QHash<QString, QString> fileOfProvider;
    for (const QString& name : files) {
        const QString shown = u"providers/"_s % name;
        const Result<QJsonObject> object = readJsonFile(providersDir.filePath(name), shown);
        if (!object)
            return object.problem();
        Reader r(shown);
        // Duplicates first: a copied file with the same id is reported as a duplicate.
        const QString id = object->value(u"id"_s).toString();
        if (fileOfProvider.contains(id))
            return (r.fail(u"/id"_s, u"duplicate provider id \""_s % id % u"\" (also defined in "_s %
                                         fileOfProvider.value(id) % u')'),
                    r.fault());
        ProviderSpec provider;
        if (!parseProvider(r, *object, name.chopped(5), connectorById, provider, data->fieldPatterns))
            return r.fault();
        fileOfProvider.insert(provider.id, shown);
        data->providers.append(provider);
    }
    data->index();
    return data;
}

} // namespace pb
