// The audit log view: filtered through the API, chain verified, CSV export through the
// file-dialog wrapper (no modal dialog).
#include "GuiFixture.h"

#include "gui/audit/AuditLogView.h"
#include "gui/widgets/FileDialog.h"

#include <QFile>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestAuditLogView final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void filterVerifyExport();

private:
    std::unique_ptr<GuiFixture> m_fixture;
};

void TestAuditLogView::filterVerifyExport()
{
    auto api = m_fixture->client();
    AuditLogView view(api.get());
    view.show();
    QVERIFY(waitUntil([&] { return view.model()->rowCount() > 0; }));
    const int all = view.model()->rowCount();
    view.setActionFilter(u"POST /v1/accounts"_s);
    view.reload();
    QVERIFY(waitUntil([&] { return view.model()->rowCount() < all; }));
    // acme, globex and the End User created under /v1/accounts/acme/end-users.
    QCOMPARE(view.model()->rowCount(), 3);
    for (int r = 0; r < view.model()->rowCount(); ++r) {
        QCOMPARE(view.model()->item(r, 3)->text(), u"POST"_s);
        QVERIFY(view.model()->item(r, 4)->text().startsWith(u"/v1/accounts"_s));
    }

    bool valid = false;
    connect(&view, &AuditLogView::verified, this, [&](bool v) { valid = v; });
    view.verify();
    QVERIFY(waitUntil([&] { return valid; }));
    QVERIFY(view.statusText().contains(u"intact"_s));

    QTemporaryDir dir;
    const QString file = dir.filePath(u"audit.csv"_s);
    FileDialog::setNextFileName(file);
    QVERIFY(view.exportCsv());
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.first().startsWith(u"created_at,member_id,action"_s));
    QVERIFY(lines.at(1).contains(u"/v1/accounts"_s));
    // Cancelled file choice: nothing written, no error.
    FileDialog::setNextFileName(QString());
    QVERIFY(view.exportCsv());
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestAuditLogView)
#include "TestAuditLogView.moc"
