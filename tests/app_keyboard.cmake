# A keyboard walkthrough of the real app as a person meets it (label "app"): under Xvfb, xdotool presses
# Enter, Space, Right, Left, E and Escape; screenshots of the X root window are compared by pixels and the
# practice history the app wrote is read back. Needs xvfb-run, xdotool and ImageMagick (scripts/setup).
find_program(XVFB_RUN xvfb-run)
find_program(XDOTOOL xdotool)
find_program(IMAGEMAGICK_IMPORT import)
find_program(IMAGEMAGICK_COMPARE compare)
if(NOT XVFB_RUN OR NOT XDOTOOL OR NOT IMAGEMAGICK_IMPORT OR NOT IMAGEMAGICK_COMPARE)
  message(STATUS "app.keyboard_walkthrough: skipped (needs xvfb-run, xdotool and ImageMagick)")
  return()
endif()

add_test(NAME app.keyboard_walkthrough_pauses_navigates_extends_a_rest_and_stops
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1024x768x24"
          ${CMAKE_CURRENT_SOURCE_DIR}/app/keyboard_walkthrough.sh $<TARGET_FILE:attune>
          ${CMAKE_CURRENT_SOURCE_DIR}/app/walkthrough.yaml ${CMAKE_CURRENT_BINARY_DIR}/app_keyboard)
set_tests_properties(app.keyboard_walkthrough_pauses_navigates_extends_a_rest_and_stops
  PROPERTIES LABELS app TIMEOUT 45)
