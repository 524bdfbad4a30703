#include "gui/console/JsonTreeModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pb {

namespace {

QString typeName(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

QString summary(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 15);
    }
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array:
        return QStringLiteral("[%1]").arg(v.toArray().size());
    case QJsonValue::Object:
        return QStringLiteral("{%1}").arg(v.toObject().size());
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>()) {}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJson(const QJsonValue& value) {
    beginResetModel();
    m_value = value;
    m_root = std::make_unique<Node>();
    m_root->value = value;
    // A scalar result still gets one row, so the view never looks empty for "true" or "42".
    if (!value.isArray() && !value.isObject() && !value.isUndefined()) {
        auto only = std::make_unique<Node>();
        only->key = QStringLiteral("result");
        only->value = value;
        only->parent = m_root.get();
        m_root->children.push_back(std::move(only));
    } else {
        build(m_root.get());
    }
    endResetModel();
}

QJsonValue JsonTreeModel::json() const {
    return m_value;
}

void JsonTreeModel::clear() {
    setJson(QJsonValue::Undefined);
}

void JsonTreeModel::build(Node* node) {
    auto add = [node](const QString& key, const QJsonValue& v) {
        auto child = std::make_unique<Node>();
        child->key = key;
        child->value = v;
        child->parent = node;
        child->row = static_cast<int>(node->children.size());
        build(child.get());
        node->children.push_back(std::move(child));
    };
    if (node->value.isObject()) {
        const QJsonObject o = node->value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            add(it.key(), it.value());
    } else if (node->value.isArray()) {
        const QJsonArray a = node->value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            add(QString::number(i), a.at(i));
    }
}

QString JsonTreeModel::pathOf(const Node* node) {
    QStringList parts;
    for (const Node* n = node; n && n->parent; n = n->parent)
        parts.prepend(n->key);
    return QLatin1Char('/') + parts.join(QLatin1Char('/'));
}

JsonTreeModel::Node* JsonTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const Node* p = nodeOf(parent);
    if (row >= static_cast<int>(p->children.size()))
        return {};
    return createIndex(row, column, p->children[static_cast<size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    const Node* n = nodeOf(child);
    Node* p = n->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const Node* n = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == KeyColumn)
            return n->key;
        if (index.column() == ValueColumn)
            return summary(n->value);
        return typeName(n->value);
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn &&
            (n->value.isString() || n->value.isObject() || n->value.isArray()))
            return n->value.isString() ? n->value.toString()
                                       : QString::fromUtf8(QJsonDocument::fromVariant(n->value.toVariant())
                                                               .toJson(QJsonDocument::Indented)
                                                               .left(4000));
        return {};
    case JsonValueRole:
        return n->value.toVariant();
    case JsonPathRole:
        return pathOf(n);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

} // namespace pb
