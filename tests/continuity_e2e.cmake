# The live sound of the real app through SDL's disk driver (label "audio"): a session's start is heard
# whole (its clock waits for its sound), and muting, unmuting, pausing, resuming and skipping by keys never
# click (no sample-to-sample step over 0.05 of full scale; 0.01 on this quiet glide).
add_test(NAME audio.live.the_start_of_a_session_is_heard_whole
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/app/start_capture.sh $<TARGET_FILE:attune> $<TARGET_FILE:audio_check>
          ${ATTUNE_TEST_DATA_DIR}/audio/glide-then-voice.yaml ${CMAKE_CURRENT_BINARY_DIR}/start_capture)
set_tests_properties(audio.live.the_start_of_a_session_is_heard_whole PROPERTIES LABELS audio TIMEOUT 60)

# The keys are sent by xdotool under Xvfb.
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
