# SPDX-License-Identifier: GPL-3.0-or-later
# Every tests/**/tst_*.cpp is a registered test, or the configure fails: a new file nobody added
# to a CMakeLists.txt, or a CMakeLists.txt entry whose file was renamed or deleted, must never
# mean a test that silently stops running.
#
#   umgate_test_registered(FILE...)  umgate_add_qtest calls it for its sources
#   umgate_tests_off(REASON)         a directory whose tests this configuration cannot build (no
#                                    console, no daemon) says so before its return(); its files
#                                    then count as accounted for, and the configure log says why
#   umgate_check_test_registry(DIR)  at the end of tests/CMakeLists.txt: compares the files on
#                                    disk under DIR with the registered ones
# The other direction, a registered name without its file, fails in qt_add_executable ("Cannot
# find source file"). tests/registry/RegistrySelftest.cmake proves both against a scratch copy.

function(umgate_test_registered)
  foreach(file IN LISTS ARGN)
    get_filename_component(path "${file}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(name "${path}" NAME)
    if(name MATCHES "^tst_.*\\.cpp$")
      set_property(GLOBAL APPEND PROPERTY UMGATE_REGISTERED_TEST_FILES "${path}")
    endif()
  endforeach()
endfunction()

function(umgate_tests_off reason)
  set_property(GLOBAL APPEND PROPERTY UMGATE_TESTS_OFF_DIRS "${CMAKE_CURRENT_SOURCE_DIR}")
  file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}")
  message(STATUS "Tests in ${rel}/ are not built: ${reason}")
endfunction()

function(umgate_check_test_registry dir)
  # CONFIGURE_DEPENDS: adding or removing a test file re-runs this check on the next build.
  file(GLOB_RECURSE on_disk CONFIGURE_DEPENDS "${dir}/tst_*.cpp")
  get_property(registered GLOBAL PROPERTY UMGATE_REGISTERED_TEST_FILES)
  get_property(off_dirs GLOBAL PROPERTY UMGATE_TESTS_OFF_DIRS)
  set(unregistered "")
  foreach(file IN LISTS on_disk)
    if(file IN_LIST registered)
      continue()
    endif()
    get_filename_component(file_dir "${file}" DIRECTORY)
    if(file_dir IN_LIST off_dirs)
      continue()
    endif()
    file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${file}")
    string(APPEND unregistered "\n  ${rel}")
  endforeach()
  if(unregistered)
    message(FATAL_ERROR "Test files that no CMakeLists.txt registers (umgate_add_qtest or its "
                        "directory's helper, e.g. umgate_unit); register or delete them:${unregistered}")
  endif()
endfunction()
