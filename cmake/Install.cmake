# `cmake --install build --prefix P`: the library, its headers, the `cbec` program, the plotting
# scripts, and an exported CMake package, so that a separate project can write
#   find_package(cbec REQUIRED)   target_link_libraries(app PRIVATE cbec::cbec)
include(CMakePackageConfigHelpers)
set(CBEC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/cbec)

install(TARGETS cbec EXPORT cbecTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/cbec DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS cbec_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/ DESTINATION ${CMAKE_INSTALL_DATADIR}/cbec/python
        FILES_MATCHING PATTERN "plot_*.py")
install(EXPORT cbecTargets NAMESPACE cbec:: DESTINATION ${CBEC_CMAKE_DIR})

set(CBEC_SHARED ${BUILD_SHARED_LIBS})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/cbecConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/cbecConfig.cmake INSTALL_DESTINATION ${CBEC_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cbecConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cbecConfig.cmake ${CMAKE_BINARY_DIR}/cbecConfigVersion.cmake
        DESTINATION ${CBEC_CMAKE_DIR})
