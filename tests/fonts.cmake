# Text in any script (label "app"): screenshots of a session with Japanese, Arabic and Hebrew in its title,
# partners' names and captions must differ, region by region, from the same screens drawn with every
# non-ASCII character replaced by U+FFFD (what the app drew before it had fonts for them), and the app must
# not report a glyph no font has (tests/app/text_check.py). Under Xvfb when xvfb-run is installed, else
# SDL's offscreen driver.
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  return()
endif()
set(text_out ${CMAKE_CURRENT_BINARY_DIR}/text_shots)
set(text_check ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/app/text_check.py)
set(text_env SDL_AUDIODRIVER=dummy XDG_CONFIG_HOME=${text_out}/config XDG_DATA_HOME=${text_out}/data)
find_program(XVFB_RUN xvfb-run)
if(XVFB_RUN)
  set(text_run ${XVFB_RUN} -a -s "-screen 0 1280x720x24")
else()
  list(APPEND text_env SDL_VIDEODRIVER=offscreen)
  set(text_run)
endif()
add_test(NAME app.text_japanese_arabic_hebrew_are_drawn_not_replaced
  COMMAND ${CMAKE_COMMAND} -E env ${text_env} ${text_run}
          ${text_check} drawn $<TARGET_FILE:attune> ${ATTUNE_TEST_DATA_DIR}/text/three-scripts.yaml
          ${text_out}/three 960x540)
# The check can fail: an astral emoji (above ImGui 1.86's 16-bit ImWchar) is reported by its codepoint,
# and only it (U+263A comes from DejaVu Sans).
add_test(NAME app.text_an_undrawable_emoji_is_reported
  COMMAND ${CMAKE_COMMAND} -E env ${text_env} ${text_run}
          ${text_check} missing $<TARGET_FILE:attune> ${ATTUNE_TEST_DATA_DIR}/text/emoji.yaml ${text_out}/emoji
          960x540 "attune: no installed font draws U+1F600 (shown as a replacement mark); scripts/setup installs fonts-noto-core, fonts-noto-cjk and fonts-symbola")
set_tests_properties(app.text_japanese_arabic_hebrew_are_drawn_not_replaced app.text_an_undrawable_emoji_is_reported
  PROPERTIES LABELS app TIMEOUT 120)
