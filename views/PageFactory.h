// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/console/ConsoleTreeModel.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace umgate {

class EngineConnection;
class SettingsPage;

// Creates the page of a tree node; the main window calls it lazily, on first selection.
class PageFactory
{
    Q_DECLARE_TR_FUNCTIONS(umgate::PageFactory)

public:
    static SettingsPage* create(ConsoleTreeModel::Page kind, EngineConnection* connection,
                                const QString& instanceId, QWidget* parent = nullptr);
};

} // namespace umgate
