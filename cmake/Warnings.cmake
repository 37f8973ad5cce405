# attune_warnings: the warning flags every Attune target compiles with (-Werror with ATTUNE_WERROR).
add_library(attune_warnings INTERFACE)
target_compile_options(attune_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Wpedantic -Wnon-virtual-dtor -Wold-style-cast
  -Woverloaded-virtual -Wimplicit-fallthrough)
if(ATTUNE_WERROR)
  target_compile_options(attune_warnings INTERFACE -Werror)
endif()
