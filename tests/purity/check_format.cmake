# Fails when a tracked C++ source differs from its clang-format output (the committed .clang-format).
cmake_policy(SET CMP0007 NEW)
file(GLOB_RECURSE sources RELATIVE "${ROOT}"
     "${ROOT}/validator/*.h" "${ROOT}/validator/*.cc" "${ROOT}/validator/*.inl" "${ROOT}/cli/*.h" "${ROOT}/cli/*.cc"
     "${ROOT}/tests/*.h" "${ROOT}/tests/*.cc" "${ROOT}/fuzz/*.h" "${ROOT}/fuzz/*.cc" "${ROOT}/bench/*.h"
     "${ROOT}/bench/*.cc" "${ROOT}/replay/*.h" "${ROOT}/replay/*.cc" "${ROOT}/generator/*.h" "${ROOT}/generator/*.cc")
set(bad "")
foreach(file IN LISTS sources)
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror "${ROOT}/${file}" RESULT_VARIABLE rc OUTPUT_QUIET
                  ERROR_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND bad "${file}")
  endif()
endforeach()
list(LENGTH sources count)
if(bad)
  message(FATAL_ERROR "not clang-formatted (run clang-format -i): ${bad}")
endif()
message(STATUS "${count} files are clang-formatted")
