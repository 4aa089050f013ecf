# Runs the reqprobe command once and checks its exact exit code and its output. Used by cli_tests.cmake:
#
#   cmake -DEXE=build/reqprobe -DARGS="validate|--body|-" -DEXIT=0 [-DSTDIN=file] [-DWORKDIR=dir]
#         [-DSTDOUT_FILE=file]     stdout must equal this file byte for byte
#         [-DSTDOUT_MATCHES=regex] [-DSTDERR_MATCHES=regex] [-DSTDOUT_EMPTY=1]
#         [-DJSON_CHECKS="a.0.b=value|a#=3"]  stdout must be JSON; "path=value" compares a member (dots separate
#                                             keys and indexes; booleans read ON/OFF), "path#=N" an array length
#         -P run_cli.cmake
#
# ARGS separates arguments with "|" because ctest would split a list on ";".
cmake_minimum_required(VERSION 3.22)

string(REPLACE "|" ";" args "${ARGS}")
if(NOT DEFINED STDIN)
  set(STDIN /dev/null)  # never wait on the terminal
endif()
if(NOT DEFINED WORKDIR)
  set(WORKDIR ".")
endif()
execute_process(COMMAND "${EXE}" ${args} INPUT_FILE "${STDIN}" WORKING_DIRECTORY "${WORKDIR}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)

set(problems "")
if(NOT "${rc}" STREQUAL "${EXIT}")
  string(APPEND problems "exit code ${rc}, expected ${EXIT}\n")
endif()
if(DEFINED STDOUT_FILE)
  file(READ "${STDOUT_FILE}" expected)
  if(NOT out STREQUAL expected)
    string(APPEND problems "stdout differs from ${STDOUT_FILE}\n")
  endif()
endif()
if(DEFINED STDOUT_MATCHES AND NOT out MATCHES "${STDOUT_MATCHES}")
  string(APPEND problems "stdout does not match: ${STDOUT_MATCHES}\n")
endif()
if(DEFINED STDERR_MATCHES AND NOT err MATCHES "${STDERR_MATCHES}")
  string(APPEND problems "stderr does not match: ${STDERR_MATCHES}\n")
endif()
if(STDOUT_EMPTY AND NOT out STREQUAL "")
  string(APPEND problems "stdout is not empty\n")
endif()
if(DEFINED JSON_CHECKS)
  string(JSON ignored ERROR_VARIABLE json_error TYPE "${out}")
  if(json_error)
    string(APPEND problems "stdout is not JSON: ${json_error}\n")
  else()
    string(REPLACE "|" ";" checks "${JSON_CHECKS}")
    foreach(check IN LISTS checks)
      if(check MATCHES "^([^=]*)#=(.*)$")
        set(mode LENGTH)
      elseif(check MATCHES "^([^=]*)=(.*)$")
        set(mode GET)
      else()
        message(FATAL_ERROR "bad JSON check: ${check}")
      endif()
      set(want "${CMAKE_MATCH_2}")
      string(REPLACE "." ";" path "${CMAKE_MATCH_1}")
      string(JSON got ERROR_VARIABLE get_error ${mode} "${out}" ${path})
      if(get_error)
        string(APPEND problems "JSON ${check}: ${get_error}\n")
      elseif(NOT got STREQUAL want)
        string(APPEND problems "JSON ${check}: found '${got}'\n")
      endif()
    endforeach()
  endif()
endif()

if(problems)
  message(FATAL_ERROR "reqprobe ${ARGS}\n${problems}--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
