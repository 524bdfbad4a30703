#pragma once

#include "core/Problem.h"

namespace pb::cli {

// Distinct exit codes so scripts can branch without parsing text (docs/CLI.md).
enum ExitCode : int {
    ExitOk = 0,
    ExitOther = 1,
    ExitUsage = 2,
    ExitAuth = 3,       // 401, 403
    ExitNotFound = 4,   // 404
    ExitInvalid = 5,    // 400, 409, 415: validation and conflicts
    ExitKeychain = 6,   // keychain unavailable
};

inline int exitCodeFor(const Problem& problem)
{
    if (problem.type == QLatin1String("usage_error"))
        return ExitUsage;
    if (problem.type == QLatin1String("keychain_unavailable"))
        return ExitKeychain;
    switch (problem.status) {
    case 401:
    case 403:
        return ExitAuth;
    case 404:
        return ExitNotFound;
    case 400:
    case 409:
    case 415:
    case 422:
        return ExitInvalid;
    default:
        return ExitOther;
    }
}

} // namespace pb::cli
