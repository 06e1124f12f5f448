# SPDX-License-Identifier: GPL-3.0-or-later
# The console's widgets (views/) offscreen against a real umgated.
umgate_gui_test(tst_console_settings LIBS umgate_views Qt6::Test)
umgate_gui_test(tst_console_dialogs LIBS umgate_views Qt6::Test FIXTURES aiosmtpd)
umgate_gui_test(tst_console_queue LIBS umgate_views Qt6::Test)
umgate_gui_test(tst_console_wizard_ldap LIBS umgate_views Qt6::Test FIXTURES slapd)
