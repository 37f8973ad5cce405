# Tests of rendered and live audio (label "audio"): `attune render` checked against `attune plan --json`
# from the signal alone, and the live path through SDL's disk driver checked against the offline render.
add_executable(audio_check ${CMAKE_CURRENT_LIST_DIR}/audio_e2e/audio_check.cpp)
target_link_libraries(audio_check PRIVATE attune_warnings)
add_executable(live_play ${CMAKE_CURRENT_LIST_DIR}/audio_e2e/live_play.cpp)
target_link_libraries(live_play PRIVATE attune_audio_device attune_warnings)

set(ATTUNE_AUDIO_E2E_DIR ${CMAKE_CURRENT_BINARY_DIR}/audio_e2e)
file(MAKE_DIRECTORY ${ATTUNE_AUDIO_E2E_DIR})

# Every cue's onset, found in the signal, lies within 1 ms of its planned time (cue layer alone, so that
# speech and ambience do not hide onsets); the full mix never reaches full scale.
foreach(script
    ${ATTUNE_SOURCE_SESSIONS_DIR}/breathing-together.yaml
    ${ATTUNE_SOURCE_SESSIONS_DIR}/pmr-7.yaml
    ${ATTUNE_SOURCE_SESSIONS_DIR}/quiet-sitting.yaml
    ${ATTUNE_TEST_DATA_DIR}/audio/ticks.yaml)
  get_filename_component(name ${script} NAME_WE)
  set(out ${ATTUNE_AUDIO_E2E_DIR}/${name})
  add_test(NAME audio.render.${name}.cue_onsets_match_the_plan
    COMMAND sh -c "$<TARGET_FILE:attune> plan --json '${script}' > '${out}.json' && $<TARGET_FILE:attune> render '${script}' -o '${out}.cues.wav' --layers cues && $<TARGET_FILE:audio_check> onsets '${out}.json' '${out}.cues.wav'")
  set_tests_properties(audio.render.${name}.cue_onsets_match_the_plan PROPERTIES LABELS audio)
endforeach()

set(together ${ATTUNE_SOURCE_SESSIONS_DIR}/breathing-together.yaml)
add_test(NAME audio.render.full_mix_never_reaches_full_scale
  COMMAND sh -c "$<TARGET_FILE:attune> render '${together}' -o '${ATTUNE_AUDIO_E2E_DIR}/together.wav' && $<TARGET_FILE:audio_check> peak '${ATTUNE_AUDIO_E2E_DIR}/together.wav'")
add_test(NAME audio.render.glides_are_continuous_and_on_each_partners_side
  COMMAND sh -c "$<TARGET_FILE:attune> render '${ATTUNE_TEST_DATA_DIR}/audio/partners-glide.yaml' -o '${ATTUNE_AUDIO_E2E_DIR}/partners.wav' --layers breath && $<TARGET_FILE:audio_check> steps '${ATTUNE_AUDIO_E2E_DIR}/partners.wav' 0.02 && $<TARGET_FILE:audio_check> sides '${ATTUNE_AUDIO_E2E_DIR}/partners.wav'")
# An unknown layer is a usage error: exit 2 exactly, nothing on stdout, the reason and the hint on stderr.
add_test(NAME audio.render.bad_layer_is_a_usage_error
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/expect_output.sh 2 ""
          "--layers: drums not in {cues,breath,voice,ambience}\nRun with --help for more information."
          $<TARGET_FILE:attune> render ${together} -o ${ATTUNE_AUDIO_E2E_DIR}/bad.wav --layers drums)
set_tests_properties(audio.render.full_mix_never_reaches_full_scale
  audio.render.glides_are_continuous_and_on_each_partners_side audio.render.bad_layer_is_a_usage_error
  PROPERTIES LABELS audio)

# The live path through the disk driver, faster than real time: the recorded stream equals the offline
# render sample for sample (after the lead-in), and its cues land on the planned samples.
add_test(NAME audio.live.disk_stream_matches_the_offline_render
  COMMAND sh -c "$<TARGET_FILE:attune> render '${together}' -o '${ATTUNE_AUDIO_E2E_DIR}/offline.wav' && $<TARGET_FILE:live_play> '${together}' && $<TARGET_FILE:audio_check> same '${ATTUNE_AUDIO_E2E_DIR}/live.raw' '${ATTUNE_AUDIO_E2E_DIR}/offline.wav'")
set_tests_properties(audio.live.disk_stream_matches_the_offline_render PROPERTIES LABELS audio
  ENVIRONMENT "SDL_AUDIODRIVER=disk;SDL_DISKAUDIOFILE=${ATTUNE_AUDIO_E2E_DIR}/live.raw;SDL_DISKAUDIODELAY=0")

# No device: the session still plays to its end on the monotonic clock, and the user is told.
add_test(NAME audio.live.without_a_device_the_session_still_plays
  COMMAND $<TARGET_FILE:live_play> ${together} --before-end 0.5)
set_tests_properties(audio.live.without_a_device_the_session_still_plays PROPERTIES LABELS audio
  ENVIRONMENT "SDL_AUDIODRIVER=nosuchdriver"
  PASS_REGULAR_EXPRESSION "device: No audio device: playing silently.*finished: 0.5 s of session")
