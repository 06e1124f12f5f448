# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DSOURCE_DIR=<tree> -DWORK_DIR=<scratch dir> -DGENERATOR=Ninja -DCXX=c++ -P RegistrySelftest.cmake
#
# Proves that a test file cannot drop out of the suite silently: a scratch copy of the source tree
# configures as it is, and fails to configure, naming the file, with
#   1. an extra tests/unit/tst_*.cpp that no CMakeLists.txt registers,
#   2. a registered unit test file renamed,
#   3. a registered unit test file deleted.
# The console is off in the copy (faster); its tests' directory then reports itself as not built.
cmake_minimum_required(VERSION 3.25)

if(NOT SOURCE_DIR OR NOT WORK_DIR OR NOT GENERATOR OR NOT CXX)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCXX=... -P RegistrySelftest.cmake")
endif()

set(tree "${WORK_DIR}/tree")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${tree}")
# The sources only: no build directories, no git metadata.
file(GLOB top RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*")
foreach(entry IN LISTS top)
  if(entry MATCHES "^(build.*|\\.git)$")
    continue()
  endif()
  file(COPY "${SOURCE_DIR}/${entry}" DESTINATION "${tree}")
endforeach()

set(failures "")
set(run 0)
# try_configure(NAME EXPECT MUST_MENTION): EXPECT is "ok" or "fail"; a failure must mention MUST_MENTION.
function(try_configure name expect must_mention)
  math(EXPR n "${run} + 1")
  set(run ${n} PARENT_SCOPE)
  execute_process(COMMAND ${CMAKE_COMMAND} -S "${tree}" -B "${WORK_DIR}/build-${n}" -G "${GENERATOR}"
                          -DCMAKE_CXX_COMPILER=${CXX} -DUMGATE_BUILD_GUI=OFF -DUMGATE_BUILD_TESTS=ON
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(text "${out}${err}")
  if(expect STREQUAL "ok" AND NOT rc EQUAL 0)
    string(APPEND failures "${name}: the configure failed (exit ${rc}):\n${text}\n")
  elseif(expect STREQUAL "fail" AND rc EQUAL 0)
    string(APPEND failures "${name}: the configure succeeded, it must fail\n")
  elseif(expect STREQUAL "fail" AND NOT text MATCHES "${must_mention}")
    string(APPEND failures "${name}: the configure failed without naming ${must_mention}:\n${text}\n")
  else()
    message(STATUS "ok: ${name}")
  endif()
  set(failures "${failures}" PARENT_SCOPE)
endfunction()

file(GLOB unit_tests RELATIVE "${tree}/tests/unit" "${tree}/tests/unit/tst_*.cpp")
list(SORT unit_tests)
list(GET unit_tests 0 victim)
string(REGEX REPLACE "\\.cpp$" "" victim_name "${victim}")

try_configure("the tree as it is" ok "")

set(probe "${tree}/tests/unit/tst_unregistered_probe.cpp")
file(WRITE "${probe}" "// SPDX-License-Identifier: GPL-3.0-or-later\n")
try_configure("an unregistered test file" fail "tests/unit/tst_unregistered_probe\\.cpp")
file(REMOVE "${probe}")

file(RENAME "${tree}/tests/unit/${victim}" "${tree}/tests/unit/${victim_name}_renamed.cpp")
try_configure("${victim} renamed" fail "tests/unit/${victim_name}_renamed\\.cpp")
file(REMOVE "${tree}/tests/unit/${victim_name}_renamed.cpp")

try_configure("${victim} deleted" fail "${victim_name}\\.cpp")

file(REMOVE_RECURSE "${WORK_DIR}")
if(failures)
  message(FATAL_ERROR "the test registry let a test file drop out:\n${failures}")
endif()
message(STATUS "the test registry rejected all three")
