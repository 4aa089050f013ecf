# Install, export and package (issue 16). Included once from the top-level CMakeLists.txt, after every target.
#
#   cmake --install build --prefix P   bin/reqprobe, lib/libreqprobe_validator.a, include/reqprobe/*.h,
#                                      lib/cmake/reqprobe/ (find_package) and lib/pkgconfig/reqprobe.pc
#   cd build && cpack -G DEB           the same files as a Debian package (cmake/package.cmake)
#
# The validator library is installed as a static library: it is what the project builds, and the embedded HSS
# contract travels inside it. A static library does not carry its dependencies, so the package config and the .pc
# file name them: libfyaml, RE2 and libidn2, all found through pkg-config. No public header includes RapidJSON (or
# any other third-party header), so RapidJSON is a build-time dependency only.
#
# The generator library (generator/) is not installed: its headers live beside its sources and are not a public API.
# A project that adds reqprobe with add_subdirectory() keeps its own install rules and package: off there by default.
option(REQPROBE_INSTALL "Install rules, the CMake package, reqprobe.pc and the CPack package" ${PROJECT_IS_TOP_LEVEL})
if(NOT REQPROBE_INSTALL)
  return()
endif()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(REQPROBE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/reqprobe"
    CACHE STRING "Where reqprobeConfig.cmake is installed, relative to the prefix")
mark_as_advanced(REQPROBE_INSTALL_CMAKEDIR)

# The library and its public headers. The export names it reqprobe::validator, the name it has in this build too.
set_target_properties(reqprobe_validator PROPERTIES EXPORT_NAME validator)
install(TARGETS reqprobe_validator EXPORT reqprobeTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/validator/include/reqprobe DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")

install(EXPORT reqprobeTargets NAMESPACE reqprobe:: DESTINATION ${REQPROBE_INSTALL_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/reqprobeConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/install/reqprobeConfig.cmake
                              INSTALL_DESTINATION ${REQPROBE_INSTALL_CMAKEDIR})
# 0.x: a minor version may change the API, so only the same major.minor satisfies a request.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/install/reqprobeConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/install/reqprobeConfig.cmake
              ${PROJECT_BINARY_DIR}/install/reqprobeConfigVersion.cmake
        DESTINATION ${REQPROBE_INSTALL_CMAKEDIR})

# pkg-config: the paths are relative to the .pc file's own place (${pcfiledir}), so the prefix can move.
file(RELATIVE_PATH REQPROBE_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" REQPROBE_PC_TO_PREFIX "${REQPROBE_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/reqprobe.pc.in ${PROJECT_BINARY_DIR}/install/reqprobe.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/install/reqprobe.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

if(TARGET reqprobe)
  install(TARGETS reqprobe RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

include(${CMAKE_CURRENT_LIST_DIR}/package.cmake)
