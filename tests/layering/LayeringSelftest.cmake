# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DCHECKER=CheckLayers.cmake -DWORK_DIR=<scratch dir> -P LayeringSelftest.cmake
#
# Proves the layering checker can fail: it must reject a tree with planted violations, naming each
# one by file:line, and accept the same tree without them. A checker that silently passes
# everything would otherwise look exactly like a clean code base.
cmake_minimum_required(VERSION 3.25)

if(NOT CHECKER OR NOT WORK_DIR)
  message(FATAL_ERROR "usage: cmake -DCHECKER=... -DWORK_DIR=... -P LayeringSelftest.cmake")
endif()

set(tree "${WORK_DIR}/tree")
file(REMOVE_RECURSE "${tree}")

# Allowed in every layer; mixed into the bad files so the checker has to look at the right lines.
set(ok_includes "#include \"engine/client/Paths.h\"\n#include <QString>\n#include <QtNetwork/QTcpSocket>\n")
file(WRITE "${tree}/engine/core/Clean.h" "// SPDX-License-Identifier: GPL-3.0-or-later\n#pragma once\n${ok_includes}// #include <QWidget> is only mentioned in a comment\nint a[2] = {1, 2}; /* a ; and a \\ */\n")
file(WRITE "${tree}/models/CleanModel.h" "#pragma once\n#include \"engine/client/Paths.h\"\n#include <QAbstractItemModel>\n#include <QColor>\n")

# Planted after the SPDX line, the three allowed includes and a line with characters CMake lists
# treat specially (an unmasked one would shift every line number after it): lines 6 to 13.
set(bad_engine_lines
    "#include \"models/SettingsModel.h\""
    "#include <QWidget>"
    "#  include <QtGui/QColor>"
    "#include <qpixmap.h>"
    "#include \"../views/SettingsPage.h\""
    "#include <QtWidgets>"
    "#include \"ui_Form.h\""
    "#include \"app/umgated/Main.h\"")
list(JOIN bad_engine_lines "\n" bad_engine)
set(tricky "int a[2] = {1, 2}; const char* s = \"[ ;\\\\\";")
file(WRITE "${tree}/engine/rpc/Bad.cpp" "// SPDX-License-Identifier: GPL-3.0-or-later\n${ok_includes}${tricky}\n${bad_engine}\nint f() { return 0; }\n")
file(WRITE "${tree}/models/BadModel.h" "#pragma once\n#include <QColor>\n#include <QtWidgets/QTableView>\n#include \"views/MainWindow.h\"\n#include \"engine/config/SettingsSchema.h\"\n")
# The client library and the layers above it reach the engine only through engine/client/.
file(WRITE "${tree}/engine/client/BadClient.cpp" "#include \"engine/client/Paths.h\"\n#include \"engine/core/Log.h\"\n")
file(WRITE "${tree}/views/BadPage.cpp" "#include \"engine/client/RpcFields.h\"\n#include <QWidget>\n#include \"engine/mail/MimeBuilder.h\"\n#include \"app/umgate/Main.h\"\n")
file(WRITE "${tree}/app/umgatectl/BadCtl.cpp" "#include \"engine/client/EngineTarget.h\"\n#include \"models/rpc/RpcClient.h\"\n#include \"engine/Engine.h\"\n")
# Allowed: the views use widgets and the client library; the daemon links the whole engine.
file(WRITE "${tree}/views/CleanPage.cpp" "#include \"engine/client/RpcFields.h\"\n#include \"models/console/QueueModel.h\"\n#include <QWidget>\n")
file(WRITE "${tree}/app/umgated/main.cpp" "#include \"engine/Engine.h\"\n#include \"engine/core/Log.h\"\n")

set(expected
    "engine/rpc/Bad.cpp:6:" "engine/rpc/Bad.cpp:7:" "engine/rpc/Bad.cpp:8:" "engine/rpc/Bad.cpp:9:"
    "engine/rpc/Bad.cpp:10:" "engine/rpc/Bad.cpp:11:" "engine/rpc/Bad.cpp:12:" "engine/rpc/Bad.cpp:13:"
    "models/BadModel.h:3:" "models/BadModel.h:4:" "models/BadModel.h:5:" "engine/client/BadClient.cpp:2:"
    "views/BadPage.cpp:3:" "views/BadPage.cpp:4:" "app/umgatectl/BadCtl.cpp:3:")
list(LENGTH expected n_expected)

execute_process(COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${tree}" -P "${CHECKER}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("--- checker on the planted tree:\n${out}---")
set(failed FALSE)
if(rc EQUAL 0)
  message(SEND_ERROR "selftest: the checker passed a tree with ${n_expected} planted violations")
  set(failed TRUE)
endif()
foreach(e IN LISTS expected)
  string(FIND "${out}" "${e}" at)
  if(at EQUAL -1)
    message(SEND_ERROR "selftest: violation ${e} was not reported")
    set(failed TRUE)
  endif()
endforeach()
if(NOT out MATCHES "layering: ${n_expected} violation\\(s\\)")
  message(SEND_ERROR "selftest: expected exactly ${n_expected} violations (false positives on allowed includes?)")
  set(failed TRUE)
endif()

# The same tree without the bad files must pass: the allowed includes are not false positives.
file(REMOVE "${tree}/engine/rpc/Bad.cpp" "${tree}/models/BadModel.h" "${tree}/engine/client/BadClient.cpp"
     "${tree}/views/BadPage.cpp" "${tree}/app/umgatectl/BadCtl.cpp")
execute_process(COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${tree}" -P "${CHECKER}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("--- checker on the clean tree:\n${out}---")
if(NOT rc EQUAL 0)
  message(SEND_ERROR "selftest: the checker rejected a clean tree")
  set(failed TRUE)
endif()

# A wrong SOURCE_DIR must be an error, not an empty, clean result.
execute_process(COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${WORK_DIR}/does-not-exist" -P "${CHECKER}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(rc EQUAL 0)
  message(SEND_ERROR "selftest: the checker accepted a missing source tree")
  set(failed TRUE)
endif()

if(NOT failed)
  file(REMOVE_RECURSE "${tree}")
endif()
if(failed)
  message(FATAL_ERROR "layering selftest failed")
endif()
message("layering selftest passed")
