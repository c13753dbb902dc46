# Fails when a core source includes anything but the standard library, header-only
# date.h, or the core's own headers. Run by ctest as core.purity.
file(GLOB_RECURSE files "${CORE_DIR}/*.hpp" "${CORE_DIR}/*.cpp" "${CORE_DIR}/*.h" "${CORE_DIR}/*.cc")
set(std_headers
  algorithm any array atomic bit bitset cassert cctype cerrno cfloat charconv chrono cinttypes climits
  cmath compare concepts cstddef cstdint cstdio cstdlib cstring ctime cwchar cwctype deque exception
  functional initializer_list iomanip ios iosfwd iterator limits list map memory new numeric optional
  queue random ranges ratio set span sstream stack stdexcept string string_view system_error tuple
  type_traits typeinfo unordered_map unordered_set utility variant vector version)
set(bad "")
foreach(f ${files})
  file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
  foreach(line ${lines})
    if(line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
      set(h "${CMAKE_MATCH_1}")
      list(FIND std_headers "${h}" idx)
      if(idx EQUAL -1 AND NOT h STREQUAL "date/date.h")
        list(APPEND bad "${f}: <${h}>")
      endif()
    elseif(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
      if(NOT CMAKE_MATCH_1 MATCHES "^kairos/")
        list(APPEND bad "${f}: \"${CMAKE_MATCH_1}\"")
      endif()
    else()
      list(APPEND bad "${f}: ${line}")
    endif()
  endforeach()
endforeach()
list(LENGTH files n)
if(bad)
  string(REPLACE ";" "\n  " msg "${bad}")
  message(FATAL_ERROR "core/ must include only the standard library, date.h and kairos/ headers:\n  ${msg}")
endif()
message(STATUS "core purity: ${n} files checked, all includes allowed")
