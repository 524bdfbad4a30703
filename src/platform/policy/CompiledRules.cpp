#include "platform/policy/CompiledRules.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace pb {

IntegrationPointRules::Compiled::Compiled(const QStringList& hostPatterns_,
                                          const QHash<QString, QString>& requiredConfig_)
    : hostPatterns(hostPatterns_)
    , requiredConfig(requiredConfig_) {
    // Const iteration only: detaching would break the pointer comparison in compiled().
    for (const QString& glob : std::as_const(hostPatterns))
        hostGlobs.append(globToRegex(glob));
    for (auto it = requiredConfig.constBegin(); it != requiredConfig.constEnd(); ++it) {
        QRegularExpression re(QRegularExpression::anchoredPattern(it.value()));
        re.optimize();
        requiredConfigRegexes.append({it.key(), re});
    }
    // Deterministic order, so violations are listed the same way every time.
    std::sort(requiredConfigRegexes.begin(), requiredConfigRegexes.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
}

bool IntegrationPointRules::Compiled::hostAllowed(const QString& host) const {
    return std::any_of(hostGlobs.begin(), hostGlobs.end(),
                       [&host](const QRegularExpression& re) { return re.match(host).hasMatch(); });
}

QRegularExpression IntegrationPointRules::Compiled::globToRegex(const QString& glob) {
    QString pattern;
    pattern.reserve(glob.size() * 2);
    QString literal;
    auto flush = [&] {
        pattern += QRegularExpression::escape(literal);
        literal.clear();
    };
    QString lowered = glob.toLower();
    if (lowered.endsWith(u'.'))
        lowered.chop(1);
    for (const QChar c : std::as_const(lowered)) {
        if (c == u'*') {
            flush();
            pattern += u".*"_s;
        } else if (c == u'?') {
            flush();
            pattern += u'.';
        } else {
            literal += c;
        }
    }
    flush();
    QRegularExpression re(QRegularExpression::anchoredPattern(pattern),
                          QRegularExpression::CaseInsensitiveOption);
    re.optimize();
    return re;
}

} // namespace pb
