#include "catalog/Catalog.h"
#include "cli/Builders.h"
#include "cli/ExitCodes.h"
#include "cli/commands/Commands.h"

#include <QMultiHash>
#include <QStringBuilder>

#include <algorithm>

namespace pb::cli {

namespace {

Problem usage(const QString& message, const QString& remediation)
{
    return Problem(400, QStringLiteral("usage_error"), message, {}, remediation);
}

// Turns OPERATION + --param + --body into the Connector API request the catalog describes.
Result<ApiRequest> buildCall(const Invocation& inv)
{
    const Catalog& catalog = Catalog::builtin();
    const QString operationId = inv.arg(0);
    const OperationSpec* op = catalog.operation(operationId);
    if (!op) {
        QStringList ids;
        for (const ConnectorSpec& c : catalog.connectors())
            for (const OperationSpec& o : c.operations)
                ids.append(o.id);
        return usage(QStringLiteral("Unknown operation '%1'").arg(operationId),
                     QStringLiteral("Known operations: %1.").arg(ids.join(QStringLiteral(", "))));
    }
    // Repeatable query parameters (filter, order) keep every value, in order.
    QMultiHash<QString, QString> params;
    QStringList givenOrder;
    for (const QString& kv : inv.valuesOf(QStringLiteral("param"))) {
        Result<QPair<QString, QString>> pair = splitKeyValue(kv, QStringLiteral("param"));
        if (!pair)
            return pair.problem();
        params.insert(pair->first, pair->second);
        givenOrder.append(pair->first);
    }
    QString path = op->path;
    ApiRequest request;
    request.method = op->method;
    QStringList known;
    for (const OperationParam& p : op->params) {
        known.append(p.name);
        const bool given = params.contains(p.name);
        if (p.in == QLatin1String("path")) {
            if (!given)
                return usage(QStringLiteral("Operation %1 needs --param %2=VALUE").arg(op->id, p.name),
                             QStringLiteral("%1: %2").arg(p.name, p.description));
            path.replace(QLatin1Char('{') + p.name + QLatin1Char('}'), percentEncoded(params.value(p.name)));
        } else if (p.in == QLatin1String("query") && given) {
            QStringList values = params.values(p.name);
            std::reverse(values.begin(), values.end()); // QMultiHash returns the newest first
            for (const QString& v : std::as_const(values))
                request.withQuery(p.name, v);
        }
    }
    for (const QString& key : std::as_const(givenOrder)) {
        if (!known.contains(key))
            return usage(QStringLiteral("Operation %1 has no parameter '%2'").arg(op->id, key),
                         known.isEmpty() ? QStringLiteral("It takes no parameters; send data with --body.")
                                         : QStringLiteral("Its parameters: %1.").arg(known.join(QStringLiteral(", "))));
    }
    request.path = path;
    if (inv.isSet(QStringLiteral("body")) || inv.isSet(QStringLiteral("body-file"))) {
        QByteArray text = inv.value(QStringLiteral("body")).toUtf8();
        if (inv.isSet(QStringLiteral("body-file"))) {
            Result<QByteArray> bytes = readFileBytes(inv.value(QStringLiteral("body-file")));
            if (!bytes)
                return bytes.problem();
            text = *bytes;
        }
        Result<QJsonValue> body = parseJsonText(text, QStringLiteral("The request body"));
        if (!body)
            return body.problem();
        request.body = *body;
    } else if (op->method != "GET" && op->method != "DELETE") {
        request.body = QJsonObject();
    }
    return request;
}

// Columns for normalized models (Ticket, Comment, Project, ...): the useful ones that are present.
View connectorView()
{
    View view;
    const QStringList preferred{QStringLiteral("id"),       QStringLiteral("summary"), QStringLiteral("status"),
                                QStringLiteral("priority"), QStringLiteral("project"), QStringLiteral("assignee"),
                                QStringLiteral("creator"),  QStringLiteral("content"), QStringLiteral("name"),
                                QStringLiteral("created_at")};
    for (const QString& key : preferred)
        view.columns.append({key.toUpper(), key});
    return view;
}

int callOperation(CommandContext& ctx, const Invocation& inv)
{
    Result<ApiRequest> request = buildCall(inv);
    if (!request)
        return ctx.fail(request.problem());
    Result<ApiResponse> response = ctx.call(*request);
    if (!response)
        return ctx.fail(response.problem());
    View view = connectorView();
    const QJsonArray rows = response->result().toArray();
    if (!rows.isEmpty()) {
        // Only the columns the first row actually has.
        const QJsonObject first = rows.first().toObject();
        QList<Column> present;
        for (const Column& c : std::as_const(view.columns))
            if (first.contains(c.path))
                present.append(c);
        view.columns = present;
    }
    return ctx.show(*response, view);
}

int listOperations(CommandContext& ctx, const Invocation& inv)
{
    QJsonArray rows;
    for (const ConnectorSpec& c : Catalog::builtin().connectors()) {
        if (!inv.args.isEmpty() && c.id != inv.arg(0))
            continue;
        for (const OperationSpec& o : c.operations) {
            QStringList params;
            for (const OperationParam& p : o.params)
                params.append(p.in == QLatin1String("path") ? QLatin1Char('{') + p.name + QLatin1Char('}') : p.name);
            rows.append(QJsonObject{{QStringLiteral("id"), o.id},
                                    {QStringLiteral("method"), QString::fromLatin1(o.method)},
                                    {QStringLiteral("path"), o.path},
                                    {QStringLiteral("params"), toJsonArray(params)}});
        }
    }
    return ctx.showResult(rows, View{{{QStringLiteral("OPERATION"), QStringLiteral("id")},
                                      {QStringLiteral("METHOD"), QStringLiteral("method")},
                                      {QStringLiteral("PATH"), QStringLiteral("path")},
                                      {QStringLiteral("PARAMS"), QStringLiteral("params")}},
                                     {}});
}

} // namespace

Command connectorCommands()
{
    return group(
        QStringLiteral("connector"),
        QStringLiteral("Connector API calls with an Integration Access Token (the token picks the Integration)."),
        {leaf(QStringLiteral("call"), QStringLiteral("Call one unified connector operation."),
              {arg(QStringLiteral("OPERATION"), QStringLiteral("Operation id, e.g. ticketing_query_tickets."))},
              {opt(QStringLiteral("param"), QStringLiteral("KEY=VALUE"), QStringLiteral("Path or query parameter."), true),
               opt(QStringLiteral("body"), QStringLiteral("JSON"), QStringLiteral("Request body.")),
               opt(QStringLiteral("body-file"), QStringLiteral("FILE"), QStringLiteral("Request body from a file."))},
              {QStringLiteral("PATCHBAY_TOKEN=$INTEGRATION_TOKEN patchbay-cli connector call ticketing_query_tickets --param limit=5"),
               QStringLiteral("patchbay-cli connector call ticketing_get_ticket --param ticketId=OPS-1"),
               QStringLiteral("patchbay-cli connector call ticketing_create_ticket --body '{\"summary\":\"Disk full\",\"project\":\"OPS\"}'")},
              callOperation),
         leaf(QStringLiteral("operations"), QStringLiteral("List the connector operations and their parameters."),
              {arg(QStringLiteral("CONNECTOR"), QStringLiteral("Only this connector, e.g. ticketing."), true)}, {},
              {QStringLiteral("patchbay-cli connector operations ticketing")}, listOperations)});
}

} // namespace pb::cli
