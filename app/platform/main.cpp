// app/platform/main.cpp: the entry point of `attune`; the program is platform::Main (cli_main.cpp).
#include "platform/command.hpp"

int main(int argc, char** argv) { return attune::platform::Main(argc, argv); }
