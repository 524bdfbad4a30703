#pragma once

#include <QString>
#include <QStringList>

namespace pb {

// What the filter box asks for: every word must occur in a node's text (name, display name,
// provider, labels, environment, e-mail), case-insensitively. Kept apart from the proxy so the
// rule can be tested and reused without a view.
class TreeFilter final {
public:
    void setText(const QString& text);
    bool isEmpty() const { return m_words.isEmpty(); }
    bool matches(const QString& nodeText) const;

private:
    QStringList m_words;
};

} // namespace pb
