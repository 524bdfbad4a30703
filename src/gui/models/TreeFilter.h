#pragma once

#include <QString>
#include <QStringList>

namespace pb {

// What the filter box asks for: every word must occur in a node's text (name, display name,
// provider, labels, environment, e-mail), case-insensitively. Kept apart from the proxy so the
// rule can be tested and reused without a view. GET /v1/search applies the same rule in SQL.
class TreeFilter final {
public:
    void setText(const QString& text);
    bool isEmpty() const { return m_words.isEmpty(); }
    bool matches(const QString& nodeText) const;
    // For text already lower-cased (TreeNode::filterText): compares without folding or allocating.
    bool matchesLowered(const QString& loweredText) const;

private:
    QStringList m_words;   // as typed
    QStringList m_lowered; // lower-cased
};

} // namespace pb
