# Generates a .cpp that holds a text file as a std::string_view, so documents
# (the OpenAPI description) ship inside the binary.
#   cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=ns::name -P embed.cmake
file(READ "${INPUT}" content)
string(REPLACE "::" ";" parts "${SYMBOL}")
list(POP_BACK parts name)
list(JOIN parts "::" ns)
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace ${ns} {\n"
  "extern const std::string_view ${name};\n"
  "const std::string_view ${name} = R\"EMBED(${content})EMBED\";\n"
  "}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
