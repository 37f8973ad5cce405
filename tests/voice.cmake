# tests/voice.cmake: how understandable the synthesized voice is, label "voice". attune_speak_wavs speaks
# tests/voice/sentences.txt (ten guidance sentences) as 16 kHz WAVs; wer_check.py recognizes them with
# pocketsphinx (Debian pocketsphinx, pocketsphinx-en-us) and computes the word error rate. The natural
# English voice must stay at or under 25%; espeak-ng's figure is printed beside it, not asserted.
find_package(Python3 COMPONENTS Interpreter)
find_program(ATTUNE_POCKETSPHINX pocketsphinx_continuous)
add_executable(attune_speak_wavs ${CMAKE_CURRENT_SOURCE_DIR}/voice/speak_wavs.cpp)
target_link_libraries(attune_speak_wavs PRIVATE attune_audio attune_warnings)
if(NOT Python3_Interpreter_FOUND OR NOT ATTUNE_POCKETSPHINX)
  return()
endif()
set(ATTUNE_VOICE_OUT ${CMAKE_CURRENT_BINARY_DIR}/voice)
file(MAKE_DIRECTORY ${ATTUNE_VOICE_OUT})
set(voice_check ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/voice/wer_check.py
    --tool $<TARGET_FILE:attune_speak_wavs> --work ${ATTUNE_VOICE_OUT} --wpm 125)
add_test(NAME voice.wer_natural COMMAND ${voice_check} --voice kal16 --max 0.25)
add_test(NAME voice.wer_espeak COMMAND ${voice_check} --voice espeak)
set_tests_properties(voice.wer_natural voice.wer_espeak PROPERTIES LABELS voice TIMEOUT 90)
