# Tests of the real window, headless (label "app"): SDL's offscreen video driver (EGL + llvmpipe) and the
# dummy audio driver, settings and history in a throwaway XDG folder. Screenshots are checked by pixels
# with tests/app/png_check.py (standard-library Python: PNG through zlib).
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  return()
endif()

set(ATTUNE_APP_OUT ${CMAKE_CURRENT_BINARY_DIR}/app_shots)
file(MAKE_DIRECTORY ${ATTUNE_APP_OUT})
set(ATTUNE_APP_ENV
  SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
  XDG_CONFIG_HOME=${ATTUNE_APP_OUT}/config XDG_DATA_HOME=${ATTUNE_APP_OUT}/data)
set(png_check ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/app/png_check.py)
set(together ${ATTUNE_SOURCE_SESSIONS_DIR}/breathing-together.yaml)
set(size 800x450)
# Moments of a session read from its plan (tests/app/plan_time.py), never hard-coded.
set(plan_time "${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/app/plan_time.py $<TARGET_FILE:attune> ${together}")

# attune_app_test(NAME COMMAND...): one test, run with the headless environment.
function(attune_app_test name)
  add_test(NAME app.${name} COMMAND ${CMAKE_COMMAND} -E env ${ATTUNE_APP_ENV} sh -c "${ARGN}")
  set_tests_properties(app.${name} PROPERTIES LABELS app TIMEOUT 60)
endfunction()

set(app $<TARGET_FILE:attune>)
set(out ${ATTUNE_APP_OUT})

# Blank (B) is true black edge to edge, whatever the theme (the light theme's background is near white).
attune_app_test(blank_is_black_edge_to_edge
  "${app} ${together} --theme light --blank --screenshot ${out}/blank.png --at 40 --size ${size} && ${png_check} black ${out}/blank.png")

# The circle is larger at the end of an inhale (32 s -> 36 s) than at its start.
attune_app_test(circle_is_larger_at_the_end_of_an_inhale
  "${app} ${together} --screenshot ${out}/in_start.png --at $(${plan_time} inhale 0 0.2) --size ${size} && ${app} ${together} --screenshot ${out}/in_end.png --at $(${plan_time} inhale 0 -0.2) --size ${size} && ${png_check} grows ${out}/in_start.png ${out}/in_end.png 0,0.18,0.5,0.72")
# In an `alternate` step (from 182 s) one partner breathes in while the other breathes out.
attune_app_test(alternate_partners_circles_differ_in_size
  "${app} ${together} --screenshot ${out}/alternate.png --at $(${plan_time} inhale 1 1.5 own) --size ${size} && ${png_check} differ ${out}/alternate.png 0,0.18,0.5,0.72 0.5,0.18,1,0.72")
# The caption bands (the large caption and the steady line under the stage) hold text while a prompt shows.
attune_app_test(caption_area_has_text
  "${app} ${together} --screenshot ${out}/caption.png --at 40 --size ${size} && ${png_check} size ${out}/caption.png 800 450 && ${png_check} text ${out}/caption.png 0.05,0.66,0.95,0.88 300")
# Reduced motion: the bar fills through the inhale instead of a circle growing.
attune_app_test(reduced_motion_bar_fills_through_an_inhale
  "${app} ${together} --reduced-motion --screenshot ${out}/bar_start.png --at $(${plan_time} inhale 0 0.2) --size ${size} && ${app} ${together} --reduced-motion --screenshot ${out}/bar_end.png --at $(${plan_time} inhale 0 -0.2) --size ${size} && ${png_check} grows ${out}/bar_start.png ${out}/bar_end.png 0,0.18,0.5,0.72")
# Fullscreen renders the player (the offscreen display's size) with its caption.
attune_app_test(fullscreen_renders
  "${app} ${together} --fullscreen --screenshot ${out}/fullscreen.png --at 40 && ${png_check} text ${out}/fullscreen.png 0.05,0.7,0.95,0.95 300")
# The light and high-contrast themes render the player.
attune_app_test(light_and_high_contrast_themes_render
  "${app} ${together} --theme light --screenshot ${out}/light.png --at 40 --size ${size} && ${app} ${together} --theme high-contrast --screenshot ${out}/contrast.png --at 40 --size ${size} && ${png_check} text ${out}/contrast.png 0.05,0.66,0.95,0.88 300")
# A fixed layout: at the same moment of an inhale (1.0 s in) in steps whose captions differ in length
# (none, short, long, for both or for one partner), the pacers' centre, radius and ring are identical to
# the pixel; so is the PMR gauge through prepare, tense and release of groups with short and long
# instructions. Measured from the screenshots (tests/app/layout_check.py), at times read from `plan --json`.
set(layout_check ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/app/layout_check.py)
attune_app_test(pacer_stays_put_when_the_caption_changes
  "${layout_check} pacer ${app} ${ATTUNE_TEST_DATA_DIR}/ok/layout-breathe.yaml ${out}/layout-breathe ${size}")
attune_app_test(two_pacers_stay_put_when_the_captions_change
  "${layout_check} pacer ${app} ${ATTUNE_TEST_DATA_DIR}/ok/layout-two.yaml ${out}/layout-two 960x540")
attune_app_test(pmr_gauge_stays_put_through_prepare_tense_and_release
  "${layout_check} gauge ${app} ${ATTUNE_TEST_DATA_DIR}/ok/layout-pmr.yaml ${out}/layout-pmr ${size}")
set_tests_properties(app.pacer_stays_put_when_the_caption_changes app.two_pacers_stay_put_when_the_captions_change
  app.pmr_gauge_stays_put_through_prepare_tense_and_release PROPERTIES TIMEOUT 180)
# A broken script is listed in the library with its diagnostics (in the error colour), not hidden.
attune_app_test(library_lists_a_broken_script_with_its_diagnostics
  "${app} ${ATTUNE_TEST_DATA_DIR}/app/broken.yaml --screen library --screenshot ${out}/library.png --size 1280x720 && ${png_check} red ${out}/library.png 0,0,1,1 200")
# The real loop: start at once, play for two seconds, quit by itself with exit code 0.
attune_app_test(plays_and_quits_after_the_given_time
  "${app} ${together} --start --quit-after 2")
# A bad --size is a usage error: exit 2 exactly, nothing on stdout, the reason and the hint on stderr.
add_test(NAME app.bad_size_is_a_usage_error
  COMMAND ${CMAKE_COMMAND} -E env ${ATTUNE_APP_ENV} ${CMAKE_CURRENT_SOURCE_DIR}/cli/expect_output.sh 2 ""
          "--size: must be WIDTHxHEIGHT, 160x120 to 16384x16384, e.g. 1280x720 (got 'big')\nRun with --help for more information."
          ${app} --size big --quit-after 0)
set_tests_properties(app.bad_size_is_a_usage_error PROPERTIES LABELS app)

# The same picture through a real X server (Xvfb), when xvfb-run is installed.
find_program(XVFB_RUN xvfb-run)
if(XVFB_RUN)
  add_test(NAME app.xvfb_screenshot_has_caption_and_pacers
    COMMAND ${CMAKE_COMMAND} -E env SDL_AUDIODRIVER=dummy XDG_CONFIG_HOME=${out}/config XDG_DATA_HOME=${out}/data
            ${XVFB_RUN} -a sh -c "${app} ${together} --screenshot ${out}/xvfb.png --at $(${plan_time} inhale 1 1.5 own) --size ${size} && ${png_check} text ${out}/xvfb.png 0.05,0.66,0.95,0.88 300 && ${png_check} differ ${out}/xvfb.png 0,0.18,0.5,0.72 0.5,0.18,1,0.72")
  set_tests_properties(app.xvfb_screenshot_has_caption_and_pacers PROPERTIES LABELS app TIMEOUT 60)
endif()

# The facilitator's setup: an audience window and a presenter window, playing, quits cleanly.
attune_app_test(presenter_window_plays_and_quits
  "${app} ${together} --presenter --start --quit-after 2 --size ${size}")
# Two files play as an agenda; the first one's player is what --at shows.
attune_app_test(agenda_of_two_files_renders_the_first
  "${app} ${together} ${ATTUNE_SOURCE_SESSIONS_DIR}/box-breathing.yaml --screenshot ${out}/agenda.png --at 40 --size ${size} && ${png_check} text ${out}/agenda.png 0.05,0.66,0.95,0.88 300")
# `cmake --install` puts the binary, the built-in sessions, the .desktop entry and the icon where Debian
# expects them, and the installed binary finds its sessions next to itself.
attune_app_test(install_puts_desktop_entry_icon_and_sessions
  "rm -rf ${out}/prefix && ${CMAKE_COMMAND} --install ${CMAKE_BINARY_DIR} --prefix ${out}/prefix >/dev/null && test -x ${out}/prefix/bin/attune && grep -q '^Exec=attune %F$' ${out}/prefix/share/applications/io.github.attune.attune.desktop && grep -q '^Icon=attune$' ${out}/prefix/share/applications/io.github.attune.attune.desktop && test -f ${out}/prefix/share/icons/hicolor/scalable/apps/attune.svg && test -f ${out}/prefix/share/attune/sessions/breathing-together.yaml && ${out}/prefix/bin/attune --screenshot ${out}/installed.png --size ${size} && ${png_check} text ${out}/installed.png 0,0,1,1 300")
# A corrupt settings file is kept aside as settings.yaml.bad, the defaults are used and the user is told.
add_test(NAME app.corrupt_settings_are_kept_aside_and_the_user_is_told
  COMMAND sh -c "rm -rf ${out}/corrupt && mkdir -p ${out}/corrupt/attune && echo 'theme: [oops' > ${out}/corrupt/attune/settings.yaml && SDL_VIDEODRIVER=offscreen XDG_CONFIG_HOME=${out}/corrupt XDG_DATA_HOME=${out}/data ${app} --screenshot ${out}/corrupt.png --size ${size} 2>&1 | grep -q 'Your settings file could not be read' && test -f ${out}/corrupt/attune/settings.yaml.bad && test ! -f ${out}/corrupt/attune/settings.yaml")
set_tests_properties(app.corrupt_settings_are_kept_aside_and_the_user_is_told PROPERTIES LABELS app TIMEOUT 60)
