# Finds the Debian-packaged dependencies for the native tree, and makes header-only
# ones usable from em++ without ever adding /usr/include (which would pull glibc
# headers into the WebAssembly build; see ../shared/TOOLCHAIN.md).

set(KAIROS_IMGUI_DIR "${CMAKE_SOURCE_DIR}/.cache/imgui" CACHE PATH
    "Dear ImGui sources unpacked from Debian's source package by scripts/setup")

if(KAIROS_WASM)
  # A private include folder holding only symlinks to header-only libraries.
  set(_shim "${CMAKE_BINARY_DIR}/shim-include")
  file(MAKE_DIRECTORY "${_shim}")
  foreach(lib nlohmann date)
    if(EXISTS "/usr/include/${lib}" AND NOT EXISTS "${_shim}/${lib}")
      file(CREATE_LINK "/usr/include/${lib}" "${_shim}/${lib}" SYMBOLIC)
    endif()
  endforeach()
  add_library(kairos_json INTERFACE)
  target_include_directories(kairos_json SYSTEM INTERFACE "${_shim}")

  # Node runs the wasm test binaries under ctest.
  set(CMAKE_CROSSCOMPILING_EMULATOR "/usr/bin/node;--no-experimental-fetch;--stack-size=4000" CACHE STRING "" FORCE)
  set(KAIROS_NODE_LINK_FLAGS -sEXIT_RUNTIME=1 -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node
      -sTOTAL_STACK=1048576 -fexceptions)
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  add_library(kairos_json INTERFACE)
  target_link_libraries(kairos_json INTERFACE nlohmann_json::nlohmann_json)
  find_package(Threads REQUIRED)
endif()

# Builds `target` so that it also runs under Node (wasm tree) with the real file system.
function(kairos_node_program target)
  if(KAIROS_WASM)
    target_compile_options(${target} PRIVATE -fexceptions)
    target_link_options(${target} PRIVATE ${KAIROS_NODE_LINK_FLAGS})
  endif()
endfunction()
