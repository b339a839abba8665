# `cmake --build build --target doc`: the API reference from the public headers (Doxygen, Debian's
# package), written to build/doc/html/index.html. Not part of `all`.
find_package(Doxygen)
if(DOXYGEN_FOUND)
  set(DOXYGEN_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/doc)
  set(DOXYGEN_PROJECT_NAME "cbec")
  set(DOXYGEN_PROJECT_BRIEF "composite Bose-Einstein condensates")
  set(DOXYGEN_GENERATE_LATEX NO)
  set(DOXYGEN_EXTRACT_ALL YES)
  set(DOXYGEN_RECURSIVE YES)
  set(DOXYGEN_FULL_PATH_NAMES YES)
  set(DOXYGEN_STRIP_FROM_PATH ${PROJECT_SOURCE_DIR}/include)
  set(DOXYGEN_STRIP_FROM_INC_PATH ${PROJECT_SOURCE_DIR}/include)
  set(DOXYGEN_USE_MDFILE_AS_MAINPAGE ${PROJECT_SOURCE_DIR}/docs/architecture.md)
  set(DOXYGEN_WARN_IF_UNDOCUMENTED NO)
  set(DOXYGEN_QUIET YES)
  doxygen_add_docs(doc ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/docs/architecture.md
                   ${PROJECT_SOURCE_DIR}/docs/python.md
                   COMMENT "API reference (Doxygen) -> ${CMAKE_BINARY_DIR}/doc/html/index.html")
else()
  add_custom_target(doc COMMAND ${CMAKE_COMMAND} -E echo "doxygen not found: apt-get install doxygen" COMMAND false)
endif()
