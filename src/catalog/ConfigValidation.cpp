#include "catalog/Catalog.h"

#include "catalog/CatalogData.h"

#include <QStringBuilder>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace pb {

namespace {

QString example(const ConfigField& field) {
    if (!field.placeholder.isEmpty())
        return field.placeholder;
    if (field.defaultValue.isString())
        return field.defaultValue.toString();
    return u"https://example.com"_s;
}

QString urlReason(const ConfigField& field, const QString& text) {
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"https"_s && scheme != u"http"_s) || url.host().isEmpty())
        return field.name % u" must be an https:// URL, e.g. "_s % example(field);
    // Credentials belong in the keychain, never in plain configuration.
    if (!url.userInfo().isEmpty())
        return field.name %
               u" must not contain a user name or password; store them as the Integration's credential"_s;
    if (url.hasFragment())
        return field.name % u" must not contain a #fragment"_s;
    return {};
}

} // namespace

QString checkConfigValue(const ConfigField& field, const QJsonValue& value,
                         const QRegularExpression* pattern) {
    const QString& type = field.type;
    if (type == u"integer"_s) {
        const double number = value.toDouble();
        if (!value.isDouble() || number != double(qint64(number)))
            return field.name % u" must be a whole number"_s;
        const qint64 integer = qint64(number);
        if (field.minimum && integer < *field.minimum)
            return field.name % u" must be at least "_s % QString::number(*field.minimum);
        if (field.maximum && integer > *field.maximum)
            return field.name % u" must be at most "_s % QString::number(*field.maximum);
        return {};
    }
    if (type == u"boolean"_s)
        return value.isBool() ? QString() : QString(field.name % u" must be true or false"_s);
    if (!value.isString())
        return field.name % u" must be a string"_s;
    const QString text = value.toString();
    if (type == u"enum"_s) {
        if (!field.enumValues.contains(text))
            return field.name % u" must be one of "_s % field.enumValues.join(u", "_s) % u" (got \""_s %
                   text % u"\")"_s;
        return {};
    }
    if (type == u"url"_s) {
        const QString reason = urlReason(field, text);
        if (!reason.isEmpty())
            return reason;
    }
    if (pattern && !text.isEmpty() && !pattern->match(text).hasMatch()) {
        QString reason = field.name % u" does not have the expected form ("_s % field.pattern % u')';
        if (!field.placeholder.isEmpty())
            reason += u", e.g. "_s % field.placeholder;
        return reason;
    }
    return {};
}

Status Catalog::validateConfig(const QString& providerId, const QJsonObject& providerConfig) const {
    const ProviderSpec* provider = this->provider(providerId);
    if (!provider) {
        QStringList known;
        for (const ProviderSpec& p : d->providers)
            known.append(p.id);
        return Problem(400, u"unknown_provider"_s, u"Unknown provider \""_s % providerId % u'"',
                       u"Known providers: "_s % known.join(u", "_s),
                       u"Pick one of the known providers; GET /v1/capabilities/providers lists them."_s)
            .withParameter(u"provider_config.type"_s, u"body"_s, providerId);
    }
    auto invalid = [provider](const QString& field, const QString& message, const QJsonValue& value) {
        const ConfigField* spec = provider->field(field);
        QString detail = u"Provider "_s % provider->id % u" ("_s % provider->fullname % u')';
        if (spec && !spec->description.isEmpty())
            detail += u": "_s % spec->title % u" — "_s % spec->description;
        Problem problem(400, u"invalid_provider_config"_s, message, detail,
                        u"Correct provider_config."_s % field % u" and try again."_s);
        // Never echo a secret field's value back.
        problem.withParameter(u"provider_config."_s % field, u"body"_s,
                              (spec && spec->secret) ? QJsonValue() : value);
        return problem;
    };

    const QJsonValue type = providerConfig.value(u"type"_s);
    if (!type.isUndefined() && type.toString() != providerId)
        return invalid(u"type"_s,
                       u"provider_config.type is \""_s % type.toString() % u"\" but the provider is "_s %
                           providerId,
                       type);

    for (auto it = providerConfig.begin(); it != providerConfig.end(); ++it) {
        const QString& key = it.key();
        if (key == u"type"_s || key == u"credential"_s)
            continue;
        if (!provider->field(key)) {
            QStringList known;
            for (const ConfigField& f : provider->config)
                known.append(f.name);
            return invalid(key,
                           u"Unknown field \""_s % key % u"\" for provider "_s % provider->id %
                               (known.isEmpty() ? u" (it has no configuration fields)"_s
                                                : QString(u" (known: "_s % known.join(u", "_s) % u')')),
                           it.value());
        }
    }

    for (const ConfigField& field : provider->config) {
        const QJsonValue value = providerConfig.value(field.name);
        const bool absent =
            value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty());
        if (absent) {
            if (field.required)
                return invalid(
                    field.name,
                    field.title % u" ("_s % field.name % u") is required for "_s % provider->fullname, value);
            continue;
        }
        const auto pattern = d->fieldPatterns.constFind(provider->id % u'/' % field.name);
        const QString reason = checkConfigValue(
            field, value, pattern == d->fieldPatterns.constEnd() ? nullptr : &pattern.value());
        if (!reason.isEmpty())
            return invalid(field.name, reason, value);
    }
    return {};
}

QJsonObject Catalog::withDefaults(const QString& providerId, const QJsonObject& providerConfig) const {
    QJsonObject config = providerConfig;
    const ProviderSpec* provider = this->provider(providerId);
    if (!provider)
        return config;
    for (const ConfigField& field : provider->config) {
        const QJsonValue value = config.value(field.name);
        const bool absent =
            value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty());
        if (absent && !field.defaultValue.isNull() && !field.defaultValue.isUndefined())
            config.insert(field.name, field.defaultValue);
    }
    return config;
}

QJsonObject Catalog::normalizeConfig(const QString& providerId, const QJsonObject& providerConfig) const {
    QJsonObject config = providerConfig;
    const ProviderSpec* provider = this->provider(providerId);
    if (!provider)
        return config;
    for (const ConfigField& field : provider->config) {
        const auto it = config.find(field.name);
        if (it == config.end())
            continue;
        const QJsonValue value = it.value();
        if (field.type == u"integer"_s) {
            bool ok = false;
            const qint64 number = value.toString().trimmed().toLongLong(&ok);
            if (value.isString() && ok)
                it.value() = number;
        } else if (field.type == u"boolean"_s) {
            const QString text = value.toString().trimmed().toLower();
            if (value.isString() && (text == u"true"_s || text == u"false"_s))
                it.value() = text == u"true"_s;
        } else if (value.isBool()) {
            it.value() = value.toBool() ? u"true"_s : u"false"_s;
        } else if (value.isDouble()) {
            const double number = value.toDouble();
            if (number == double(qint64(number)))
                it.value() = QString::number(qint64(number));
        }
    }
    return config;
}

} // namespace pb
