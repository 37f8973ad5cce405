# The live sound never clicks (label "audio"): the real app under Xvfb with SDL's disk driver, muted,
# unmuted, paused, resumed and skipped by keys; the captured stream has no sample-to-sample step over 0.05
# of full scale (0.01 on this quiet glide). Needs xvfb-run and xdotool (scripts/setup).
find_program(XVFB_RUN xvfb-run)
find_program(XDOTOOL xdotool)
if(NOT XVFB_RUN OR NOT XDOTOOL)
  message(STATUS "audio.live.keys_never_click: skipped (needs xvfb-run and xdotool)")
  return()
endif()

add_test(NAME audio.live.muting_pausing_and_skipping_by_keys_never_click
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1024x768x24"
          ${CMAKE_CURRENT_SOURCE_DIR}/app/continuity_capture.sh $<TARGET_FILE:attune> $<TARGET_FILE:audio_check>
          ${ATTUNE_TEST_DATA_DIR}/audio/glide-steps.yaml ${CMAKE_CURRENT_BINARY_DIR}/continuity_capture)
set_tests_properties(audio.live.muting_pausing_and_skipping_by_keys_never_click
  PROPERTIES LABELS "audio;app" TIMEOUT 60)
