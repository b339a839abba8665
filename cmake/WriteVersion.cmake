execute_process(COMMAND git -C ${GIT_DIR} describe --always --dirty --abbrev=12
                OUTPUT_VARIABLE CBEC_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT CBEC_GIT_REVISION)
  set(CBEC_GIT_REVISION "unknown")
endif()
set(CBEC_VERSION ${VERSION})
configure_file(${SRC} ${DST}.tmp @ONLY)
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${DST}.tmp ${DST})
