# Installing and packaging: `cmake --install build --prefix P` and
# `make package` (CPack, a .deb for Debian 12).
#
#   P/bin/warmcity
#   P/share/warmcity/{data/calendar,data/demo,web}   found beside the binary (src/app/data_paths.h)
#   P/share/doc/warmcity/*.md                        the operations and API documents
#   P/lib/systemd/system/warmcity.service            the server, as user warmcity
#   P/lib/systemd/system/warmcity-backup.{service,timer}   the nightly backup set
# The units name P/bin/warmcity: they are written at install time, so they are
# right for whatever prefix is given then (the .deb's is /usr).
include(GNUInstallDirs)

install(TARGETS warmcity RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/calendar ${PROJECT_SOURCE_DIR}/data/demo
  DESTINATION ${CMAKE_INSTALL_DATADIR}/warmcity/data)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION ${CMAKE_INSTALL_DATADIR}/warmcity/web)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/operations.md
  ${PROJECT_SOURCE_DIR}/docs/scaling.md ${PROJECT_SOURCE_DIR}/docs/api.md
  ${PROJECT_SOURCE_DIR}/docs/openapi.json
  DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(units ${PROJECT_SOURCE_DIR}/packaging/systemd)
install(FILES ${units}/warmcity-backup.timer DESTINATION lib/systemd/system)
install(CODE "
  set(prefix \"\${CMAKE_INSTALL_PREFIX}\")
  set(WARMCITY_BIN \"\${prefix}/${CMAKE_INSTALL_BINDIR}/warmcity\")
  set(WARMCITY_DOC \"\${prefix}/${CMAKE_INSTALL_DOCDIR}\")
  foreach(unit warmcity.service warmcity-backup.service)
    message(STATUS \"Installing: \$ENV{DESTDIR}\${prefix}/lib/systemd/system/\${unit}\")
    configure_file(${units}/\${unit}.in \"\$ENV{DESTDIR}\${prefix}/lib/systemd/system/\${unit}\" @ONLY)
  endforeach()
")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME warmcity)
set(CPACK_PACKAGE_VENDOR "warmcity")
set(CPACK_PACKAGE_CONTACT "warmcity maintainers <warmcity@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "warmcity (暖城): a district's ten convenience services")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libc6 (>= 2.36), libstdc++6 (>= 12), libgcc-s1, libsodium23, libspdlog1.10, libfmt9, libsqlite3-0, libpqxx-6.4, libpq5, libqrencode4, adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/packaging/debian/postinst ${PROJECT_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
