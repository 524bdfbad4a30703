#pragma once

#include "providers/HttpClient.h"

#include <QByteArray>
#include <QList>

// The input format of the provider response fuzzers (docs/security/FUZZING.md), close to an
// HTTP response so seeds are easy to write by hand:
//
//   <operation> [<credential>]        e.g. "ticketing_query_tickets" or "verify oauth"
//   <status>                          e.g. "200" (anything else: 200)
//   Header-Name: value                zero or more
//                                     an empty line
//   <body>
//   %%                                optional: a line "%%" starts the next response
//   <status> ...                      (answer to the adapter's second request, and so on)
//
// An unknown operation picks one of the provider's operations from the line's bytes, so every
// mutation of the first line still runs something.
namespace pb::fuzz {

struct ProviderInput {
    QByteArray operation;
    QByteArray credential; // basic | token | secret | oauth; empty: the provider's usual one
    QByteArray firstLine;
    QList<CannedResponse> responses; // never empty
};

ProviderInput parseProviderInput(const QByteArray& data);

} // namespace pb::fuzz
