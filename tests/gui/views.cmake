# SPDX-License-Identifier: GPL-3.0-or-later
# The console's widgets (views/) offscreen against a real umgated.
umgate_gui_test(tst_console_settings LIBS umgate_views Qt6::Test)
umgate_gui_test(tst_console_dialogs LIBS umgate_views Qt6::Test FIXTURES aiosmtpd)
umgate_gui_test(tst_console_queue LIBS umgate_views Qt6::Test)
umgate_gui_test(tst_console_wizard_ldap LIBS umgate_views Qt6::Test FIXTURES slapd)
umgate_gui_test(tst_console_wizard_mail LIBS umgate_views Qt6::Test FIXTURES aiosmtpd)
# Every page and the main dialogs as PNG on a real X server (Xvfb); see screenshots.sh.
add_test(NAME tst_console_screenshots
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/screenshots.sh $<TARGET_FILE:tst_console_settings>
                 ${PROJECT_BINARY_DIR}/screenshots)
set_tests_properties(tst_console_screenshots PROPERTIES LABELS "gui" TIMEOUT 180)
umgate_gui_test(tst_console_remote_tokens LIBS umgate_views Qt6::Test FIXTURES keychain)
umgate_gui_test(tst_console_start LIBS umgate_models Qt6::Test)
target_compile_definitions(tst_console_start PRIVATE UMGATE_BIN="$<TARGET_FILE:umgate>")
add_dependencies(tst_console_start umgate)
umgate_gui_test(tst_console_list_ids LIBS umgate_views Qt6::Test)
# The error label's colour from the palette, on light and dark themes (no engine needed).
umgate_add_qtest(tst_errorlabel SOURCES tst_errorlabel.cpp LIBS umgate_views Qt6::Test LABELS "gui")
