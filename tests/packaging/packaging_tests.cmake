# Packaging (issue 16), label "packaging": `ctest -L packaging`. They install from this build tree and never rebuild
# reqprobe: the build must be complete first (ctest runs after the build anyway).
#   packaging_find_package   install into a fresh prefix; an outside CMake project finds reqprobe::validator, builds
#                            and validates a request with the embedded contract
#   packaging_pkg_config     the same program built with `pkg-config --cflags --libs reqprobe`
#   packaging_deb            cpack -G DEB: fields, file list, declared Depends against the linked libraries, and the
#                            extracted package's command and CMake package
#   packaging_deb_dpkg_install  (only with -DREQPROBE_TEST_DPKG_INSTALL=ON, for throw-away CI containers) dpkg -i,
#                            run, dpkg --purge; skipped when not root or when a reqprobe package is installed already
#   ci_recipes_yamllint      yamllint --strict on ci/
#   ci_recipes_probe_options every option the recipes pass to `reqprobe probe` exists
# Sanitizer builds are left out: an instrumented static library is not one anybody installs, and its users would need
# the sanitizer runtime.
if(REQPROBE_SANITIZE OR NOT TARGET reqprobe OR (DEFINED REQPROBE_INSTALL AND NOT REQPROBE_INSTALL))
  return()
endif()

set(packaging_args "-DBUILD_DIR=${PROJECT_BINARY_DIR}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}" "-DVERSION=${PROJECT_VERSION}"
                   "-DCONSUMER_DIR=${CMAKE_CURRENT_LIST_DIR}/consumer" "-DCXX=${CMAKE_CXX_COMPILER}"
                   "-DGENERATOR=${CMAKE_GENERATOR}" "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}")
set(packaging_work ${CMAKE_CURRENT_BINARY_DIR}/packaging)

find_program(REQPROBE_PKG_CONFIG NAMES pkg-config pkgconf)
add_test(NAME packaging_find_package
         COMMAND ${CMAKE_COMMAND} ${packaging_args} -DMODE=find_package -DWORK=${packaging_work}/find_package
                 -P ${CMAKE_CURRENT_LIST_DIR}/install_and_consume.cmake)
add_test(NAME packaging_pkg_config
         COMMAND ${CMAKE_COMMAND} ${packaging_args} -DMODE=pkg_config -DWORK=${packaging_work}/pkg_config
                 -DPKG_CONFIG=${REQPROBE_PKG_CONFIG} -P ${CMAKE_CURRENT_LIST_DIR}/install_and_consume.cmake)
add_test(NAME packaging_deb
         COMMAND ${CMAKE_COMMAND} ${packaging_args} -DWORK=${packaging_work}/deb
                 -P ${CMAKE_CURRENT_LIST_DIR}/deb_package.cmake)
# One at a time: `cmake --install` rewrites the build tree's install_manifest.txt.
set_tests_properties(packaging_find_package packaging_pkg_config packaging_deb
                     PROPERTIES LABELS packaging TIMEOUT 300 RESOURCE_LOCK reqprobe_install)

option(REQPROBE_TEST_DPKG_INSTALL "Also install the .deb with dpkg -i in a test (throw-away machines only)" OFF)
if(REQPROBE_TEST_DPKG_INSTALL)
  add_test(NAME packaging_deb_dpkg_install
           COMMAND ${CMAKE_COMMAND} ${packaging_args} -DWORK=${packaging_work}/dpkg_install
                   -P ${CMAKE_CURRENT_LIST_DIR}/deb_dpkg_install.cmake)
  set_tests_properties(packaging_deb_dpkg_install PROPERTIES LABELS packaging TIMEOUT 300 RUN_SERIAL ON
                                                             SKIP_REGULAR_EXPRESSION "skipped:")
endif()

# yamllint comes with scripts/install-deps.sh; without it the test fails and says so rather than passing unseen.
find_program(REQPROBE_YAMLLINT NAMES yamllint)
if(REQPROBE_YAMLLINT)
  add_test(NAME ci_recipes_yamllint
           COMMAND ${REQPROBE_YAMLLINT} --strict -c ${CMAKE_CURRENT_LIST_DIR}/yamllint.yml ${PROJECT_SOURCE_DIR}/ci)
else()
  add_test(NAME ci_recipes_yamllint COMMAND sh -c "echo 'yamllint not found: run scripts/install-deps.sh' >&2; exit 1")
endif()
add_test(NAME ci_recipes_probe_options
         COMMAND ${CMAKE_COMMAND} -DREQPROBE=$<TARGET_FILE:reqprobe> -DCI_DIR=${PROJECT_SOURCE_DIR}/ci
                 -P ${CMAKE_CURRENT_LIST_DIR}/ci_recipe_options.cmake)
set_tests_properties(ci_recipes_yamllint ci_recipes_probe_options PROPERTIES LABELS packaging TIMEOUT 60)
