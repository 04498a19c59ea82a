# Writes OUT, a C file holding each of FILES (NAME=PATH pairs, comma-separated) as
# a NUL-terminated byte array `const char NAME[]`, so that declx carries
# the review site's page assets (tools/declx/review/) and runs from
# anywhere. Usage: cmake -DOUT=file.c -DFILES=a=x.js,b=y.css -P embed_assets.cmake
set(body "/* generated from tools/declx/review/; do not edit */\n")
string(REPLACE "," ";" pairs "${FILES}")
foreach(pair ${pairs})
  string(REPLACE "=" ";" parts "${pair}")
  list(GET parts 0 var)
  list(GET parts 1 path)
  file(READ "${path}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "const char ${var}[] = {${bytes}0x00};\n")
endforeach()
file(WRITE "${OUT}" "${body}")
