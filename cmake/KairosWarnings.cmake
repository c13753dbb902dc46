# Warnings on, and clean, for our own targets (never for third-party sources). With
# KAIROS_WERROR (scripts/test turns it on) every warning fails the build.
option(KAIROS_WERROR "Treat warnings as errors" OFF)
function(kairos_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wconversion -Wno-sign-conversion)
  # g++ 12 at -O3 warns falsely on "text" + std::string (GCC bug 105329, -Wrestrict).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(KAIROS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Test binaries: the same warnings, except that tests build values with partial
# aggregate initialisers on purpose.
function(kairos_test_warnings target)
  kairos_warnings(${target})
  target_compile_options(${target} PRIVATE -Wno-missing-field-initializers)
endfunction()
