#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pb {

// Helpers shared by the ticketing adapters for the normalized Ticket of PLATFORM-API.md.
namespace ticket {

// Normalized priorities, most urgent first.
const QStringList& priorities();
// Copies every member of `provider` not in `mapped` into an object (the Ticket's "unmapped").
QJsonObject unmapped(const QJsonObject& provider, const QStringList& mapped);
// A Ticket object with every normalized key present (null where unknown).
QJsonObject skeleton();

} // namespace ticket
} // namespace pb
