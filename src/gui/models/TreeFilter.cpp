#include "gui/models/TreeFilter.h"

namespace pb {

void TreeFilter::setText(const QString& text)
{
    m_words = text.simplified().split(u' ', Qt::SkipEmptyParts);
}

bool TreeFilter::matches(const QString& nodeText) const
{
    if (nodeText.isEmpty())
        return false;
    for (const QString& word : m_words)
        if (!nodeText.contains(word, Qt::CaseInsensitive))
            return false;
    return true;
}

} // namespace pb
