# tests/layers.cmake: the layering is a build fact. Each layer's library compiles with an include path that
# holds only its own headers and those of the layers below it (cmake/IncludeRoots.cmake), and only
# attune_audio_device links SDL audio. The test compiles one-line files with each library's real include
# directories (transitive, as its own sources get them) and expects each to compile, or to fail with the
# compiler's exact "No such file or directory" for the header a layer must not reach.
set(ATTUNE_LAYER_TARGETS attune_core attune_audio attune_audio_device attune_ui attune_platform)
set(ATTUNE_LAYER_ARGS)
foreach(target ${ATTUNE_LAYER_TARGETS})
  list(APPEND ATTUNE_LAYER_ARGS
       "-D${target}_INCLUDES=$<JOIN:$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>,|>"
       "-D${target}_LINKS=$<JOIN:$<TARGET_PROPERTY:${target},LINK_LIBRARIES>,|>")
endforeach()
add_test(NAME layers.a_layer_cannot_include_a_higher_one
         COMMAND ${CMAKE_COMMAND} -DCXX=${CMAKE_CXX_COMPILER} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/layers
                 ${ATTUNE_LAYER_ARGS} -P ${CMAKE_CURRENT_SOURCE_DIR}/layers/check_layers.cmake)
set_tests_properties(layers.a_layer_cannot_include_a_higher_one PROPERTIES LABELS unit TIMEOUT 300)
