# Every option the CI recipes (ci/) pass to `reqprobe probe` is one the built command accepts: a renamed option
# fails here, not in a team's pipeline.   cmake -DREQPROBE=... -DCI_DIR=... -P ci_recipe_options.cmake
cmake_minimum_required(VERSION 3.22)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

packaging_run(COMMAND "${REQPROBE}" probe --help OUTPUT_VARIABLE help)
file(GLOB_RECURSE recipes "${CI_DIR}/*.yml")
set(checked 0)
foreach(recipe IN LISTS recipes)
  file(READ "${recipe}" text)
  string(REGEX REPLACE "\\\\\n" " " text "${text}")  # shell line continuations
  string(REGEX MATCHALL "reqprobe\"? probe[^\n]*" commands "${text}")
  foreach(command IN LISTS commands)
    string(REGEX MATCHALL "[ +(]--[a-z][a-z-]*" options "${command}")  # also ${VAR:+--option ...}
    foreach(option IN LISTS options)
      string(SUBSTRING "${option}" 1 -1 option)
      if(NOT help MATCHES "${option}([^a-z-]|$)")  # the whole option, not a prefix of another
        message(FATAL_ERROR "${recipe}: `reqprobe probe` has no option ${option}")
      endif()
      math(EXPR checked "${checked} + 1")
    endforeach()
  endforeach()
endforeach()
if(checked EQUAL 0)
  message(FATAL_ERROR "no `reqprobe probe` command found in ${CI_DIR}")
endif()
message(STATUS "${checked} options of `reqprobe probe` in the CI recipes, all accepted")
