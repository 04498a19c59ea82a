# Writes OUT, a C file holding each rule file as a NUL-terminated byte
# array, so that declx carries its rules and runs from anywhere.
# Usage: cmake -DOUT=file.c -DLABELS=labels.rules -DVALUES=values.rules
#        -DCHAR_FREQ=char_freq.tsv -P embed_rules.cmake
function(embed var path result)
  file(READ "${path}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  set(${result} "const char ${var}[] = {${bytes}0x00};\n" PARENT_SCOPE)
endfunction()
embed(dx_embedded_labels_rules "${LABELS}" a)
embed(dx_embedded_values_rules "${VALUES}" b)
embed(dx_embedded_char_freq "${CHAR_FREQ}" c)
file(WRITE "${OUT}" "/* generated from the rule files; do not edit */\n${a}${b}${c}")
