#pragma once

#include <QIcon>
#include <QString>

namespace pb {

// The console's SVG icons (resources/icons), rendered by the SVG engine so they stay sharp at
// any device pixel ratio, and provider glyphs combined with a state badge.
namespace Icons {

enum class Badge { None, Disabled, NonCompliant, Expiring };

QIcon named(const QString& name);            // "account", "member", ...
QIcon provider(const QString& providerId);   // "ticketing_jira" -> provider-jira.svg
QIcon withBadge(const QIcon& base, Badge badge);
QIcon app();

} // namespace Icons
} // namespace pb
