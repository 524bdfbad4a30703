#pragma once

#include <QJsonArray>
#include <QString>

namespace pb {

// Readable text of the raw provider exchanges a traced Connector API answer carries
// ("exchanges": [ExchangeRecord::toJson(), ...]). Headers arrive already redacted by the
// providers layer; this only lays them out.
QString exchangesText(const QJsonArray& exchanges);
// One line per exchange with its timing, for the Timing tab.
QString exchangesTiming(const QJsonArray& exchanges);

} // namespace pb
