# CLI tests of the real `attune` binary as authors and tools meet it: `check`, `--version`, `--help` and
# usage errors. Each checks the exit code and the exact output (tests/cli/expect_output.sh).
set(ATTUNE_EXPECT ${CMAKE_CURRENT_SOURCE_DIR}/cli/expect_output.sh)

function(attune_cli_test name code out err)
  add_test(NAME cli.${name} COMMAND bash ${ATTUNE_EXPECT} "${code}" "${out}" "${err}" $<TARGET_FILE:attune> ${ARGN}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli.${name} PROPERTIES LABELS cli TIMEOUT 60)
endfunction()

attune_cli_test(version 0 "attune ${PROJECT_VERSION}" "" --version)
add_test(NAME cli.help COMMAND $<TARGET_FILE:attune> --help)
set_tests_properties(cli.help PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "check.*Validate session scripts")
add_test(NAME cli.check.help COMMAND $<TARGET_FILE:attune> check --help)
set_tests_properties(cli.check.help PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "files TEXT \\.\\.\\. REQUIRED")

# Usage errors exit 2.
attune_cli_test(check.no_file 2 "" "files is required\\nRun with --help for more information." check)
attune_cli_test(check.unknown_option 2 "" "-" check --bogus tests/data/ok/warnings.yaml)

# Valid files: a summary line each on stdout, warnings on stderr, exit 0.
attune_cli_test(check.valid_file 0 "tests/data/ok/box.yaml: ok (4 min 16 s, 1 person)" "" check
                tests/data/ok/box.yaml)
file(GLOB ATTUNE_BUILTIN_SESSIONS RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sessions/*.yaml)
if(ATTUNE_BUILTIN_SESSIONS)
  attune_cli_test(check.every_builtin_session 0 "-" "-" check ${ATTUNE_BUILTIN_SESSIONS})
endif()
attune_cli_test(check.warnings_allowed 0 "tests/data/ok/warnings.yaml: ok (1 min 8 s, 1 person, 3 warnings)"
  "tests/data/ok/warnings.yaml:4:14: warning: an inhale of 1 s is shorter than 1.5 s and may feel rushed\\ntests/data/ok/warnings.yaml:4:14: warning: a breath hold of 31 s is longer than 30 s\\ntests/data/ok/warnings.yaml:6:5: warning: 'mode' has no effect in a one-person session"
  check tests/data/ok/warnings.yaml)
attune_cli_test(check.voice_clip_length 0 "tests/data/ok/voice.yaml: ok (2.5 s, 1 person, 1 warning)"
  "tests/data/ok/voice.yaml:7:12: warning: the voice clip 'clip.wav' lasts 1.5 s, longer than its step (1 s)"
  check tests/data/ok/voice.yaml)
# A recorded voice that is silent or clipped plays, with a warning each (the clip's samples, decoded).
attune_cli_test(check.voice_clip_levels 0 "tests/data/ok/voice_levels.yaml: ok (2.5 s, 1 person, 2 warnings)"
  "tests/data/ok/voice_levels.yaml:5:12: warning: 'voice' file 'silent.wav' is silent: its loudest sample is under -60 dBFS\ntests/data/ok/voice_levels.yaml:7:12: warning: 'voice' file 'clipped.wav' is clipped in 220 places: its peaks are cut off at full scale; record it again, quieter"
  check tests/data/ok/voice_levels.yaml)

# Invalid files: every error of each file, in file order, and exit 1.
attune_cli_test(check.several_errors 1 ""
  "tests/data/bad/several-errors.yaml:1:9: error: 'attune' must be 1 (got 2)\\ntests/data/bad/several-errors.yaml:4:5: error: a breathe step needs 'cycles' or 'for'\\ntests/data/bad/several-errors.yaml:4:14: error: 'exhale' must be at least 0.5 s (got 0.2 s)\\ntests/data/bad/several-errors.yaml:5:5: error: unknown key 'cycels' in a breathe step; did you mean 'cycles'?\\ntests/data/bad/several-errors.yaml:6:11: error: 'rest' must not be negative (got -1)\\ntests/data/bad/several-errors.yaml:7:11: error: 'bell' must be one of bowl, chime, gong, wood, tone, none (got 'gonk'); did you mean 'gong'?\\ntests/data/bad/several-errors.yaml: invalid (6 errors)"
  check tests/data/bad/several-errors.yaml)
attune_cli_test(check.duplicate_key 1 ""
  "tests/data/bad/duplicate-key.yaml:5:1: error: duplicate key 'title' (first at line 2)\\ntests/data/bad/duplicate-key.yaml: invalid (1 error)"
  check tests/data/bad/duplicate-key.yaml)
attune_cli_test(check.unknown_pattern 1 ""
  "tests/data/bad/unknown-pattern.yaml:6:14: error: unknown pattern 'setle'; did you mean 'settle'?\\ntests/data/bad/unknown-pattern.yaml: invalid (1 error)"
  check tests/data/bad/unknown-pattern.yaml)
attune_cli_test(check.block_cycle 1 ""
  "tests/data/bad/block-cycle.yaml:8:7: error: block 'a' uses itself: a -> b -> a\\ntests/data/bad/block-cycle.yaml: invalid (1 error)"
  check tests/data/bad/block-cycle.yaml)
attune_cli_test(check.voice_outside_folder 1 ""
  "tests/data/bad/voice-outside.yaml:5:12: error: 'voice' file '../ok/clip.wav' is outside the script's folder\\ntests/data/bad/voice-outside.yaml: invalid (1 error)"
  check tests/data/bad/voice-outside.yaml)
attune_cli_test(check.syntax_error 1 ""
  "tests/data/bad/syntax.yaml:3:6: error: invalid YAML: end of sequence flow not found\\ntests/data/bad/syntax.yaml: invalid (1 error)"
  check tests/data/bad/syntax.yaml)
# Limits that only the timeline compiler can know are reported by check too.
attune_cli_test(check.over_four_hours 1 "" "-" check tests/data/bad/too-long.yaml)

# A missing file is an error for that file; the others are still checked.
attune_cli_test(check.missing_file_and_valid_file 1 "tests/data/ok/box.yaml: ok (4 min 16 s, 1 person)"
  "nope.yaml: error: cannot open: No such file or directory\\nnope.yaml: invalid (1 error)"
  check nope.yaml tests/data/ok/box.yaml)

# `plan` reads a recorded clip's length from the file, as `check` and the app do: the say step with no
# `for` lasts the clip's 1.5 s, not the 3 s word-count default.
add_test(NAME cli.plan.say_lasts_its_voice_clip COMMAND $<TARGET_FILE:attune> plan tests/data/ok/voice.yaml
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.plan.say_lasts_its_voice_clip PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "0\\.000000  1\\.500000  both  say          1     4  Welcome\\.")

# Hostile input (issue 10). Text a script holds reaches the terminal escaped: no raw ESC on any stream.
string(ASCII 27 ATTUNE_ESC)
attune_cli_test(check.diagnostic_quotes_the_text_escaped 1 ""
  "tests/data/hostile-text/bad-key.yaml:5:5: error: a breathe step needs 'cycles' or 'for'\\ntests/data/hostile-text/bad-key.yaml:6:5: error: unknown key 'cyc\\\\x1b[2Jles' in a breathe step\\ntests/data/hostile-text/bad-key.yaml: invalid (2 errors)"
  check tests/data/hostile-text/bad-key.yaml)
foreach(format table json)
  set(flag "")
  set(title "\\\\x1b\\]0;owned\\\\x07Box\\\\x1b\\[2J")
  if(format STREQUAL json)
    set(flag --json)
    set(title "\"title\": \"\\\\u001b\\]0;owned\\\\u0007Box\\\\u001b\\[2J\"")
  endif()
  add_test(NAME cli.plan.${format}_escapes_terminal_controls
           COMMAND $<TARGET_FILE:attune> plan ${flag} tests/data/hostile-text/escapes.yaml
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli.plan.${format}_escapes_terminal_controls PROPERTIES LABELS cli TIMEOUT 60
                       PASS_REGULAR_EXPRESSION "${title}" FAIL_REGULAR_EXPRESSION "${ATTUNE_ESC}")
endforeach()

# A FIFO as the script is refused at once (it used to block in open() for a writer that never comes).
set(ATTUNE_FIFO_DIR ${CMAKE_CURRENT_BINARY_DIR}/cli-fifo)
add_test(NAME cli.check.fifo_is_not_a_regular_file
  COMMAND sh -c "rm -rf '${ATTUNE_FIFO_DIR}' && mkdir -p '${ATTUNE_FIFO_DIR}' && mkfifo '${ATTUNE_FIFO_DIR}/pipe.yaml' && exec timeout 10 bash '${ATTUNE_EXPECT}' 1 '' '${ATTUNE_FIFO_DIR}/pipe.yaml: error: not a regular file\\n${ATTUNE_FIFO_DIR}/pipe.yaml: invalid (1 error)\\n/dev/zero: error: not a regular file\\n/dev/zero: invalid (1 error)' '$<TARGET_FILE:attune>' check '${ATTUNE_FIFO_DIR}/pipe.yaml' /dev/zero")
set_tests_properties(cli.check.fifo_is_not_a_regular_file PROPERTIES LABELS cli TIMEOUT 20)

# Numeric options: NaN, infinities and values out of range are usage errors that name the range.
attune_cli_test(window.at_nan_is_a_usage_error 2 ""
  "--at: must be a number from 0 to 14400 seconds (got 'nan')\\nRun with --help for more information."
  --at nan --screenshot build/never.png)
attune_cli_test(window.quit_after_1e308_is_a_usage_error 2 ""
  "--quit-after: must be a number from 0 to 86400 seconds (got '1e308')\\nRun with --help for more information."
  --quit-after 1e308)
attune_cli_test(render.rate_inf_is_a_usage_error 2 ""
  "--rate: must be a number from 8000 to 192000 Hz (got 'inf')\\nRun with --help for more information."
  render tests/data/ok/box.yaml -o build/never.wav --rate inf)
