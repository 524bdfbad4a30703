#pragma once

#include "sim/Faults.h"
#include "sim/ProviderSim.h"

#include <QAbstractHttpServer>
#include <QJsonArray>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace pb::sim {

// Maps a provider id ("ticketing_jira") to its prefix ("jira"); a prefix maps to itself.
QString prefixForProvider(const QString& provider);

// What all listening ports share: the simulated providers, queued faults and the request log.
struct SimState {
    std::vector<std::unique_ptr<ProviderSim>> providers;
    FaultQueue faults;
    QJsonArray requests; // newest last, capped
    quint16 port = 0;
    quint16 otherPort = 0; // "another host" for cross-origin redirects
    quint16 tlsPort = 0;

    void reset();
    ProviderSim* provider(const QString& prefix) const;
};

// One listening server; several may share a SimState (main port, other port, TLS port).
class SimServer final : public QAbstractHttpServer {
    Q_OBJECT
public:
    SimServer(SimState* state, bool isOther, QObject* parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    SimResponse control(const SimRequest& r);
    void respond(QTcpSocket* socket, const SimResponse& response, const Fault& fault, const QString& prefix);
    static void write(QTcpSocket* socket, const SimResponse& response, bool close = false);
    static void drip(QTcpSocket* socket);

    SimState* m_state;
    bool m_isOther;
};

} // namespace pb::sim
