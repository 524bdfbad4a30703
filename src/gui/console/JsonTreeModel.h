#pragma once

#include <QAbstractItemModel>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace pb {

// A read-only tree over one JSON value: columns key, value, type. Objects and arrays are
// branches; their value column shows a summary ("{3}", "[12]"). Built eagerly: results the
// console shows are capped by the providers layer, so laziness would only add states.
class JsonTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role { JsonValueRole = Qt::UserRole + 1, JsonPathRole };

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    void setJson(const QJsonValue& value);
    QJsonValue json() const;
    void clear();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        QString key;
        QJsonValue value;
        Node* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    static void build(Node* node);
    static QString pathOf(const Node* node);
    Node* nodeOf(const QModelIndex& index) const;

    std::unique_ptr<Node> m_root;
    QJsonValue m_value;
};

} // namespace pb
