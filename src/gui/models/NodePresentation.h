#pragma once

#include "gui/Icons.h"
#include "gui/models/TreeNode.h"

#include <QString>

namespace pb {

// How a tree node looks: its title, icon (provider glyph and state badge), tooltip and the text
// the filter matches. Kept apart from the model so the model only manages structure.
namespace NodePresentation {

QString title(const TreeNode& node);
QIcon icon(const TreeNode& node);
QString toolTip(const TreeNode& node);
QString filterText(const TreeNode& node);
QString sortKey(const TreeNode& node);
// Stores the node's filter text (lower-cased) and sort key, once per load or change: sorting
// and filtering 10,000s of rows then only compare strings.
void prepare(TreeNode& node);
QString listPath(NodeKind groupKind, const QString& accountId);

// Integration and credential state, from the fields the platform reports.
bool isDisabled(const QJsonObject& object);
bool isNonCompliant(const QJsonObject& object);
QStringList complianceReasons(const QJsonObject& object);
bool isExpiringSoon(const QJsonObject& credential);
Icons::Badge badgeOf(NodeKind kind, const QJsonObject& object);

} // namespace NodePresentation
} // namespace pb
