# Per-target options (never CMAKE_CXX_FLAGS): warnings, warnings-as-errors and sanitizers, carried by an
# INTERFACE target that every reqprobe target links.
add_library(reqprobe_options INTERFACE)
target_compile_features(reqprobe_options INTERFACE cxx_std_20)
target_compile_options(reqprobe_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports -Wrestrict on plain std::string concatenation at -O2/-O3 (GCC bug 105329): a false positive.
  target_compile_options(reqprobe_options INTERFACE -Wno-restrict)
endif()
if(REQPROBE_WERROR)
  target_compile_options(reqprobe_options INTERFACE -Werror)
endif()
if(REQPROBE_SANITIZE)
  string(REPLACE ";" "," sanitizers "${REQPROBE_SANITIZE}")
  target_compile_options(reqprobe_options INTERFACE -fsanitize=${sanitizers} -fno-sanitize-recover=all
                                                    -fno-omit-frame-pointer)
  target_link_options(reqprobe_options INTERFACE -fsanitize=${sanitizers})
  if("undefined" IN_LIST REQPROBE_SANITIZE AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # RapidJSON 1.1's internal stack adds 0 to a null pointer (internal/stack.h): clang's pointer-overflow check
    # stops every parse on it. The rest of UBSan stays on.
    target_compile_options(reqprobe_options INTERFACE -fno-sanitize=pointer-overflow)
  endif()
endif()
# RapidJSON: std::string overloads everywhere, identically in every translation unit.
target_compile_definitions(reqprobe_options INTERFACE RAPIDJSON_HAS_STDSTRING=1)
