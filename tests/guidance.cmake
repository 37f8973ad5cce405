# The numbers of spoken guidance (issue 8), label "guidance": measured on every built-in session and on the
# fixtures in tests/data/guidance with tests/guidance/guidance_check.py (standard-library Python), from
# `attune plan --json` and from `attune render --layers voice|cues`. Each check also runs on a fixture that
# must fail it (a test of the test), and fails itself when it finds nothing to check.
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  return()
endif()

set(ATTUNE_GUIDANCE_OUT ${CMAKE_CURRENT_BINARY_DIR}/guidance)
file(MAKE_DIRECTORY ${ATTUNE_GUIDANCE_OUT})
set(ATTUNE_GUIDANCE_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/guidance)
set(guidance_check ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/guidance/guidance_check.py)
set(guidance_args --attune $<TARGET_FILE:attune> --work ${ATTUNE_GUIDANCE_OUT})
set(guidance_rate 16000)

# attune_guidance_test(NAME CHECK ARGS...): one run of the checker.
function(attune_guidance_test name check)
  add_test(NAME guidance.${name} COMMAND ${guidance_check} ${check} ${guidance_args} ${ARGN})
  set_tests_properties(guidance.${name} PROPERTIES LABELS guidance TIMEOUT 120)
endfunction()

# attune_guidance_prepare(NAME SCRIPT DIR [--cues]): writes NAME.plan.json and NAME.voice.wav (and with --cues
# NAME.cues.wav) into DIR once, as a ctest fixture, for the checks that read them with --from DIR.
function(attune_guidance_prepare name script dir)
  add_test(NAME guidance.prepare.${name}
           COMMAND ${guidance_check} prepare ${script} --attune $<TARGET_FILE:attune> --work ${dir}
                   --rate ${guidance_rate} ${ARGN})
  set_tests_properties(guidance.prepare.${name} PROPERTIES LABELS guidance TIMEOUT 120
                       FIXTURES_SETUP guidance_${name})
endfunction()

# attune_guidance_after(TEST NAME...): TEST runs after the prepare steps of NAME..., even where one failed
# (a broken script is then reported by TEST itself, and the other sessions are still checked).
function(attune_guidance_after test)
  set(tests "")
  foreach(name ${ARGN})
    list(APPEND tests guidance.prepare.${name})
  endforeach()
  set_tests_properties(guidance.${test} PROPERTIES DEPENDS "${tests}")
endfunction()

# attune_guidance_uses(TEST NAME...): TEST reads what the prepare steps of NAME... wrote.
function(attune_guidance_uses test)
  set(fixtures "")
  foreach(name ${ARGN})
    list(APPEND fixtures guidance_${name})
  endforeach()
  set_tests_properties(guidance.${test} PROPERTIES FIXTURES_REQUIRED "${fixtures}")
endfunction()

# ---- every built-in session -------------------------------------------------------------------------
set(builtin ${ATTUNE_GUIDANCE_OUT}/builtin)
file(GLOB guidance_sessions CONFIGURE_DEPENDS ${ATTUNE_SOURCE_SESSIONS_DIR}/*.yaml)
set(guidance_names "")
foreach(script ${guidance_sessions})
  get_filename_component(name ${script} NAME_WE)
  list(APPEND guidance_names ${name})
  file(STRINGS ${script} pmr_lines REGEX "^[ -]*pmr:")
  file(STRINGS ${script} scan_lines REGEX "^[ -]*body_scan:")
  if(scan_lines)
    attune_guidance_prepare(${name} ${script} ${builtin} --cues)
  else()
    attune_guidance_prepare(${name} ${script} ${builtin})
  endif()
  # No two prompts for one listener overlap, and each listed spoken end is where the speech really ends.
  attune_guidance_test(prompts_do_not_overlap.${name} prompt-overlap ${script} --from ${builtin})
  attune_guidance_uses(prompts_do_not_overlap.${name} ${name})
  attune_guidance_test(spoken_end_matches_the_voice.${name} spoken-end ${script} --from ${builtin})
  attune_guidance_uses(spoken_end_matches_the_voice.${name} ${name})
  if(pmr_lines)
    # At least 5 s without speech in every PMR tense phase.
    attune_guidance_test(tense_phases_are_silent.${name} tense-silence ${script} --from ${builtin})
    attune_guidance_uses(tense_phases_are_silent.${name} ${name})
  endif()
  if(scan_lines)
    # Region cues at least 12 dB below step cues of the same timbre.
    attune_guidance_test(region_cues_are_soft.${name} region-cues ${script} --from ${builtin})
    attune_guidance_uses(region_cues_are_soft.${name} ${name})
  endif()
endforeach()
# Checks of the plan alone, over all sessions at once: some sessions have no breathing step with its own
# prompt, or no boundary between two breathing steps, but together they must have some. (A plan missing
# from ${builtin} is made by the check.)
if(guidance_sessions)
  attune_guidance_test(breathing_prompts_end_before_the_first_breath.builtin prompt-before-breath
                       ${guidance_sessions} --from ${builtin})
  attune_guidance_after(breathing_prompts_end_before_the_first_breath.builtin ${guidance_names})
  attune_guidance_test(no_breath_twice_across_steps.builtin no-breath-twice ${guidance_sessions} --from ${builtin})
  attune_guidance_after(no_breath_twice_across_steps.builtin ${guidance_names})
endif()

# ---- fixtures that should pass ------------------------------------------------------------------------
set(d ${ATTUNE_GUIDANCE_DATA})
set(own ${ATTUNE_GUIDANCE_OUT}/fixtures)
foreach(name pmr body-scan breathing)
  attune_guidance_prepare(fixture-${name} ${d}/${name}.yaml ${own})
  attune_guidance_test(prompts_do_not_overlap.fixture-${name} prompt-overlap ${d}/${name}.yaml --from ${own})
  attune_guidance_test(spoken_end_matches_the_voice.fixture-${name} spoken-end ${d}/${name}.yaml --from ${own})
  attune_guidance_uses(prompts_do_not_overlap.fixture-${name} fixture-${name})
  attune_guidance_uses(spoken_end_matches_the_voice.fixture-${name} fixture-${name})
endforeach()
attune_guidance_test(tense_phases_are_silent.fixture-pmr tense-silence ${d}/pmr.yaml --from ${own})
attune_guidance_uses(tense_phases_are_silent.fixture-pmr fixture-pmr)
attune_guidance_test(breathing_prompts_end_before_the_first_breath.fixture prompt-before-breath
                     ${d}/breathing.yaml --from ${own})
attune_guidance_uses(breathing_prompts_end_before_the_first_breath.fixture fixture-breathing)
attune_guidance_test(no_breath_twice_across_steps.fixture no-breath-twice ${d}/breathing.yaml --from ${own})
attune_guidance_uses(no_breath_twice_across_steps.fixture fixture-breathing)
# A top-up inhale within a step is not a breath twice; a `say` between two exhales breaks the sequence.
attune_guidance_test(no_breath_twice_allows_a_top_up_inhale no-breath-twice ${d}/breath-top-up.json
                     --plan-json ${d}/breath-top-up.json)
attune_guidance_test(region_cues_are_soft.fixture-body-scan region-cues ${d}/body-scan.yaml)
attune_guidance_test(region_cues_are_soft.fixture-regions-quiet region-cues ${d}/regions-quiet.yaml)

# ---- tests of the tests: fixtures that each check must catch ------------------------------------------
attune_guidance_test(catches.a_short_tense_phase tense-silence ${d}/pmr-short-tense.yaml
                     --expect-failure "tense phase .* only [0-9.]+ s without speech")
attune_guidance_test(catches.talking_through_the_tension tense-silence ${d}/pmr-talking-tense.yaml
                     --expect-failure "tense phase .* only [0-9.]+ s without speech")
attune_guidance_test(catches.no_tense_phase_to_check tense-silence ${d}/breathing.yaml
                     --expect-failure "found no PMR tense phases to check")
attune_guidance_test(catches.overlapping_prompts prompt-overlap ${d}/body-scan-lead-in-0.yaml
                     --expect-failure "listener both: line [0-9]+ .* is still speaking when line [0-9]+")
attune_guidance_test(catches.a_spoken_end_listed_late spoken-end ${d}/pmr.yaml --from ${own}
                     --tamper-end 0.5 --expect-failure "the plan says its speech ends at .* \\(-0\\.[0-9]+ s\\)")
attune_guidance_uses(catches.a_spoken_end_listed_late fixture-pmr)
attune_guidance_test(catches.a_spoken_end_listed_early spoken-end ${d}/pmr.yaml --from ${own}
                     --tamper-end -0.5 --expect-failure "the plan says its speech ends at .* \\(\\+0\\.[0-9]+ s\\)")
attune_guidance_uses(catches.a_spoken_end_listed_early fixture-pmr)
attune_guidance_test(catches.a_prompt_over_the_first_breath prompt-before-breath ${d}/breathing-lead-in-0.yaml
                     --expect-failure "step 1 .* after the first breath")
attune_guidance_test(catches.a_breath_out_twice no-breath-twice ${d}/breath-twice.json
                     --plan-json ${d}/breath-twice.json
                     --expect-failure "person b: exhale at 4.000-10.000 s .* followed by exhale at 11.000")
attune_guidance_test(catches.no_region_cue_to_check region-cues ${d}/pmr.yaml
                     --expect-failure "found no region cues to check")
# regions-loud.yaml rings a full step cue at each region time of regions-quiet.yaml: measured with the
# quiet twin's plan, every region cue is too loud.
set(loud_wav ${ATTUNE_GUIDANCE_OUT}/regions-loud.cues.wav)
add_test(NAME guidance.catches.loud_region_cues
         COMMAND sh -c "$<TARGET_FILE:attune> render '${d}/regions-loud.yaml' -o '${loud_wav}' --layers cues --rate ${guidance_rate} >/dev/null && ${Python3_EXECUTABLE} '${CMAKE_CURRENT_SOURCE_DIR}/guidance/guidance_check.py' region-cues '${d}/regions-quiet.yaml' --attune '$<TARGET_FILE:attune>' --wav '${loud_wav}' --expect-failure 'region cue .* at 12.000 s: peak .* only -?[0-9.]+ dB below'")
set_tests_properties(guidance.catches.loud_region_cues PROPERTIES LABELS guidance TIMEOUT 120)
