# SPDX-License-Identifier: GPL-3.0-or-later
# The console's item models (models/console) against a real umgated.
umgate_gui_test(tst_models_connection LIBS umgate_models Qt6::Test)
umgate_gui_test(tst_models_items LIBS umgate_models Qt6::Test)
umgate_gui_test(tst_models_usernumbers LIBS umgate_models Qt6::Test FIXTURES slapd)
