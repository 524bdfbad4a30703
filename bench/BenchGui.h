#pragma once

#include "BenchData.h"

namespace pb::test {
class TestWorkspace;
}

namespace pb::bench {

// Sections 2 and 3: opening the workspace in the console until the organization tree is ready
// for its first paint (offscreen; the first page of Accounts, the rest in idle time), and the
// tree filter across every node (GET /v1/search, the model's tree of matches, the proxy, the
// view's rows), both through the real MainWindow, as a user sees them.
void runGuiSections(test::TestWorkspace& ws, const Shape& shape, int runs);

} // namespace pb::bench
