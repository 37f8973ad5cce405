# Audio files a script names, as `attune check` and `attune render` meet them (tests/data/media, made by
# its make.py): headers outside the clip limits or that the file cannot hold are errors at the value that
# names the file, found from the header alone, so even a render refuses them at once.
attune_cli_test(check.media_outside_the_limits 1 ""
  "tests/data/media/bad-voice.yaml:7:12: error: 'voice' file 'slow.wav' has a sample rate of 1 Hz, outside 8000-192000 Hz\\ntests/data/media/bad-voice.yaml:9:12: error: 'voice' file 'fast.wav' has a sample rate of 2000000000 Hz, outside 8000-192000 Hz\\ntests/data/media/bad-voice.yaml:11:12: error: 'voice' file 'nine.wav' has 9 channels, outside 1-8\\ntests/data/media/bad-voice.yaml:13:12: error: 'voice' file 'none.wav' cannot be read: not a readable audio file (channel count is zero)\\ntests/data/media/bad-voice.yaml:15:12: error: 'voice' file 'huge.flac' cannot be read: its header claims 68719476735 frames but the file can hold at most 344064\\ntests/data/media/bad-voice.yaml:17:12: warning: 'voice' file 'short.wav' is silent: its loudest sample is under -60 dBFS\\ntests/data/media/bad-voice.yaml: invalid (5 errors)"
  check tests/data/media/bad-voice.yaml)
attune_cli_test(check.ambience_outside_the_limits 1 ""
  "tests/data/media/bad-ambience.yaml:5:13: error: 'ambience' file 'slow.wav' has a sample rate of 1 Hz, outside 8000-192000 Hz\\ntests/data/media/bad-ambience.yaml: invalid (1 error)"
  check tests/data/media/bad-ambience.yaml)
# It once took 119 s and 3.8 GB to render; now the render stops before it starts.
attune_cli_test(render.ambience_outside_the_limits 1 ""
  "tests/data/media/bad-ambience.yaml:5:13: error: 'ambience' file 'slow.wav' has a sample rate of 1 Hz, outside 8000-192000 Hz"
  render tests/data/media/bad-ambience.yaml -o ${CMAKE_CURRENT_BINARY_DIR}/bad-ambience.wav)
set_tests_properties(cli.render.ambience_outside_the_limits PROPERTIES TIMEOUT 10)
