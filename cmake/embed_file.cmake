# Writes a C++ source that holds a file's bytes: cmake -DINPUT=... -DOUTPUT=... -DNAME=... -P embed_file.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
get_filename_component(base "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp" "// Generated from ${base} by cmake/embed_file.cmake. Do not edit.\n"
  "#include <string_view>\n\n#include \"reqprobe/contract.h\"\n\nnamespace reqprobe {\nnamespace {\n"
  "constexpr char kBytes[] = {\n${bytes}0};\n}  // namespace\n\n"
  "std::string_view embedded_contract_text() noexcept { return {kBytes, ${size}}; }\n"
  "std::string_view embedded_contract_name() noexcept { return \"${base}\"; }\n\n}  // namespace reqprobe\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
