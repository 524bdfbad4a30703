#pragma once

// Internal to the policy target: the precompiled patterns of one rule set.

#include "platform/policy/IntegrationPointRules.h"

#include <QList>
#include <QRegularExpression>

namespace pb {

struct IntegrationPointRules::Compiled {
    Compiled(const QStringList& hostPatterns, const QHash<QString, QString>& requiredConfig);

    // The sources they were compiled from, to notice edits of the rules struct.
    QStringList hostPatterns;
    QHash<QString, QString> requiredConfig;

    QList<QRegularExpression> hostGlobs;                                 // same order as hostPatterns
    QList<std::pair<QString, QRegularExpression>> requiredConfigRegexes; // sorted by field

    // Whether host (already lower-case, without a trailing dot) matches any host glob.
    bool hostAllowed(const QString& host) const;

    // "*" matches any run of characters (dots included: "*.atlassian.net" matches
    // a.b.atlassian.net), "?" one character; everything else literally, case-insensitively,
    // over the whole host.
    static QRegularExpression globToRegex(const QString& glob);
};

} // namespace pb
