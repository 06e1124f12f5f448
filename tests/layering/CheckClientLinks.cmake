# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DBINARIES=<file;...> -P CheckClientLinks.cmake
#
# The clients (umgatectl, the console) link the engine's client library and Qt, not the engine:
# `ldd` shows no libldap, liblber, libtiff nor libharu, and the binary itself needs no resolver
# (libresolv arrives only through Qt Network's Kerberos, which is not ours to drop). A client that
# starts linking the engine again fails here even when every include is allowed.
cmake_minimum_required(VERSION 3.25)

if(NOT BINARIES)
  message(FATAL_ERROR "client links: no binaries given")
endif()
find_program(LDD ldd REQUIRED)
find_program(READELF readelf REQUIRED)
set(failed 0)
foreach(bin IN LISTS BINARIES)
  if(NOT EXISTS "${bin}")
    message(FATAL_ERROR "client links: ${bin} does not exist")
  endif()
  execute_process(COMMAND "${LDD}" "${bin}" RESULT_VARIABLE rc OUTPUT_VARIABLE ldd ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "client links: ldd ${bin} failed: ${err}")
  endif()
  string(REGEX MATCHALL "lib(ldap|lber|tiff|hpdf)[^ \t\n]*" engine_libs "${ldd}")
  execute_process(COMMAND "${READELF}" -d "${bin}" RESULT_VARIABLE rc OUTPUT_VARIABLE dynamic)
  string(REGEX MATCHALL "\\[libresolv[^]]*\\]" resolver "${dynamic}")
  if(engine_libs OR resolver)
    message("${bin} links what only the engine needs: ${engine_libs} ${resolver}")
    math(EXPR failed "${failed} + 1")
  else()
    message("${bin}: no libldap, liblber, libtiff, libhpdf; no libresolv of its own")
  endif()
endforeach()
if(failed GREATER 0)
  message(FATAL_ERROR "client links: ${failed} client(s) link the engine's libraries")
endif()
