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

# Partial redraws (software GL under GLX, as here) draw the same pixels as whole frames: one pacer and two,
# playing for a few seconds, every partly redrawn frame compared with the frame drawn whole
# (ATTUNE_PARTIAL_REDRAW=check). The summary line must show partial frames and none that differed.
foreach(case "resonance-5-5.yaml;130" "breathing-together.yaml;122")
  list(GET case 0 file)
  list(GET case 1 at)
  string(REPLACE ".yaml" "" name ${file})
  add_test(NAME app.partial_redraw_draws_what_a_whole_frame_draws_${name}
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x720x24" ${CMAKE_COMMAND} -E env
            SDL_AUDIODRIVER=dummy ATTUNE_PARTIAL_REDRAW=check
            XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/partial_redraw/config
            XDG_DATA_HOME=${CMAKE_CURRENT_BINARY_DIR}/partial_redraw/data
            $<TARGET_FILE:attune> ${ATTUNE_SOURCE_SESSIONS_DIR}/${file} --size 1280x720 --start --at ${at}
            --quit-after 4)
  set_tests_properties(app.partial_redraw_draws_what_a_whole_frame_draws_${name} PROPERTIES LABELS app TIMEOUT 60
    PASS_REGULAR_EXPRESSION "partial redraw checked [1-9][0-9]+ frames \\([1-9][0-9]+ partial\\), 0 differed"
    FAIL_REGULAR_EXPRESSION "differs in")
endforeach()
