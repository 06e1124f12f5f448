# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries every compile setting our own code shares. Third-party headers
# come in as SYSTEM includes through their imported targets, so -Werror only judges our code.
add_library(umgate_common INTERFACE)
target_compile_features(umgate_common INTERFACE cxx_std_20)
target_compile_definitions(umgate_common INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_STRICT_ITERATORS
    UMGATE_VERSION="${PROJECT_VERSION}")
target_compile_options(umgate_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wformat=2 -Wimplicit-fallthrough)
if(UMGATE_WERROR)
  target_compile_options(umgate_common INTERFACE -Werror)
endif()
if(UMGATE_SANITIZE)
  target_compile_options(umgate_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(umgate_common INTERFACE -fsanitize=address,undefined)
endif()
# ThreadSanitizer (the tsan preset): our code is instrumented, Qt and the system libraries are not,
# so tests/tsan.supp names the reports that are Qt's own. ASan and TSan cannot share a binary.
if(UMGATE_TSAN)
  if(UMGATE_SANITIZE)
    message(FATAL_ERROR "UMGATE_TSAN and UMGATE_SANITIZE exclude each other: use the tsan or the asan preset")
  endif()
  target_compile_options(umgate_common INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(umgate_common INTERFACE -fsanitize=thread)
endif()
target_include_directories(umgate_common INTERFACE ${PROJECT_SOURCE_DIR})
# The fuzz build: every library is instrumented for coverage (fuzzer-no-link) and checked by
# ASan/UBSan; only the fuzz targets link the libFuzzer driver (tests/fuzz/CMakeLists.txt).
if(UMGATE_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "UMGATE_BUILD_FUZZ needs clang (libFuzzer): use the fuzz preset or -DCMAKE_CXX_COMPILER=clang++")
  endif()
  target_compile_options(umgate_common INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(umgate_common INTERFACE -fsanitize=address,undefined)
endif()
