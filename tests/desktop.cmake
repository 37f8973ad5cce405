# Attune as a desktop citizen (label "app"): the installed desktop entry and AppStream metainfo validate, the
# .deb built by CPack installs and uninstalls cleanly, and the screensaver is inhibited only while a
# session plays, under the name "Attune" (a fake org.freedesktop.ScreenSaver on a private D-Bus bus).
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
find_program(APPSTREAMCLI appstreamcli)
find_program(DBUS_RUN_SESSION dbus-run-session)
find_program(XVFB_RUN xvfb-run)
find_program(XDOTOOL xdotool)
find_program(DPKG_DEB dpkg-deb)
if(NOT DESKTOP_FILE_VALIDATE OR NOT APPSTREAMCLI OR NOT DBUS_RUN_SESSION OR NOT XVFB_RUN OR NOT XDOTOOL
   OR NOT DPKG_DEB)
  message(STATUS "desktop tests: skipped (need desktop-file-utils, appstream, dbus, xvfb, xdotool, dpkg)")
  return()
endif()
set(desktop_out ${CMAKE_CURRENT_BINARY_DIR}/desktop)

add_test(NAME app.installed_desktop_entry_and_metainfo_validate
  COMMAND sh -c "rm -rf ${desktop_out}/prefix && ${CMAKE_COMMAND} --install ${CMAKE_BINARY_DIR} --prefix ${desktop_out}/prefix >/dev/null && ${DESKTOP_FILE_VALIDATE} ${desktop_out}/prefix/share/applications/io.github.attune.attune.desktop && ${APPSTREAMCLI} validate-tree --no-net ${desktop_out}/prefix")
set_tests_properties(app.installed_desktop_entry_and_metainfo_validate PROPERTIES LABELS app TIMEOUT 60)

add_test(NAME app.deb_package_installs_validates_and_uninstalls_cleanly
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/desktop/deb_check.sh ${CMAKE_BINARY_DIR} ${desktop_out}/deb)
set_tests_properties(app.deb_package_installs_validates_and_uninstalls_cleanly PROPERTIES LABELS app TIMEOUT 240
  RUN_SERIAL ON)

add_test(NAME app.screensaver_is_inhibited_only_while_a_session_plays
  COMMAND ${DBUS_RUN_SESSION} -- ${XVFB_RUN} -a -s "-screen 0 1024x768x24"
          ${CMAKE_CURRENT_SOURCE_DIR}/desktop/screensaver_check.sh $<TARGET_FILE:attune>
          ${CMAKE_CURRENT_SOURCE_DIR}/app/walkthrough.yaml ${desktop_out}/screensaver)
set_tests_properties(app.screensaver_is_inhibited_only_while_a_session_plays PROPERTIES LABELS app TIMEOUT 60)

find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_test(NAME app.status_file_is_always_whole_json_while_playing
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1024x768x24" ${Python3_EXECUTABLE}
            ${CMAKE_CURRENT_SOURCE_DIR}/desktop/status_file_check.py $<TARGET_FILE:attune>
            ${ATTUNE_SOURCE_SESSIONS_DIR}/box-breathing.yaml ${desktop_out}/status)
  set_tests_properties(app.status_file_is_always_whole_json_while_playing PROPERTIES LABELS app TIMEOUT 60)
endif()
