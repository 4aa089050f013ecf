# The validator library must stay pure: no printing, no I/O, no abort, no network (simdjson's avoid_abort /
# avoid_cout idea). Fails when the static library references any of these symbols.
# Usage: cmake -DNM=nm -DLIBRARY=libreqprobe_validator.a -P check_symbols.cmake
execute_process(COMMAND ${NM} -C --undefined-only ${LIBRARY} OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
cmake_policy(SET CMP0007 NEW)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${LIBRARY}")
endif()
set(forbidden abort exit _exit __assert_fail printf fprintf puts fputs putchar fwrite fopen open write read
    "std::cout" "std::cerr" "std::clog" "std::basic_ostream" socket connect send recv curl_easy_init
    curl_multi_init)
# std::terminate is not listed: clang reaches it from noexcept functions (__clang_call_terminate), which is the
# language's own guard, not the library choosing to stop the process.
set(found "")
string(REPLACE "\n" ";" lines "${symbols}")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^ *U +" "" symbol "${line}")
  foreach(bad IN LISTS forbidden)
    if(symbol STREQUAL bad OR symbol MATCHES "^${bad}[(<]")
      list(APPEND found "${symbol}")
    endif()
  endforeach()
endforeach()
if(found)
  list(REMOVE_DUPLICATES found)
  message(FATAL_ERROR "the validator library references forbidden symbols: ${found}")
endif()
list(LENGTH lines count)
message(STATUS "validator library is pure: ${count} undefined symbols checked")
