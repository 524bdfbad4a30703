# One interface target carrying the language level, warnings and strict Qt defines.
# Every Patchbay target links it (see STYLE: "One place for compiler settings").
add_library(patchbay_common_config INTERFACE)
target_compile_features(patchbay_common_config INTERFACE cxx_std_20)
target_compile_definitions(patchbay_common_config INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_CONTEXTLESS_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QT_DISABLE_DEPRECATED_BEFORE=0x060400)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(patchbay_common_config INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
endif()
target_include_directories(patchbay_common_config INTERFACE "${PROJECT_SOURCE_DIR}/src")

option(PATCHBAY_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(PATCHBAY_SANITIZE)
  target_compile_options(patchbay_common_config INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(patchbay_common_config INTERFACE -fsanitize=address,undefined)
endif()
