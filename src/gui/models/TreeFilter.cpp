#include "gui/models/TreeFilter.h"

namespace pb {

void TreeFilter::setText(const QString& text)
{
    m_words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    m_lowered.clear();
    for (const QString& word : std::as_const(m_words))
        m_lowered.append(word.toLower());
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

bool TreeFilter::matchesLowered(const QString& loweredText) const
{
    if (loweredText.isEmpty())
        return false;
    for (const QString& word : m_lowered)
        if (!loweredText.contains(word, Qt::CaseSensitive))
            return false;
    return true;
}

} // namespace pb
