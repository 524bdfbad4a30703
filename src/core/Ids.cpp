#include "core/Ids.h"

#include <QUuid>

namespace pb {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool looksLikeId(QStringView text)
{
    return text.size() == 36 && !QUuid::fromString(text).isNull();
}

bool isValidSlug(QStringView name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

QString slugify(const QString& fullname)
{
    QString out;
    bool pendingDash = false;
    for (const QChar c : fullname.normalized(QString::NormalizationForm_KD).toLower()) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_') {
            if (pendingDash && !out.isEmpty())
                out += QLatin1Char('-');
            pendingDash = false;
            out += c;
        } else if (c.category() != QChar::Mark_NonSpacing) {
            pendingDash = true;
        }
    }
    return out.left(64);
}

} // namespace pb
