// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SettingsPage.h"

namespace umgate {

SettingsPage::~SettingsPage() = default;

} // namespace umgate
