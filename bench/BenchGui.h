#pragma once

#include "BenchData.h"

namespace pb::test {
class TestWorkspace;
}

namespace pb::bench {

// Sections 2 and 3: opening the workspace in the console until the organization tree is ready
// for its first paint (offscreen), and the tree filter across every node, both through the real
// MainWindow (model → OrganizationFilterProxy → QTreeView), as a user sees them.
void runGuiSections(test::TestWorkspace& ws, const Shape& shape, int runs);

} // namespace pb::bench
