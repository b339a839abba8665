# Writes include/cbec/version_info.hpp in the build tree with the git revision at configure/build time.
set(CBEC_VERSION_IN ${CMAKE_CURRENT_LIST_DIR}/version_info.hpp.in)
set(CBEC_VERSION_OUT ${CMAKE_BINARY_DIR}/generated/cbec/version_info.hpp)
add_custom_target(cbec_version_info
  COMMAND ${CMAKE_COMMAND} -DSRC=${CBEC_VERSION_IN} -DDST=${CBEC_VERSION_OUT}
          -DGIT_DIR=${CMAKE_SOURCE_DIR} -DVERSION=${PROJECT_VERSION}
          -P ${CMAKE_CURRENT_LIST_DIR}/WriteVersion.cmake
  BYPRODUCTS ${CBEC_VERSION_OUT})
