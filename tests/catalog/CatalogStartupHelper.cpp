// Helper for TestCatalogStartup: loads the built-in catalog the way every Patchbay binary does.
// With --without-catalog it first unregisters the compiled-in catalog resource, so that
// Catalog::builtin() meets a broken (missing) catalog and must stop the process cleanly.

#include "catalog/Catalog.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "--without-catalog") == 0)
        Q_CLEANUP_RESOURCE(patchbay_catalog_data);
    const pb::Catalog& catalog = pb::Catalog::builtin();
    std::printf("providers: %d\n", int(catalog.providers().size()));
    return 0;
}
